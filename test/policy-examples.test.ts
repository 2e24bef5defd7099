import * as assert from "node:assert/strict";
import { isStateful } from "../lib/engine/stateful";
import { POLICIES, Violation, checkPlan, formatViolation } from "../lib/policy";
import { Plan, allStrings } from "../lib/testing";
import { EXAMPLES, examplePlan, loadExample, recordExample } from "./support/examples";

const CF_ACCOUNT = "0123456789abcdef0123456789abcdef";
const TARGETS = ["aws:us-east-1", "gcp:europe-west1", "azure:westeurope", "cloudflare"];

/** Each example under its dev config, plus the other clouds/providers its config can choose. */
const VARIANTS: { example: string; label: string; config?: Record<string, unknown> }[] = [
  ...EXAMPLES.map((example) => ({ example, label: "dev config" })),
  ...TARGETS.slice(1).map((target) => ({
    example: "serverless-hello",
    label: target,
    config: { "meridian:target": target, "gcp:project": "meridian-test", "cloudflare:accountId": CF_ACCOUNT },
  })),
  ...TARGETS.slice(1).map((target) => ({
    example: "http-api",
    label: `${target} + domain + jwt`,
    config: {
      "meridian-http-api:target": target,
      "meridian-http-api:domain": "api.example.com",
      "meridian-http-api:jwtIssuer": "https://auth.example.com/",
      "meridian-http-api:jwtAudience": "users-api",
      "gcp:project": "meridian-test",
      "cloudflare:accountId": CF_ACCOUNT,
    },
  })),
  ...["cloudflare", "azure-traffic-manager", "gcp-cloud-dns"].map((provider) => ({
    example: "failover-dns",
    label: provider,
    config: { "failover-dns:provider": provider },
  })),
];

const show = (vs: Violation[]) => vs.map(formatViolation).join("\n");

describe("policies over every example: zero violations", function () {
  this.timeout(120_000);
  const plans: Plan[] = [];
  const prodPlans: Record<string, Plan> = {};
  before(async () => {
    for (const v of VARIANTS) {
      const loaded = loadExample(v.example);
      plans.push(
        v.config
          ? await recordExample({ ...loaded, config: { ...loaded.config, ...v.config } })
          : await examplePlan(v.example),
      );
    }
    for (const example of EXAMPLES) prodPlans[example] = await examplePlan(example, "prod");
  });

  VARIANTS.forEach((v, i) => {
    it(`${v.example} (${v.label}), stack dev`, () => {
      const plan = plans[i];
      assert.ok(
        plan.resources.some((r) => r.custom),
        "the plan has native resources",
      );
      assert.equal(show(checkPlan(plan)), "");
    });
  });

  it(`checks ${POLICIES.length} mandatory policies (at least 15)`, () => {
    assert.ok(POLICIES.length >= 15);
  });

  it("no plan carries the offline placeholder of a secret in clear", () => {
    for (const plan of plans) {
      for (const s of allStrings(plan))
        assert.ok(!s.includes("offline-secret-placeholder") && !s.includes("change-me"), `${plan.project}: ${s}`);
    }
  });

  // Components protect nothing on their own (protection is the app's decision); the examples protect their stateful
  // resources on a prod stack with protectStateful(). The policy flags exactly the unprotected ones: here none.
  for (const example of EXAMPLES) {
    it(`${example}, stack prod: stateful resources are protected, so nothing is flagged`, () => {
      const plan = prodPlans[example];
      const flagged = checkPlan(plan);
      for (const f of flagged) assert.equal(f.policy, "prod-stateful-protected", formatViolation(f));
      const unprotected = plan.resources
        .filter((r) => isStateful(r.type) && !r.protect && !r.retainOnDelete)
        .map((r) => r.urn)
        .sort();
      assert.deepEqual(flagged.map((f) => f.urn).sort(), unprotected);
      assert.deepEqual(unprotected, []);
    });
  }
});
