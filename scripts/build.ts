/**
 * `npm run build` (and `npm pack`, through `prepack`): compiles lib/ to dist/ — JavaScript, `.d.ts` and source
 * maps with the sources inlined — with tsconfig.build.json, from a clean dist/. The portable-handler adapters
 * are also copied as TypeScript: esbuild bundles them into each function at deploy time, from source, so a
 * function's bytes (and content hash) are the same whether Meridian runs from this repository or the package.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const ADAPTERS = path.join("bundling", "adapters");

export function build(): void {
  fs.rmSync(DIST, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json")],
    {
      stdio: "inherit",
    },
  );
  for (const file of fs.readdirSync(path.join(ROOT, "lib", ADAPTERS))) {
    if (file.endsWith(".ts") && !file.endsWith(".d.ts"))
      fs.copyFileSync(path.join(ROOT, "lib", ADAPTERS, file), path.join(DIST, ADAPTERS, file));
  }
  fs.chmodSync(path.join(DIST, "cli", "main.js"), 0o755);
}

if (require.main === module) {
  build();
  console.log(`built ${path.relative(process.cwd(), DIST) || "dist"}/`);
}
