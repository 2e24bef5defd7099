import * as assert from "node:assert/strict";
import { isConfigError } from "../lib/core/errors";
import type { PhysicalNameClaim } from "../lib/core/physical-names";
import { Plan, tryRecordPlan } from "../lib/testing";
import { NAME_SCENARIOS, NAMED_RESOURCES, nameKey, plannedNames } from "./support/physical-name-scenarios";

/**
 * Every kind of resource Meridian names physically is claimed, and two components whose names normalise alike are
 * refused exactly when the clouds would see one name (issue #17, defect 3).
 *
 * The expectation comes from the plans, not from the claims: each scenario is recorded alone under each name, the
 * unique names its resources set are read back (test/support/physical-name-scenarios.ts, NAMED_RESOURCES), and a
 * pair must be refused with a ConfigError naming both components if and only if those names meet (same kind, same
 * name, compared ignoring case where the cloud does). So the case rule of each cloud is the plan's, per kind:
 * lowercased GCP/Cloudflare/Azure names meet for `Users`/`users`, Lambda and SQS names (case kept, `_` allowed)
 * do not; `web-`/`web` and `a--b`/`a-b` meet everywhere (separators collapsed and trimmed).
 */

const physicalNames = require("../lib/core/physical-names") as typeof import("../lib/core/physical-names");

/** Records `program`, collecting every claim the components make. */
async function recordWithClaims(program: () => void) {
  const claimed: { component: string; claims: readonly PhysicalNameClaim[] }[] = [];
  const original = physicalNames.claimPhysicalNames;
  physicalNames.claimPhysicalNames = (component, claims) => {
    claimed.push({ component, claims });
    original(component, claims);
  };
  try {
    return { ...(await tryRecordPlan(program)), claimed };
  } finally {
    physicalNames.claimPhysicalNames = original;
  }
}

const registered = (plan: Plan) => plan.resources.filter((r) => !r.type.startsWith("meridian:test:")).map((r) => r.urn);
const isDnsName = (kind: string) => kind.endsWith(" DNS name");

const PAIRS: [string, string][] = [
  ["users", "Users"],
  ["a-b", "a_b"],
  ["web", "web-"],
  ["a-b", "a--b"],
];

const seenTypes = new Set<string>();

describe("physical names: every named kind is claimed, collisions refused as the plans say (issue #17, defect 3)", function () {
  this.timeout(300_000);

  for (const scenario of NAME_SCENARIOS) {
    describe(scenario.label, () => {
      const solo = new Map<string, { keys: Set<string>; urns: string[] }>();
      before(async () => {
        for (const name of new Set(PAIRS.flat())) {
          const { plan, error } = await tryRecordPlan(() => scenario.make(name));
          if (error === undefined)
            solo.set(name, { keys: new Set(plannedNames(plan.resources).map(nameKey)), urns: registered(plan) });
          else assert.ok(isConfigError(error) && error.field === "name", `${name}: ${String(error)}`);
        }
      });

      it("claims exactly the unique names its plan sets", async () => {
        const { plan, error, claimed } = await recordWithClaims(() => scenario.make("svc"));
        assert.equal(error, undefined, String(error));
        for (const r of plan.resources) seenTypes.add(r.type);
        const planned = new Set(plannedNames(plan.resources).map(nameKey));
        const claims = claimed.flatMap((c) => c.claims);
        const claimedKeys = new Set(claims.filter((c) => !isDnsName(c.kind)).map(nameKey));
        const readable = (keys: Set<string>) => [...keys].map((k) => k.replace("\u0000", " = ")).sort();
        assert.deepEqual(readable(claimedKeys), readable(planned));
        // A DNS name claim is the record the component answers on.
        for (const c of claims.filter((c) => isDnsName(c.kind)))
          assert.ok(JSON.stringify(plan.resources).includes(c.name.split(".")[0]), c.name);
      });

      for (const [first, second] of PAIRS) {
        it(`"${first}" then "${second}": refused if and only if the clouds would see one name`, async function () {
          const a = solo.get(first);
          const b = solo.get(second);
          if (!a || !b) this.skip(); // a name this component refuses on its own
          const shared = [...a!.keys].filter((k) => b!.keys.has(k));
          const both = await tryRecordPlan(() => {
            scenario.make(first);
            scenario.make(second);
          });
          if (shared.length === 0) {
            assert.equal(both.error, undefined, String(both.error));
            return;
          }
          assert.ok(isConfigError(both.error), `shared ${shared.join(", ")} but: ${String(both.error ?? "a plan")}`);
          assert.equal(both.error.component, `${scenario.component} "${second}"`);
          assert.equal(both.error.field, "name");
          assert.ok(both.error.message.includes(`${scenario.component} "${first}"`), both.error.message);
          assert.deepEqual(registered(both.plan), a!.urns, "nothing of the second registered");
        });
      }
    });
  }

  // Last (mocha runs a suite's own tests before its child suites): the scenarios above have recorded by now.
  describe("coverage", () => {
    it("the scenarios create every resource type of the table (so each kind above was checked)", () => {
      assert.deepEqual(
        Object.keys(NAMED_RESOURCES).filter((t) => !seenTypes.has(t)),
        [],
      );
    });
  });
});
