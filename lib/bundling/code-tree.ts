import * as fs from "fs";
import * as path from "path";
import { ConfigError, describe } from "../core/errors";
import { compileGlob, Glob } from "../core/glob";
import type { ArchiveEntry } from "./zip";

/** What `readCodeTree` packages: the directory and the validated `code.include` / `code.exclude` patterns. */
export interface CodeTree {
  readonly dir: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

/**
 * The files of a native `code` directory, as archive entries (relative paths, forward slashes, sorted).
 *
 * - Hidden files and folders (a name starting with ".": `.env`, `.git`, `.aws`) are left out unless a `code.include`
 *   pattern names them (a hidden folder named brings what is in it): a `.env` or a VCS folder in a deployment zip is
 *   a leak, not a feature.
 * - `code.exclude` leaves out what it matches (a matched folder with everything in it), also when included.
 * - Symbolic links are refused when they point outside the directory, as AWS CDK's safest mode does ("Forbids source
 *   from having any symlinks pointing outside of the source tree ... If the copy operation runs into an external
 *   symlink, it will fail": SymlinkFollowMode.BLOCK_EXTERNAL,
 *   https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.SymlinkFollowMode.html). A refusal, not a skip: a
 *   skipped file is a function that fails at run time, and a warning is easy to miss. A link to a file inside the
 *   directory is packaged as that file's content (the archive has no links); a link to a folder inside it is walked,
 *   and one that leads back to a folder being walked (a loop) is refused.
 * - Anything else that cannot be packaged (a missing or unreadable file, a socket or FIFO, a dangling link) is a
 *   ConfigError on `code` naming the path, never a raw ENOENT/ELOOP/EACCES.
 *
 * Excluded and hidden paths are never opened, so a link or an unreadable file among them is no error.
 */
export function readCodeTree(component: string, tree: CodeTree): ArchiveEntry[] {
  const fail = (message: string): never => {
    throw new ConfigError(component, "code", `got ${describe(tree.dir)}; ${message}`);
  };
  const include = tree.include.map((p) => compileGlob(p, false));
  const exclude = tree.exclude.map((p) => compileGlob(p, true));
  const walkHidden = include.some((g) => g.entersHiddenFolder);
  const matches = (globs: readonly Glob[], rel: string) => globs.some((g) => g.regex.test(rel));
  // A hidden path is packaged when include names it, or names its innermost hidden folder (`.well-known`).
  const included = (rel: string) => {
    const segments = rel.split("/");
    const innermost = segments.map((s) => s.startsWith(".")).lastIndexOf(true);
    if (innermost < 0) return true;
    return matches(include, rel) || matches(include, segments.slice(0, innermost + 1).join("/"));
  };

  const root = realPath(tree.dir, ".", fail);
  if (!fs.statSync(root).isDirectory()) fail("code must be a directory");
  const out: ArchiveEntry[] = [];
  const walk = (rel: string, real: string, walking: readonly string[]) => {
    let names: string[];
    try {
      names = fs.readdirSync(real).sort();
    } catch (err) {
      return fail(`the folder ${describe(rel || ".")} cannot be read (${errorCode(err)})`);
    }
    for (const name of names) {
      const relPath = rel ? `${rel}/${name}` : name;
      if (matches(exclude, relPath)) continue;
      const isHidden = name.startsWith(".");
      // A hidden name is only opened when include may reach it: as a file it names, or a folder it enters.
      if (isHidden && !walkHidden && !matches(include, relPath)) continue;
      const target = linkTarget(path.join(real, name), relPath, root, fail);
      const stat = statOf(target, relPath, fail);
      if (stat.isDirectory()) {
        if (walking.includes(target))
          fail(`${describe(relPath)} is a symbolic link to a folder that contains it (a loop); remove the link`);
        walk(relPath, target, [...walking, target]);
      } else if (included(relPath)) {
        if (!stat.isFile())
          fail(`${describe(relPath)} is not a regular file (a socket, FIFO or device); list it in code.exclude`);
        out.push({ path: relPath, data: readFile(target, relPath, fail) });
      }
    }
  };
  walk("", root, [root]);
  if (out.length === 0)
    fail(
      'no file to package: the folder is empty, or every file in it is hidden (name starting with ".") or ' +
        "excluded; hidden files are packaged only when code.include names them",
    );
  return out;
}

type Fail = (message: string) => never;

function errorCode(err: unknown): string {
  return String((err as NodeJS.ErrnoException)?.code ?? err);
}

function realPath(p: string, rel: string, fail: Fail): string {
  try {
    return fs.realpathSync(p);
  } catch (err) {
    const code = errorCode(err);
    if (code === "ELOOP") return fail(`${describe(rel)} is a symbolic link that loops; remove the link`);
    if (code === "ENOENT")
      return fail(rel === "." ? "no such directory" : `${describe(rel)} is a symbolic link to nothing (dangling)`);
    return fail(`${describe(rel)} cannot be read (${code})`);
  }
}

/** The entry's real path: itself, or for a symbolic link its target, which must lie inside the code directory. */
function linkTarget(p: string, rel: string, root: string, fail: Fail): string {
  let isLink: boolean;
  try {
    isLink = fs.lstatSync(p).isSymbolicLink();
  } catch (err) {
    return fail(`${describe(rel)} cannot be read (${errorCode(err)})`);
  }
  if (!isLink) return p;
  const target = realPath(p, rel, fail);
  if (target !== root && !target.startsWith(root + path.sep))
    fail(
      `${describe(rel)} is a symbolic link to ${describe(target)}, outside the code directory; links may only point ` +
        "inside it (copy the file in, or leave the link out with code.exclude)",
    );
  return target;
}

function statOf(p: string, rel: string, fail: Fail): fs.Stats {
  try {
    return fs.statSync(p);
  } catch (err) {
    return fail(`${describe(rel)} cannot be read (${errorCode(err)})`);
  }
}

function readFile(p: string, rel: string, fail: Fail): Buffer {
  try {
    return fs.readFileSync(p);
  } catch (err) {
    return fail(`${describe(rel)} cannot be read (${errorCode(err)}); fix its permissions or list it in code.exclude`);
  }
}
