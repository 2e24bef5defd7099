import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

/*
 * The dependency arrows, checked on the import statements themselves: the CLI sits on top of the library (nothing in
 * lib imports lib/cli), the app stack uses only the package's public entry points (what a user of `meridian` can
 * import), lib/core is cloud-neutral (no provider SDK, nothing outside lib/core), and the public API carries no
 * benchmark helper.
 */

const ROOT = path.join(__dirname, "..");
const PUBLIC_ENTRIES = ["lib", "lib/testing", "lib/policy"];
const PROVIDER_SDKS = ["@pulumi/aws", "@pulumi/gcp", "@pulumi/azure-native", "@pulumi/cloudflare"];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === "node_modules" ? [] : tsFiles(rel);
    return e.name.endsWith(".ts") ? [rel] : [];
  });
}

/** Every module a file imports (static, dynamic, require, type-only and re-exports), as written. */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const found = new Set<string>();
  for (const re of [
    /\bfrom\s+["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']/g,
    /\brequire\s*\(\s*["']([^"']+)["']/g,
  ])
    for (const m of text.matchAll(re)) found.add(m[1]);
  for (const m of text.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) found.add(m[1]);
  return [...found];
}

/** A relative specifier as a repository path without extension or `/index` (`lib/core/errors`, `lib`). */
function target(file: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const p = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  return p.replace(/\.(ts|js)$/, "").replace(/\/index$/, "");
}

describe("layering: the dependency arrows point one way", () => {
  it("nothing in lib outside lib/cli imports lib/cli", () => {
    const bad = tsFiles("lib")
      .filter((f) => !f.startsWith("lib/cli/"))
      .flatMap((f) => specifiers(f).map((s) => [f, target(f, s)] as const))
      .filter(([, t]) => t !== undefined && (t === "lib/cli" || t.startsWith("lib/cli/")))
      .map(([f, t]) => `${f} -> ${t}`);
    assert.deepEqual(bad, []);
  });

  it("stacks/ imports the library only through its public entry points", () => {
    const bad = tsFiles("stacks")
      .flatMap((f) => specifiers(f).map((s) => [f, s, target(f, s)] as const))
      .filter(([, , t]) => t !== undefined && (t === "lib" || t.startsWith("lib/")) && !PUBLIC_ENTRIES.includes(t))
      .map(([f, s]) => `${f} imports ${s}`);
    assert.deepEqual(bad, []);
  });

  it("lib/core imports no provider SDK and nothing outside lib/core", () => {
    const bad = tsFiles("lib/core")
      .flatMap((f) => specifiers(f).map((s) => [f, s, target(f, s)] as const))
      .filter(([, s, t]) =>
        t === undefined ? PROVIDER_SDKS.some((sdk) => s === sdk || s.startsWith(`${sdk}/`)) : !t.startsWith("lib/core"),
      )
      .map(([f, s]) => `${f} imports ${s}`);
    assert.deepEqual(bad, []);
  });

  it("the public entry points export no benchmark helper", () => {
    const BENCH_ONLY = /^(criticalPath|criticalPathSeconds|TYPICAL_CREATE_SECONDS|measure|bench)/;
    for (const entry of PUBLIC_ENTRIES) {
      const names = Object.keys(require(path.join(ROOT, entry)) as object);
      assert.deepEqual(
        names.filter((n) => BENCH_ONLY.test(n)),
        [],
        entry,
      );
    }
  });
});
