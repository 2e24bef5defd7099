/**
 * The small glob dialect of `code.include` / `code.exclude` (ServerlessFunction), matched against paths relative to
 * the code directory with forward slashes:
 *
 * - `*` matches any run of characters within one path segment, `?` one character, `[abc]` / `[a-z]` / `[!a]` one
 *   character of (or not of) a set, `**` as a whole segment any number of segments (zero included);
 * - a pattern without `/` matches a name at any depth (`*.pyc`, `.env`), as in .gitignore; a leading `/` anchors it
 *   to the code directory (`/build`);
 * - with `dot: false` a wildcard never matches a name's leading `.`, as in a shell or minimatch's default, so a
 *   hidden file is only matched by a pattern that spells the dot (`.env`, `.well-known/**`).
 *
 * There is no negation (`!`) and no brace expansion: an include list and an exclude list say the same thing
 * without an order to get wrong.
 */
export interface Glob {
  readonly pattern: string;
  readonly regex: RegExp;
  /** Segments before the last that start with a literal "." (the hidden folders the pattern reaches into). */
  readonly entersHiddenFolder: boolean;
}

/** Why a pattern is not one this dialect accepts, or undefined when it is. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return "an empty pattern matches nothing";
  if (pattern.includes("\0")) return "a pattern cannot contain a NUL character";
  if (pattern.includes("\\")) return 'paths use "/" (a backslash is not a separator here)';
  if (pattern.startsWith("!")) return 'there is no "!" negation: list the files to keep in include';
  const body = pattern.replace(/^\/|\/$/g, "");
  if (body.length === 0) return "the pattern names the code directory itself";
  const segments = body.split("/");
  if (segments.some((s) => s === ".." || s === ".")) return 'paths are inside the code directory: no "." or ".."';
  if (segments.some((s) => s === "")) return 'an empty segment ("//")';
  for (const s of segments) {
    if (s !== "**" && s.includes("**")) return '"**" stands alone between slashes';
    let open = -1;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === "[" && open < 0) open = i;
      else if (s[i] === "]" && open >= 0 && i > open + 1 && !(i === open + 2 && s[open + 1] === "!")) open = -1;
    }
    if (open >= 0) return 'a "[" without its "]"';
  }
  return undefined;
}

/** Compiles a pattern accepted by `globProblem`. `dot`: wildcards also match a leading "." (exclude lists). */
export function compileGlob(pattern: string, dot: boolean): Glob {
  const anchored = pattern.startsWith("/") || pattern.replace(/\/$/, "").includes("/");
  const segments = pattern.replace(/^\/|\/$/g, "").split("/");
  const name = dot ? "[^/]+" : "(?!\\.)[^/]+";
  let source = anchored ? "^" : `^(?:${name}/)*`;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === "**") source += last ? `${name}(?:/${name})*` : `(?:${name}/)*`;
    else source += segmentSource(segment, dot) + (last ? "" : "/");
  });
  return {
    pattern,
    regex: new RegExp(`${source}$`, "u"),
    entersHiddenFolder: segments.slice(0, -1).some((s) => s.startsWith(".")),
  };
}

function segmentSource(segment: string, dot: boolean): string {
  let out = !dot && /^[*?[]/.test(segment) ? "(?!\\.)" : "";
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i];
    if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else if (ch === "[") {
      const close = segment.indexOf("]", segment[i + 1] === "!" ? i + 3 : i + 2);
      const negate = segment[i + 1] === "!";
      const body = segment.slice(i + (negate ? 2 : 1), close).replace(/[\\\]^]/g, (c) => `\\${c}`);
      out += negate ? `[^/${body}]` : `[${body}]`;
      i = close;
    } else out += ch.replace(/[.+^${}()|\\/\]]/g, (c) => `\\${c}`);
  }
  return out;
}
