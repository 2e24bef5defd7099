import * as fs from "fs";
import * as path from "path";
import { describe } from "../errors";
import { globProblem } from "../glob";
import { Validator } from "../validate";

/** A validated native `code` source: the resolved directory and its include/exclude patterns. */
export interface CodeSource {
  readonly kind: "code";
  readonly dir: string;
  readonly handler: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

/**
 * `code` as a path or `{ path, include, exclude }` (lib/core/function/args.ts, CodeDirectory). The directory's
 * files are read when it is packaged (lib/bundling/code-tree.ts), still before anything registers.
 */
export function validateCodeSource(v: Validator, code: unknown, handler: string): CodeSource {
  if (typeof code !== "string" && (typeof code !== "object" || code === null || Array.isArray(code)))
    v.fail("code", `got ${describe(code)}; expected a directory path or { path, include?, exclude? }`);
  const given =
    typeof code === "string"
      ? { path: code }
      : v.object(code, "code", { allowedKeys: ["path", "include", "exclude"] })!;
  const field = typeof code === "string" ? "code" : "code.path";
  const dirGiven = v.string(given.path, field);
  const dir = path.resolve(dirGiven);
  if (!isDirectory(dir)) v.fail(field, `got ${describe(dirGiven)}; no such directory (resolved to ${dir})`);
  return {
    kind: "code",
    dir,
    handler,
    include: patterns(v, given.include, "code.include"),
    exclude: patterns(v, given.exclude, "code.exclude"),
  };
}

function patterns(v: Validator, value: unknown, field: string): string[] {
  const list = v.array(value, field, { optional: true }) ?? [];
  return list.map((item, i) => {
    const pattern = v.string(item, `${field}[${i}]`);
    const problem = globProblem(pattern);
    if (problem)
      v.fail(
        `${field}[${i}]`,
        `got ${describe(pattern)}; ${problem} (patterns: *, ?, [abc], ** and "/" relative to code.path)`,
      );
    return pattern;
  });
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
