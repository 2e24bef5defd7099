/**
 * `npm run docs`: README.md embeds the component and tool guides from docs/*.md between markers
 *
 *   <!-- include docs/failover-dns.md level=3 -->
 *   ...generated...
 *   <!-- end include -->
 *
 * so each guide is written once, next to the code it describes, and read in one place. `level` is the heading
 * level the guide's top heading gets. `npm test` checks that README.md is up to date (test/readme.test.ts).
 * Before that, it regenerates the failover table of docs/failover-dns.md from the plans (bench/failover.ts), so the
 * docs print the numbers `npm run bench` measures.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const INCLUDE = /<!-- include (\S+) level=(\d) -->\n[\s\S]*?<!-- end include -->/g;

/** README text with every include region refreshed from its file. */
export function renderReadme(readme: string, root = ROOT): string {
  return readme.replace(INCLUDE, (_, file: string, level: string) => {
    const body = shiftHeadings(fs.readFileSync(path.join(root, file), "utf8"), Number(level));
    return `<!-- include ${file} level=${level} -->\n${body}<!-- end include -->`;
  });
}

/** Moves every Markdown heading (outside code fences) so the shallowest one lands on `level`. */
export function shiftHeadings(text: string, level: number): string {
  const lines = text.trim().split("\n");
  let fenced = false;
  const depth = lines.map((line) => {
    if (line.startsWith("```")) fenced = !fenced;
    const m = !fenced && /^(#+) /.exec(line);
    return m ? m[1].length : 0;
  });
  const top = Math.min(...depth.filter((d) => d > 0));
  const delta = Number.isFinite(top) ? level - top : 0;
  return `${lines.map((line, i) => (depth[i] ? `${"#".repeat(depth[i] + delta)}${line.slice(depth[i])}` : line)).join("\n")}\n`;
}

if (require.main === module) {
  void (async () => {
    // docs/failover-dns.md's failover table is generated from the plans first (bench/failover.ts), then embedded.
    const { refreshFailoverDoc } = await import("../bench/failover");
    if (await refreshFailoverDoc()) console.log("docs/failover-dns.md: failover table updated");
    const file = path.join(ROOT, "README.md");
    const before = fs.readFileSync(file, "utf8");
    const after = renderReadme(before);
    fs.writeFileSync(file, after);
    console.log(before === after ? "README.md is up to date" : "README.md updated from docs/");
  })();
}
