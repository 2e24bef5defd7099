import * as fs from "fs";
import * as path from "path";
import { stackRecording } from "../../lib/engine/project";
import { Plan, Program, RecordOptions, recordPlan } from "../../lib/testing";

/** The repository's examples folder. */
export const EXAMPLES_DIR = path.resolve(__dirname, "..", "..", "examples");

/** Every example (a folder of examples/ with a Pulumi.yaml), sorted. */
export const EXAMPLES: readonly string[] = fs
  .readdirSync(EXAMPLES_DIR)
  .filter((d) => fs.existsSync(path.join(EXAMPLES_DIR, d, "Pulumi.yaml")))
  .sort();

/** What it takes to record one example: its program, its project name and the config of its dev stack. */
export interface LoadedExample {
  name: string;
  program: Program;
  project: string;
  config: Record<string, unknown>;
  secretKeys: string[];
}

/**
 * Loads an example as the Pulumi CLI would run it: `main` from its Pulumi.yaml, the project name, and the
 * config of `Pulumi.dev.yaml` (read with the same code as `npm run plan`, so `secure:` values stay secret).
 * Examples only ship a dev config; other stacks (e.g. `prod`) are recorded with it and their own stack name.
 */
export function loadExample(dir: string): LoadedExample {
  const root = path.isAbsolute(dir)
    ? dir
    : fs.existsSync(path.join(EXAMPLES_DIR, dir))
      ? path.join(EXAMPLES_DIR, dir)
      : path.resolve(dir);
  const { program, project, stack } = stackRecording(root, "dev");
  return {
    name: path.basename(root),
    program,
    project: project.name,
    config: stack.config,
    secretKeys: stack.secretKeys,
  };
}

/** Records an example's plan under `stack` (default dev). */
export function recordExample(
  example: LoadedExample,
  stack = "dev",
  extra: Partial<RecordOptions> = {},
): Promise<Plan> {
  return recordPlan(example.program, {
    project: example.project,
    stack,
    config: example.config,
    secretKeys: example.secretKeys,
    ...extra,
  });
}

const planCache = new Map<string, Promise<Plan>>();

/**
 * The plan of an example under its dev config and `stack`, recorded once per test process and shared by the
 * test files that only read it (URN snapshots, policies, determinism's first run). Treat it as read-only.
 */
export function examplePlan(name: string, stack = "dev"): Promise<Plan> {
  const key = `${name}\u0000${stack}`;
  let plan = planCache.get(key);
  if (!plan) {
    plan = recordExample(loadExample(name), stack);
    planCache.set(key, plan);
  }
  return plan;
}
