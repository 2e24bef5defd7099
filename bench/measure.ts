import { spawn, spawnSync } from "child_process";
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
export function runChild(script: string, args: string[], options: ChildOptions = {}): ChildResult {
  const r = spawnSync(process.execPath, childArgv(script, args, options), {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: childEnv(),
  });
  return parseChild(script, args, r.status, r.stdout, r.stderr);
}

/** Where the child comes from: compiled children (bench/compile.ts) run on plain Node, TypeScript ones under ts-node. */
export interface ChildOptions {
  compiledRoot?: string;
}

function childArgv(script: string, args: string[], options: ChildOptions): string[] {
  const entry = options.compiledRoot
    ? [path.join(options.compiledRoot, "bench/child", `${script}.js`)]
    : ["-r", "ts-node/register/transpile-only", path.join(ROOT, "bench/child", `${script}.ts`)];
  return ["--max-old-space-size=4096", ...entry, ...args];
}

const childEnv = () => ({ ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") });

function parseChild(
  script: string,
  args: string[],
  status: number | null,
  stdout: string,
  stderr: string,
): ChildResult {
  const last = stdout.trim().split("\n").pop() ?? "";
  if (status !== 0 || !last.startsWith("{")) {
    throw new Error(`bench child ${script} ${args.join(" ")} failed (exit ${status}):\n${stderr.slice(-2000)}`);
  }
  return JSON.parse(last) as ChildResult;
}

/** Like `runChild`, without blocking: several children run side by side (one per core). */
export function runChildAsync(script: string, args: string[], options: ChildOptions = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, childArgv(script, args, options), { cwd: ROOT, env: childEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (status) => {
      try {
        resolve(parseChild(script, args, status, stdout, stderr));
      } catch (err) {
        reject(err);
      }
    });
  });
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
