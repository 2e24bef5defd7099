/**
 * `npm run docs`: regenerates the documentation index in README.md — one line per page in docs/, with the
 * page's title and first sentence — between the markers
 *
 *   <!-- docs index: … -->
 *   ...generated...
 *   <!-- end docs index -->
 *
 * so a page added to docs/ is listed, and a page's title or summary changes in one place. `npm test` checks that
 * README.md is up to date (test/readme.test.ts). The API reference (docs/api) is `npm run docs:api` (TypeDoc).
 */
import * as fs from "fs";
import * as path from "path";
import { TRANSFORMS_DOC, renderTransformsDoc } from "./transforms-doc";

const ROOT = path.resolve(__dirname, "..");
const INDEX = /(<!-- docs index:[^\n]*-->\n)[\s\S]*?(<!-- end docs index -->)/;

/** Pages in reading order; any other page in docs/ follows, alphabetically. */
export const PAGE_ORDER = [
  "installing.md",
  "serverless-function.md",
  "api-gateway.md",
  "failover-dns.md",
  "multi-region-service.md",
  "concepts.md",
  "testing.md",
  "cli.md",
  "local-development.md",
  "policy.md",
  "safety.md",
  "deploying.md",
  "performance.md",
  "repository.md",
];

export interface Page {
  file: string;
  title: string;
  summary: string;
}

/** The pages of `docs/` in index order. */
export function docPages(root = ROOT): Page[] {
  const files = fs
    .readdirSync(path.join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return files.map((file) => ({ file, ...describe(fs.readFileSync(path.join(root, "docs", file), "utf8"), file) }));
}

function rank(file: string): number {
  const i = PAGE_ORDER.indexOf(file);
  return i < 0 ? PAGE_ORDER.length : i;
}

/** A page's first heading and the first sentence of its first paragraph of prose, as plain text. */
export function describe(text: string, file = "page"): { title: string; summary: string } {
  const lines = text.split("\n");
  const heading = lines.findIndex((l) => /^#+ /.test(l));
  if (heading < 0) throw new Error(`docs/${file} has no heading`);
  const title = plain(lines[heading].replace(/^#+ /, ""));
  let fenced = false;
  const paragraph: string[] = [];
  for (const line of lines.slice(heading + 1)) {
    if (line.startsWith("```")) fenced = !fenced;
    if (fenced || line.startsWith("```")) {
      if (paragraph.length) break;
      continue;
    }
    const prose = line.trim() !== "" && !/^(#|\||<|>|- |\* |\d+\. )/.test(line.trim());
    if (prose) paragraph.push(line.trim());
    else if (paragraph.length) break;
  }
  const joined = plain(paragraph.join(" "));
  const end = joined.search(/[.:](\s|$)/);
  return { title, summary: end < 0 ? joined : joined.slice(0, end + 1).replace(/:$/, ".") };
}

/** Markdown links to their text, so a summary reads the same from README.md as from its page. */
function plain(text: string): string {
  return text.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").trim();
}

/** The index as Markdown list lines, linking from the repository root. */
export function renderIndex(pages: Page[]): string {
  return pages.map((p) => `- [${p.title}](docs/${p.file}) — ${p.summary}`).join("\n");
}

/** README text with the docs index refreshed. */
export function renderReadme(readme: string, root = ROOT): string {
  if (!INDEX.test(readme)) throw new Error("README.md has no <!-- docs index: --> … <!-- end docs index --> markers");
  return readme.replace(INDEX, (_, open: string, close: string) => `${open}${renderIndex(docPages(root))}\n${close}`);
}

if (require.main === module) {
  // docs/transforms.md is generated from the types first (it is one of the pages the index lists).
  fs.writeFileSync(TRANSFORMS_DOC, renderTransformsDoc());
  const file = path.join(ROOT, "README.md");
  const before = fs.readFileSync(file, "utf8");
  const after = renderReadme(before);
  fs.writeFileSync(file, after);
  console.log(before === after ? "README.md is up to date" : "README.md: docs index updated from docs/");
}
