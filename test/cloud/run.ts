/**
 * The opt-in real-cloud suite: `npx ts-node --transpile-only test/cloud/run.ts --cloud aws|gcp|azure
 * [--example <dir>]`. For each shipped example of that cloud, with the Automation API
 * (@pulumi/pulumi/automation): preview, up, probe every https:// URL output until it answers, drain the answering
 * region where the example has a drain switch and measure how long clients take to move, then destroy and remove
 * the stack whatever happened. Prints a table; exits 1 on any failure, 0 when everything passed or the run was
 * skipped (no Pulumi CLI, not logged in, or no credentials for the cloud: the reason is printed).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CLOUD_EXAMPLES, CLOUDS, CloudExample, CloudName, credentialGap } from "./examples";
import { answeringEndpoint } from "./dns";
import { measureMove, probeUntilAnswers, urlOutputs } from "./probe";
import { StepRow, exitCode, formatReport } from "./report";

const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");
const PROBE = { timeoutMs: 15 * 60_000, intervalMs: 10_000 };
const MOVE = { timeoutMs: 20 * 60_000, intervalMs: 5_000 };

export interface RunArgs {
  cloud: CloudName;
  example?: string;
}

/** Parses `--cloud <name> [--example <dir>]`, or returns the usage error. */
export function parseArgs(argv: readonly string[]): RunArgs | string {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const cloud = get("--cloud");
  if (!cloud || !(CLOUDS as readonly string[]).includes(cloud))
    return `usage: test:cloud -- --cloud ${CLOUDS.join("|")} [--example <dir>] (got ${cloud ?? "no --cloud"})`;
  const example = get("--example");
  if (example && !CLOUD_EXAMPLES[cloud as CloudName].some((e) => e.dir === example))
    return `no example ${example} for ${cloud}; one of ${CLOUD_EXAMPLES[cloud as CloudName].map((e) => e.dir).join(", ")}`;
  return { cloud: cloud as CloudName, example };
}

/** Why the suite cannot run here, or undefined. */
export function skipReason(cloud: CloudName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const version = spawnSync("pulumi", ["version"], { encoding: "utf8" });
  if (version.error || version.status !== 0) return "no Pulumi CLI on PATH (https://www.pulumi.com/docs/install/)";
  const whoami = spawnSync("pulumi", ["whoami"], { encoding: "utf8", env });
  if (whoami.status !== 0) return "the Pulumi CLI is not logged in to a backend (pulumi login)";
  return credentialGap(cloud, env, (p) => fs.existsSync(p));
}

async function timed<T>(
  rows: StepRow[],
  example: string,
  step: string,
  fn: () => Promise<T>,
  detail?: (t: T) => string,
): Promise<T | undefined> {
  const start = Date.now();
  try {
    const value = await fn();
    rows.push({ example, step, ok: true, seconds: (Date.now() - start) / 1000, detail: detail?.(value) });
    return value;
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split("\n").slice(-3).join(" ").slice(0, 300);
    rows.push({ example, step, ok: false, seconds: (Date.now() - start) / 1000, detail: message });
    return undefined;
  }
}

async function runExample(cloud: CloudName, ex: CloudExample, rows: StepRow[]): Promise<void> {
  const missing = ex.needs.filter((n) => !process.env[n]);
  if (missing.length) {
    rows.push({ example: ex.dir, step: "all", ok: false, skipped: `set ${missing.join(", ")}` });
    return;
  }
  const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
  const stackName = `meridian-cloud-${cloud}-${Date.now().toString(36)}`;
  const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir: path.join(EXAMPLES, ex.dir) });
  const config = ex.config(process.env);
  await stack.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, value]) => [k, { value }])));
  try {
    if (!(await timed(rows, ex.dir, "preview", () => stack.preview()))) return;
    const up = await timed(rows, ex.dir, "up", () => stack.up());
    if (!up) return;
    const outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
    for (const { path: p, url } of urlOutputs(outputs)) {
      const r = await probeUntilAnswers(url, PROBE);
      rows.push({
        example: ex.dir,
        step: `probe ${p}`,
        ok: r.ok,
        seconds: r.elapsedMs / 1000,
        detail: r.ok ? `${url} answered ${r.status} after ${r.attempts} attempt(s)` : `${url}: ${r.error}`,
      });
    }
    if (!ex.drain) {
      rows.push({ example: ex.dir, step: "drain", ok: true, skipped: "the example has no drain switch" });
    } else {
      await drainAndMeasure(ex, stack, outputs, rows);
    }
  } finally {
    await timed(rows, ex.dir, "destroy", () => stack.destroy());
    await stack.workspace.removeStack(stackName).catch(() => undefined);
  }
}

type AutomationStack = Awaited<
  ReturnType<typeof import("@pulumi/pulumi/automation").LocalWorkspace.createOrSelectStack>
>;

async function drainAndMeasure(
  ex: CloudExample,
  stack: AutomationStack,
  outputs: Record<string, unknown>,
  rows: StepRow[],
): Promise<void> {
  const url = typeof outputs.url === "string" ? outputs.url : undefined;
  const endpoints = (outputs.endpoints ?? {}) as Record<string, string>;
  if (!url || Object.keys(endpoints).length < 2) {
    rows.push({ example: ex.dir, step: "drain", ok: true, skipped: "needs a url output and two endpoints" });
    return;
  }
  const host = new URL(url).hostname;
  const before = await answeringEndpoint(host, endpoints).catch((e: Error) => e);
  if (before instanceof Error || before === "unknown") {
    rows.push({ example: ex.dir, step: "drain", ok: false, detail: `cannot tell who answers ${host}: ${before}` });
    return;
  }
  const drainConfig = ex.drain!.config(before);
  await stack.setAllConfig(Object.fromEntries(Object.entries(drainConfig).map(([k, value]) => [k, { value }])));
  if (!(await timed(rows, ex.dir, `drain ${before}: up`, () => stack.up()))) return;
  const move = await measureMove(() => answeringEndpoint(host, endpoints), before, MOVE);
  rows.push({
    example: ex.dir,
    step: `clients leave ${before}`,
    ok: move.moved,
    seconds: move.elapsedMs / 1000,
    detail: move.moved
      ? `now ${move.to} (after the drain's up; failoverSeconds ${String(outputs.failoverSeconds)})`
      : move.error,
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    console.error(args);
    return 2;
  }
  const skip = skipReason(args.cloud);
  if (skip) {
    console.log(`test:cloud --cloud ${args.cloud}: skipped: ${skip}`);
    return 0;
  }
  const rows: StepRow[] = [];
  for (const ex of CLOUD_EXAMPLES[args.cloud].filter((e) => !args.example || e.dir === args.example)) {
    await runExample(args.cloud, ex, rows).catch((e: Error) =>
      rows.push({ example: ex.dir, step: "setup", ok: false, detail: e.message.slice(0, 300) }),
    );
  }
  console.log(formatReport(rows));
  return exitCode(rows);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
