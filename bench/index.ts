// Placeholder until the benchmark issue lands: prints the time to record the dev stack's plan.
import { recordPlan } from "../lib/testing/record";
import { programFromFile } from "../lib/testing/program";

(async () => {
  const start = process.hrtime.bigint();
  await recordPlan(programFromFile("stacks/index.ts"), { stack: "dev", config: {} }).catch(() => undefined);
  console.log(`dev stack evaluated in ${Number(process.hrtime.bigint() - start) / 1e6} ms`);
})();
