/**
 * Bench child: the whole life of a small AWS-only program, from process start: loading, evaluation, plan.
 *   load.ts <lib> component <planFile>  — `import { ServerlessFunction } from "meridian"`, one function on AWS
 *   load.ts <lib> baseline <planFile>   — only @pulumi/pulumi and @pulumi/aws, registering the same resources
 * Reports the time since the process started, peak RSS, and which provider SDKs ended up in the module cache.
 */
import * as fs from "fs";
import { performance } from "perf_hooks";
import type { Plan } from "../../lib/engine/plan";
import { report } from "../measure";
import { HANDLER, libModule } from "../stacks";

const PROVIDER_SDKS = ["@pulumi/aws", "@pulumi/gcp", "@pulumi/azure-native", "@pulumi/cloudflare", "@pulumi/random"];

/** Provider SDK packages with at least one module in the require cache. */
export function loadedSdks(): string[] {
  const keys = Object.keys(require.cache);
  return PROVIDER_SDKS.filter((sdk) => keys.some((k) => k.includes(`/node_modules/${sdk}/`)));
}

(async () => {
  const [lib, mode, planFile] = process.argv.slice(2);
  const { recordPlan } = libModule<typeof import("../../lib/engine/record")>(lib, "engine/record");
  let program: () => unknown;
  if (mode === "component") {
    program = () => {
      const { ServerlessFunction } = libModule<typeof import("../../lib")>(lib, "index");
      const fn = new ServerlessFunction("hello", { target: "aws:us-east-1", entry: HANDLER, url: true });
      return { url: fn.url };
    };
  } else {
    const { baselineProgram } = require("../baseline") as typeof import("../baseline");
    const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as Plan;
    program = () => {
      require("@pulumi/aws");
      baselineProgram(plan)();
    };
  }
  const plan = await recordPlan(program);
  if (mode === "component") fs.writeFileSync(planFile, JSON.stringify(plan));
  const sinceStart = performance.now();
  report(process.hrtime.bigint(), {
    ms: Math.round(sinceStart * 10) / 10,
    resources: plan.resources.length,
    sdks: loadedSdks(),
  });
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
