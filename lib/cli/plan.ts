/**
 * `meridian plan --stack <env> [--json FILE] [--diff OLD.json] [--openapi DIR] [--root DIR] [--quiet]`
 * (in this repository `npm run plan -- …`)
 *
 * Evaluates the project's program (`Pulumi.yaml` main; here `stacks/index.ts`) with its `Pulumi.<env>.yaml`
 * on the recording engine — no credentials, no CLI — and prints what `pulumi up` would create, like `cdk synth`.
 * Exit codes: 0 ok; 1 a stateful resource would be deleted or replaced (with --diff) or the program failed;
 * 2 bad usage, unknown stack, unreadable or invalid config.
 */
import * as fs from "fs";
import * as path from "path";
import { planToJson, tryRecordPlan } from "../engine/record";
import type { Plan } from "../engine/plan";
import { UsageError, parseArgs, reportError } from "./args";
import { diffPlans } from "./diff";
import { renderDiff } from "./render-diff";
import { stackRecording } from "../engine/project";
import { OFFLINE_STAND_INS_FILE } from "../engine/offline-config";
import { CommandContext, enterProject } from "./project-root";
import { renderTree } from "./tree";
import { writeOpenApi } from "../openapi/write";

export const HELP = `Usage: meridian plan --stack <env> [options]

Evaluates the Pulumi project in this folder (Pulumi.yaml "main", with the stack's Pulumi.<env>.yaml from
"stackConfigDir") on Pulumi's mock engine, offline, and prints what \`pulumi up\` would create.

Options:
  --stack <env>      the stack whose config to use (required)
  --json <file>      also write the plan as JSON
  --diff <old.json>  compare with an earlier --json plan: added, removed, replaced; flags data loss
  --openapi <dir>    write each ApiGateway's OpenAPI document into <dir>
  --root <dir>       the project folder (default: the folder holding Pulumi.yaml at or above this one)
  --quiet            do not print the resource tree
  --help             show this help

Exit codes: 0 ok; 1 data loss (with --diff) or the program failed; 2 bad usage, unknown stack, invalid config.`;

export async function main(argv: string[], context: CommandContext = {}): Promise<number> {
  let opts: Record<string, string | true>;
  let plan: Plan;
  try {
    opts = parseArgs(argv, ["stack", "json", "diff", "openapi", "root"], ["quiet"]);
    if (typeof opts.stack !== "string")
      throw new UsageError("--stack <env> is required (e.g. npm run plan -- --stack dev)");
    for (const key of ["json", "diff", "openapi"]) {
      const value = opts[key];
      if (typeof value === "string") opts[key] = path.resolve(value);
    }
    const { program, options, stack } = stackRecording(enterProject(opts.root, context), opts.stack);
    // Say which values are offline stand-ins, so nobody takes the plan's domain for what `pulumi up` would use.
    if (stack.standIns.length > 0) {
      console.error(`offline stand-ins (${OFFLINE_STAND_INS_FILE}) for: ${stack.standIns.join(", ")}`);
    }
    const recording = await tryRecordPlan(program, options);
    if (recording.error !== undefined) throw recording.error;
    plan = recording.plan;
  } catch (err) {
    return reportError(err);
  }

  if (!opts.quiet) console.log(renderTree(plan));
  if (typeof opts.json === "string") {
    fs.mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
    fs.writeFileSync(opts.json, planToJson(plan));
    console.log(`\nplan written to ${path.relative(process.cwd(), opts.json) || opts.json}`);
  }
  if (typeof opts.openapi === "string") {
    const written = writeOpenApi(opts.openapi, plan).map((f) => path.basename(f));
    console.log(
      `\n${written.length} OpenAPI document(s) written to ${opts.openapi}${written.length ? `: ${written.join(", ")}` : ""}`,
    );
  }
  if (typeof opts.diff === "string") {
    let previous: Plan;
    try {
      previous = JSON.parse(fs.readFileSync(opts.diff, "utf8")) as Plan;
      if (!Array.isArray(previous.resources)) throw new Error("no resources array");
    } catch (err) {
      console.error(`error: cannot read the old plan ${opts.diff}: ${(err as Error).message}`);
      return 2;
    }
    const diff = diffPlans(previous, plan);
    console.log(`\n${renderDiff(diff)}`);
    if (diff.dataLoss.length > 0) return 1;
  }
  return 0;
}
