/**
 * `meridian policy (--plan FILE | --stack <env>) [--json]` (here `npm run policy -- …`): runs every Meridian policy
 * over a plan — a plan JSON (from `meridian plan --json FILE` or `recordPlan`), or the project's stack recorded
 * on the spot. Prints each violation (policy, resource URN, why).
 * Exit codes: 0 clean, 1 a mandatory policy is violated or the program failed, 2 unusable input (missing or
 * unreadable file, not a plan, unknown stack, bad usage).
 */
import * as fs from "fs";
import { checkPlan, formatViolation, POLICIES } from "../policy";
import type { Plan } from "../engine/plan";
import { tryRecordPlan } from "../engine/record";
import { stackRecording } from "../engine/project";
import { UsageError, parseArgs, reportError } from "./args";
import { CommandContext, enterProject } from "./project-root";

export const HELP = `Usage: meridian policy --plan <file> [--json]
       meridian policy --stack <env> [--root <dir>] [--json]

Checks a plan against Meridian's ${POLICIES.length} security and reliability policies (the same rules the
@pulumi/policy pack runs under \`pulumi preview --policy-pack\`).

Options:
  --plan <file>    a plan JSON written by \`meridian plan --json <file>\`
  --stack <env>    record the project's stack offline instead (as \`meridian plan\` does) and check it
  --root <dir>     the project folder, with --stack (default: the folder holding Pulumi.yaml at or above this one)
  --json           print the violations as JSON
  --help           show this help

Exit codes: 0 no violation; 1 a mandatory policy is violated or the program failed; 2 bad usage, unreadable plan.`;

const USAGE = "usage: meridian policy --plan FILE [--json] | --stack ENV [--json]";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function isPlan(v: unknown): v is Plan {
  if (typeof v !== "object" || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    Array.isArray(p.resources) &&
    p.resources.every(
      (r) =>
        typeof r === "object" &&
        r !== null &&
        typeof (r as Record<string, unknown>).urn === "string" &&
        typeof (r as Record<string, unknown>).type === "string",
    )
  );
}

/** The `--plan FILE` check as a function of its arguments (what the command prints and exits with). */
export function runCli(argv: string[]): CliResult {
  let file: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--plan") file = argv[++i];
    else if (a.startsWith("--plan=")) file = a.slice("--plan=".length);
    else if (a === "--json") json = true;
    else return { code: 2, stdout: "", stderr: `unknown argument ${JSON.stringify(a)}\n${USAGE}\n` };
  }
  if (!file) return { code: 2, stdout: "", stderr: `missing --plan FILE\n${USAGE}\n` };
  let plan: unknown;
  try {
    plan = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    return { code: 2, stdout: "", stderr: `cannot read plan ${file}: ${(e as Error).message}\n` };
  }
  if (!isPlan(plan))
    return {
      code: 2,
      stdout: "",
      stderr: `${file} is not a plan: expected { "resources": [ { "urn", "type", "inputs", ... } ] }\n`,
    };
  return checkResult(plan, json);
}

function checkResult(plan: Plan, json: boolean): CliResult {
  if (typeof plan.stack !== "string") plan.stack = "";
  const violations = checkPlan(plan);
  const checked = plan.resources.filter((r) => r.custom !== false).length;
  if (json)
    return {
      code: violations.length ? 1 : 0,
      stdout: `${JSON.stringify({ violations, policies: POLICIES.length, resources: checked }, null, 2)}\n`,
      stderr: "",
    };
  const lines = violations.map(formatViolation);
  const summary = violations.length
    ? `${violations.length} mandatory policy violation(s) in ${new Set(violations.map((v) => v.urn)).size} resource(s); ${POLICIES.length} policies over ${checked} resources of stack ${plan.stack || "?"}.`
    : `No policy violations: ${POLICIES.length} policies over ${checked} resources of stack ${plan.stack || "?"}.`;
  return { code: violations.length ? 1 : 0, stdout: [...lines, summary, ""].join("\n"), stderr: "" };
}

/** The command: `--plan FILE` as `runCli`, or `--stack ENV` recorded from the project first. */
export async function main(argv: string[], context: CommandContext = {}): Promise<number> {
  let result: CliResult;
  if (!argv.some((a) => a === "--stack" || a.startsWith("--stack="))) {
    result = runCli(argv);
  } else {
    try {
      const opts = parseArgs(argv, ["stack", "root"], ["json"]);
      if (typeof opts.stack !== "string") throw new UsageError("--stack <env> needs a value");
      const { program, options } = stackRecording(enterProject(opts.root, context), opts.stack);
      const recording = await tryRecordPlan(program, options);
      if (recording.error !== undefined) throw recording.error;
      result = checkResult(recording.plan, opts.json === true);
    } catch (err) {
      return reportError(err);
    }
  }
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.code;
}
