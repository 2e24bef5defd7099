import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe as describePage, docPages, renderReadme } from "../scripts/readme";

const ROOT = path.join(__dirname, "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const DOCS = fs
  .readdirSync(path.join(ROOT, "docs"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => ({ file: `docs/${f}`, text: fs.readFileSync(path.join(ROOT, "docs", f), "utf8") }));
const PAGES = [{ file: "README.md", text: README }, ...DOCS];

/** The fenced code blocks of a Markdown text, with their language. */
function codeBlocks(text: string): { lang: string; body: string }[] {
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1], body: m[2] }));
}

describe("README.md", () => {
  it("opens with the install command and a first program as a user writes it", () => {
    const [install, program] = codeBlocks(README);
    assert.match(install.body, /^npm install meridian @pulumi\/aws/m);
    assert.equal(program.lang, "ts");
    assert.match(program.body, /from "meridian";/);
  });

  it("gives the two repository commands", () => {
    assert.ok(README.includes("npm ci && npm run plan -- --stack dev"));
    assert.ok(README.includes("npm ci && npm test"));
  });

  it("lists every docs/ page with its current title (run `npm run docs` after editing them)", () => {
    assert.equal(renderReadme(README), README);
    for (const page of docPages()) assert.ok(README.includes(`(docs/${page.file})`), page.file);
  });

  it("is short: the guides are in docs/", () => {
    assert.ok(README.length < 12_000, `README.md is ${README.length} characters`);
  });
});

describe("docs", () => {
  it("import Meridian as users do: from meridian, meridian/testing or meridian/policy, never from lib", () => {
    for (const { file, text } of PAGES) {
      for (const block of codeBlocks(text).filter((b) => ["ts", "js", "typescript", "javascript"].includes(b.lang))) {
        const imports = [...block.body.matchAll(/(?:from|require\()\s*"([^"]+)"/g)].map((m) => m[1]);
        for (const spec of imports) {
          assert.doesNotMatch(spec, /(^|\/)lib(\/|$)/, `${file} imports "${spec}"`);
          if (spec.startsWith("meridian"))
            assert.ok(["meridian", "meridian/testing", "meridian/policy"].includes(spec), `${file}: "${spec}"`);
        }
      }
    }
  });

  it("link only to files that exist", () => {
    for (const { file, text } of PAGES) {
      for (const m of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/.test(target)) continue;
        const resolved = path.resolve(ROOT, path.dirname(file), target);
        assert.ok(fs.existsSync(resolved), `${file} links to ${target}, which does not exist`);
      }
    }
  });

  it("summarise a page by its first heading and first sentence", () => {
    assert.deepEqual(describePage("## Local dev\n\n```sh\nnpm x\n```\n\nServes the [APIs](a.md). More.\n"), {
      title: "Local dev",
      summary: "Serves the APIs.",
    });
  });
});
