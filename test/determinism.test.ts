import * as assert from "node:assert/strict";
import { planToJson } from "../lib/testing";
import { EXAMPLES, examplePlan, loadExample, recordExample } from "./support/examples";

/** First line where two texts differ, for a readable failure. */
function firstDifference(a: string, b: string): string {
  const x = a.split("\n");
  const y = b.split("\n");
  const i = x.findIndex((line, n) => line !== y[n]);
  return i < 0 ? "(lengths differ)" : `line ${i + 1}:\n  first:  ${x[i]}\n  second: ${y[i]}`;
}

describe("determinism: recording an example twice gives a byte-identical plan", function () {
  this.timeout(120_000);
  const runs: Record<string, [string, string]> = {};
  before(async () => {
    for (const example of EXAMPLES) {
      // The first recording may be shared with other test files; the second is always fresh.
      const first = planToJson(await examplePlan(example));
      const second = planToJson(await recordExample(loadExample(example)));
      runs[example] = [first, second];
    }
  });

  for (const example of EXAMPLES) {
    it(example, () => {
      const [first, second] = runs[example];
      assert.ok(first.length > 100, "the plan is not empty");
      assert.ok(first === second, `examples/${example}: plans differ at ${firstDifference(first, second)}`);
    });
  }
});
