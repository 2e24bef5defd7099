/**
 * Bench child: evaluates one stack on the recording engine, either through Meridian's components
 * (`component`, which also saves the plan for the baseline) or by re-registering a saved plan straight through
 * the provider SDKs (`baseline`). Both sides use the recording engine of the same library tree.
 *   synth.ts <lib> component <kind> <size> <planFile>
 *   synth.ts <lib> baseline <planFile>
 * Timed: from just before the program runs (the library and the SDK modules load inside it) to the recorded plan.
 */
import * as fs from "fs";
import type { Plan } from "../../lib/engine/plan";
import { report } from "../measure";
import { StackKind, libModule, stackProgram } from "../stacks";
import { baselineProgram } from "../baseline";

(async () => {
  const [lib, mode, ...rest] = process.argv.slice(2);
  const { recordPlan } = libModule<typeof import("../../lib/engine/record")>(lib, "engine/record");
  let program: () => unknown;
  let planFile: string;
  if (mode === "component") {
    const [kind, size, file] = rest;
    program = stackProgram(kind as StackKind, Number(size), lib);
    planFile = file;
  } else {
    planFile = rest[0];
    program = baselineProgram(JSON.parse(fs.readFileSync(planFile, "utf8")) as Plan);
  }
  const start = process.hrtime.bigint();
  const plan = await recordPlan(program);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (mode === "component") fs.writeFileSync(planFile, JSON.stringify(plan));
  report(start, { ms: Math.round(ms * 10) / 10, resources: plan.resources.length });
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
