#!/usr/bin/env node
/**
 * `npm run graph -- --stack <env> [--format mermaid|svg|dot] [--out FILE] [--root DIR]`
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
import { stackRecording } from "./stack-config";

export async function main(argv: string[]): Promise<number> {
  let text: string;
  let out: string | undefined;
  try {
    const opts = parseArgs(argv, ["stack", "format", "out", "root"]);
    if (typeof opts.stack !== "string")
      throw new UsageError("--stack <env> is required (e.g. npm run graph -- --stack dev)");
    const format = (typeof opts.format === "string" ? opts.format : "mermaid") as GraphFormat;
    if (!GRAPH_FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${GRAPH_FORMATS.join(", ")}, got "${format}"`);
    out = typeof opts.out === "string" ? opts.out : undefined;
    const { program, options } = stackRecording(
      path.resolve(typeof opts.root === "string" ? opts.root : "."),
      opts.stack,
    );
    const recording = await tryRecordPlan(program, options);
    if (recording.error !== undefined) throw recording.error;
    text = renderGraph(recording.plan, format);
  } catch (err) {
    return reportError(err);
  }
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, text);
    console.error(`graph written to ${out}`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
