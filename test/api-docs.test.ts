import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");

/** Each entry point, its source and the page TypeDoc writes for it (typedoc.json, outputFileStrategy modules). */
const ENTRY_POINTS = [
  { name: "meridian", source: "../lib", page: "docs/api/meridian.md" },
  { name: "meridian/testing", source: "../lib/testing", page: "docs/api/meridian/testing.md" },
  { name: "meridian/policy", source: "../lib/policy", page: "docs/api/meridian/policy.md" },
];

describe("API reference (docs/api; regenerate with `npm run docs:api`)", () => {
  for (const entry of ENTRY_POINTS) {
    it(`documents every runtime export of ${entry.name}`, () => {
      // Cheap where TypeDoc is not (a full TypeScript program): the names a program can import must each have a
      // section. Types (interfaces, aliases) are checked by regenerating; this catches a new or renamed export.
      const page = fs.readFileSync(path.join(ROOT, entry.page), "utf8");
      const exported = Object.keys(require(entry.source) as object).filter((n) => n !== "__esModule");
      // Headings as typedoc-plugin-markdown writes them: `### name()` for functions, `_` escaped as `\\_`.
      const heading = (n: string) => new RegExp(`^### ${n.replace(/_/g, "\\\\?_")}(\\(\\))?$`, "m");
      const missing = exported.filter((n) => !heading(n).test(page));
      assert.deepEqual(missing, [], `${entry.page} lacks ${missing.join(", ")}: run npm run docs:api`);
    });
  }
});
