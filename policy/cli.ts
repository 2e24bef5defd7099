/**
 * `npm run policy -- --plan FILE [--json]`: runs every Meridian policy over a plan JSON (from
 * `npm run plan -- --json FILE` or `recordPlan`). Prints each violation (policy, resource URN, why).
 * Exit codes: 0 clean, 1 a mandatory policy is violated, 2 unusable input (missing/unreadable file, not a plan).
 */
import * as fs from "fs";
import { checkPlan, formatViolation, POLICIES } from "../lib/policy";
import type { Plan } from "../lib/engine/plan";

const USAGE = "usage: npm run policy -- --plan FILE [--json]";

interface CliResult {
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

/** The CLI as a function of its arguments (what `main` prints and exits with). */
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

if (require.main === module) {
  const result = runCli(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
