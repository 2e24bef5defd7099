import { spawnSync } from "child_process";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..");

/** What a child process reports on its last stdout line: wall milliseconds and peak RSS in MiB, plus extras. */
export interface ChildResult {
  ms: number;
  rssMiB: number;
  [extra: string]: unknown;
}

/**
 * Runs a bench child (`bench/child/<script>.ts`) in a fresh Node process — fresh module cache, fresh heap —
 * and returns the JSON it prints last. Each figure comes from its own process so neither side warms the other.
 */
export function runChild(script: string, args: string[]): ChildResult {
  const r = spawnSync(process.execPath, ["--max-old-space-size=4096", "-r", "ts-node/register/transpile-only", path.join(ROOT, "bench/child", `${script}.ts`), ...args], {
    cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
  });
  const last = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !last.startsWith("{")) {
    throw new Error(`bench child ${script} ${args.join(" ")} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
  }
  return JSON.parse(last) as ChildResult;
}

/** The median of `runs` measurements of the same child: robust to one noisy run on a shared machine. */
export function medianOf(runs: number, fn: () => ChildResult): ChildResult {
  const results = Array.from({ length: runs }, fn).sort((a, b) => a.ms - b.ms);
  const mid = results[Math.floor(results.length / 2)];
  return { ...mid, rssMiB: Math.max(...results.map((r) => r.rssMiB)) };
}

/** Peak RSS of this process so far, in MiB. */
export function peakRssMiB(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** Prints the child's result as its last line. */
export function report(startNs: bigint, extra: Record<string, unknown> = {}): void {
  const ms = Number(process.hrtime.bigint() - startNs) / 1e6;
  process.stdout.write(`\n${JSON.stringify({ ms: Math.round(ms * 10) / 10, rssMiB: peakRssMiB(), ...extra })}\n`);
}
