import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { baselineProgram } from "../bench/baseline";
import { compileForBench } from "../bench/compile";
import { criticalPathRows, measureCriticalPaths } from "../bench/critical-path";
import { ROOT, runChild } from "../bench/measure";
import { median, toMarkdown } from "../bench/rows";
import { functionsProgram } from "../bench/stacks";
import { SynthesisPoint, growthPerDoubling, synthesisRows } from "../bench/synthesis";
import { Plan, recordPlan } from "../lib/testing";

// The benchmark's building blocks on tiny sizes, so that `npm test` catches a regression the bench would show.
describe("bench", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(functionsProgram(2));
  });

  it("the SDK baseline registers exactly the components' resources (same URNs, inputs and edges)", async () => {
    const replay = await recordPlan(baselineProgram(plan));
    assert.equal(replay.resources.length, plan.resources.length);
    const key = (p: Plan) =>
      p.resources.filter((r) => r.custom).map((r) => `${r.urn} ${r.dependencies.length} ${JSON.stringify(r.inputs)}`);
    assert.deepEqual(key(replay), key(plan));
  });

  it("an AWS-only program loads no other cloud's SDK (module cache of a fresh compiled process)", function () {
    this.timeout(30_000);
    // Per process: other test runs in the same checkout must not compile over this tree.
    const root = compileForBench(path.join(ROOT, "node_modules", ".cache", `meridian-bench-test-${process.pid}`));
    try {
      const result = runChild("load", [path.join(root, "lib"), "component", path.join(root, "load-plan.json")], {
        compiledRoot: root,
      });
      assert.deepEqual(result.sdks, ["@pulumi/aws"]);
      // The role's permissions are a RolePolicy kept exclusive by RolePoliciesExclusive and
      // RolePolicyAttachmentsExclusive (Role.inlinePolicies is deprecated in pulumi-aws 7): 7 + 3.
      assert.equal(result.resources, 10);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("adding regions does not lengthen the estimated critical path (AWS, 1 vs 2 regions)", async () => {
    const points = await measureCriticalPaths(["aws"], 2);
    const [row] = criticalPathRows(points);
    assert.ok(points[0].seconds > 0);
    assert.ok(row.ratio! <= 1.1, `critical path ratio ${row.ratio}: ${row.note}`);
  });

  it("growth per doubling and the table are computed from the medians", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    const p = (resources: number, ms: number): SynthesisPoint => ({
      kind: "functions",
      size: resources,
      resources,
      componentMs: ms,
      baselineMs: ms,
      componentRssMiB: 100,
      baselineRssMiB: 100,
    });
    assert.equal(
      growthPerDoubling(p(100, 1000), p(400, 4000), (x) => x.componentMs),
      2,
    );
    const rows = synthesisRows([p(100, 1000), p(400, 4000)]);
    assert.ok(rows.every((r) => r.ok !== false));
    assert.match(toMarkdown(rows), /\| synthesis \| 100 ServerlessFunctions .*\| 1\.00× \| ratio ≤ 1\.25 \| ok \|/);
  });
});
