/**
 * `meridian graph --stack <env> [--format mermaid|svg|dot] [--out FILE] [--root DIR]` (here `npm run graph -- …`)
 *
 * Evaluates the stack on the recording engine (as `npm run plan` does) and draws it: native resources grouped
 * by cloud and region, then by the component that owns them, with dependency edges. Mermaid by default (for
 * Markdown), DOT for Graphviz, or a standalone SVG laid out without external tools. Written to --out or stdout.
 * Exit codes: 0 ok; 1 the program failed; 2 bad usage, unknown stack, invalid config.
 */
import * as fs from "fs";
import * as path from "path";
import { GRAPH_FORMATS, GraphFormat, renderGraph } from "../graph";
import { tryRecordPlan } from "../engine/record";
import { UsageError, parseArgs, reportError } from "./args";
import { stackRecording } from "../engine/project";
import { CommandContext, enterProject } from "./project-root";

export const HELP = `Usage: meridian graph --stack <env> [options]

Evaluates the stack offline (as \`meridian plan\` does) and draws it: resources grouped by cloud and region, then
by the component that owns them, with dependency edges.

Options:
  --stack <env>       the stack whose config to use (required)
  --format <format>   mermaid (default, for Markdown), dot (Graphviz) or svg (standalone)
  --out <file>        write to <file> instead of stdout
  --root <dir>        the project folder (default: the folder holding Pulumi.yaml at or above this one)
  --help              show this help

Exit codes: 0 ok; 1 the program failed; 2 bad usage, unknown stack, invalid config.`;

export async function main(argv: string[], context: CommandContext = {}): Promise<number> {
  let text: string;
  let out: string | undefined;
  try {
    const opts = parseArgs(argv, ["stack", "format", "out", "root"]);
    if (typeof opts.stack !== "string")
      throw new UsageError("--stack <env> is required (e.g. npm run graph -- --stack dev)");
    const format = (typeof opts.format === "string" ? opts.format : "mermaid") as GraphFormat;
    if (!GRAPH_FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${GRAPH_FORMATS.join(", ")}, got "${format}"`);
    out = typeof opts.out === "string" ? path.resolve(opts.out) : undefined;
    const { program, options } = stackRecording(enterProject(opts.root, context), opts.stack);
    const recording = await tryRecordPlan(program, options);
    if (recording.error !== undefined) throw recording.error;
    text = renderGraph(recording.plan, format);
  } catch (err) {
    return reportError(err);
  }
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, text);
    console.error(`graph written to ${path.relative(process.cwd(), out) || out}`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}
