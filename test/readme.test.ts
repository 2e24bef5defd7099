import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { renderReadme, shiftHeadings } from "../scripts/readme";

const README = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

describe("README.md", () => {
  it("opens with the two commands a newcomer runs", () => {
    const block = README.split("```")[1];
    assert.match(block, /npm ci && npm run plan -- --stack dev/);
    assert.match(block, /npm ci && npm test/);
  });

  it("embeds the current docs/*.md guides (run `npm run docs` after editing them)", () => {
    assert.ok(README.includes("<!-- include docs/serverless-function.md level=3 -->"));
    assert.equal(renderReadme(README), README);
  });

  it("shifts headings outside code fences only", () => {
    assert.equal(
      shiftHeadings("# A\n\n```sh\n# comment\n```\n\n## B", 3),
      "### A\n\n```sh\n# comment\n```\n\n#### B\n",
    );
  });
});
