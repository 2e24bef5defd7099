import * as path from "path";

/**
 * Where Meridian keeps what it builds while a program runs (function archives, the esbuild bundle cache):
 * `node_modules/.cache/meridian` of the project (`pulumi up` runs the program in the project folder), the
 * folder tools such as Babel, ESLint and webpack's loaders use (find-cache-dir's convention). It is ignored
 * by git with node_modules, wiped with it, and regenerated on the next run.
 */
export function cacheDir(...parts: string[]): string {
  return path.join(process.cwd(), "node_modules", ".cache", "meridian", ...parts);
}
