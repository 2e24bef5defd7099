import { strict as assert } from "assert";
import { readdirSync, readFileSync, statSync } from "fs";
import { join, relative } from "path";

/** Small files with one job each: no source file in lib over 400 lines (issue 18, "no file over ~400 lines"). */
const ROOT = join(__dirname, "..");
const MAX_LINES = 400;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith(".ts") ? [full] : [];
  });
}

describe("file size", () => {
  it(`no file in lib has more than ${MAX_LINES} lines`, () => {
    const long = sources(join(ROOT, "lib"))
      .map((f) => ({ f: relative(ROOT, f), n: readFileSync(f, "utf8").split("\n").length - 1 }))
      .filter(({ n }) => n > MAX_LINES)
      .map(({ f, n }) => `${f}: ${n} lines`);
    assert.deepEqual(long, []);
  });
});
