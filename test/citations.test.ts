import { strict as assert } from "assert";
import { readdirSync, readFileSync, statSync } from "fs";
import { join, relative } from "path";

/**
 * Comments, test titles and docs cite public sources (a URL, `owner/repo#issue`, an RFC): a reader of this repository
 * does not have the team's research notes, so their pitfall numbers, section numbers and file names point at
 * nothing (issue 18 item 6). The patterns are assembled so that this file does not match itself.
 */
const ROOT = join(__dirname, "..");
const SCANNED = ["lib", "test", "docs", "examples", "stacks", "scripts", "policy", "bench", "README.md"];
const SKIP = new Set(["node_modules", "dist", ".cache", join("docs", "api")]);
const FORBIDDEN: readonly [string, RegExp][] = [
  ["a pitfall number", new RegExp("\\bpitfalls?\\b( (AWS|GCP|Azure|Cloudflare|CF))? ?#?\\d", "i")],
  ["a research-note section", new RegExp("§\\s?\\d+ (AWS|GCP|Azure|CF)\\b|\\b" + "reference" + " §\\s?\\d")],
  [
    "a research-note file",
    new RegExp(
      "\\b" +
        "reference" +
        "/[a-z-]+\\.md|(serverless-api|failover-dns|multiregion-service|pulumi-conventions|anchors-components)\\.md §",
    ),
  ],
  ["the internal design notes", new RegExp("\\b" + "DESIGN" + "\\.md\\b")],
];

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((entry) =>
    SKIP.has(entry) || SKIP.has(join(path, entry)) ? [] : files(join(path, entry)),
  );
}

describe("citations point at public sources", () => {
  it("no comment, title or doc cites the team's research notes", () => {
    const found: string[] = [];
    for (const file of SCANNED.flatMap(files).filter((f) => /\.(ts|js|md|yaml)$/.test(f))) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          for (const [what, re] of FORBIDDEN) {
            if (re.test(line)) found.push(`${relative(ROOT, file)}:${i + 1}: ${what}: ${line.trim().slice(0, 100)}`);
          }
        });
    }
    assert.deepEqual(found, []);
  });
});
