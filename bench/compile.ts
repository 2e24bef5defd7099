import * as fs from "fs";
import * as path from "path";
import * as esbuild from "esbuild";
import { ROOT } from "./measure";

/**
 * Where the benchmark puts the library and its own children compiled to JavaScript. Inside node_modules
 * (ignored by git) so that the compiled files resolve `@pulumi/*` from the project's node_modules, as an
 * installed package would.
 */
export const COMPILED_ROOT = path.join(ROOT, "node_modules", ".cache", "meridian-bench");
export const COMPILED_LIB = path.join(COMPILED_ROOT, "lib");

/**
 * Compiles `lib/` and `bench/` file by file to CommonJS (no bundling: lazy per-cloud `require`s stay lazy),
 * next to copies of the TypeScript sources (the bundler reads its adapters and handlers as `.ts`). The
 * children then run on plain Node: users run the published JavaScript, and ts-node would otherwise charge
 * both sides for transpiling and, worse, for source-mapping every stack trace the Pulumi runtime captures
 * (over half of the evaluation time under ts-node). Returns the root of the compiled trees.
 */
export function compileForBench(out: string = COMPILED_ROOT): string {
  fs.rmSync(out, { recursive: true, force: true });
  for (const tree of ["lib", "bench"]) compileTree(path.join(ROOT, tree), path.join(out, tree));
  return out;
}

function compileTree(src: string, out: string): void {
  const files = listTs(src);
  for (const f of files) {
    const dest = path.join(out, path.relative(src, f));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(f, dest);
  }
  esbuild.buildSync({
    entryPoints: files,
    outdir: out,
    outbase: src,
    bundle: false,
    format: "cjs",
    platform: "node",
    target: "node20",
    sourcemap: false,
    logLevel: "silent",
  });
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(full));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out.sort();
}
