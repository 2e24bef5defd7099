import * as fs from "fs";
import * as esbuild from "esbuild";

/**
 * Lets `require` load a TypeScript program (`Pulumi.yaml` main `index.ts`) the way Pulumi's Node.js host does with
 * ts-node, but transpile-only with esbuild (already Meridian's bundler): a plan needs the program's behaviour,
 * not its type check (`tsc --noEmit` is the project's own step). Inline source maps keep stack traces on the
 * `.ts` lines. When a TypeScript loader is already registered (ts-node under mocha or `npm run plan` in this
 * repository), that one is kept.
 */
export function registerTypeScript(): void {
  const extensions = require.extensions as NodeJS.RequireExtensions;
  process.setSourceMapsEnabled?.(true);
  for (const ext of [".ts", ".cts"]) {
    if (extensions[ext]) continue;
    extensions[ext] = (module, filename) => {
      const source = fs.readFileSync(filename, "utf8");
      const { code } = esbuild.transformSync(source, {
        loader: "ts",
        format: "cjs",
        target: `node${process.versions.node.split(".")[0]}`,
        sourcefile: filename,
        sourcemap: "inline",
      });
      (module as NodeJS.Module & { _compile(code: string, filename: string): void })._compile(code, filename);
    };
  }
}
