import * as assert from "node:assert/strict";
import { FailoverDns, FailoverDnsArgs } from "../lib";
import { Plan, PlanResource, dependsOn, findResources, recordPlan } from "../lib/testing";

// Route 53 refuses an alias to a name that has no record yet ("Tried to create an alias that targets ..., but it
// doesn't exist"; https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html):
// every alias in the plan must depend on the records of the name it targets (issue #14, defect 4).
const REC = "aws:route53/record:Record";
const endpoints = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `e${i + 1}`, address: `lb-${i + 1}.northwind-origins.net` }));

function failover(n: number): Promise<Plan> {
  const args: FailoverDnsArgs = {
    provider: "route53",
    zone: "example.com",
    record: "api",
    strategy: "failover",
    endpoints: endpoints(n),
    route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
  };
  return recordPlan(() => {
    const d = new FailoverDns("api", args);
    return { fqdn: d.fqdn };
  });
}

/** Every alias record targeting a name of this zone, with the records that hold that name. */
function aliasesInZone(plan: Plan): { alias: PlanResource; targets: PlanResource[] }[] {
  const records = findResources(plan, REC);
  return records
    .filter((r) => Array.isArray(r.inputs.aliases) && String(r.inputs.name).length > 0)
    .map((alias) => {
      const targetName = (alias.inputs.aliases as { name: string }[])[0].name;
      return { alias, targets: records.filter((r) => r.inputs.name === targetName) };
    })
    .filter((x) => x.targets.length > 0);
}

describe("FailoverDns on Route 53, against AWS's documentation", () => {
  for (const n of [3, 4, 5]) {
    it(`a ${n}-endpoint chain: each _tier alias depends on every record of the tier it aliases`, async () => {
      const plan = await failover(n);
      const found = aliasesInZone(plan);
      assert.equal(found.length, n - 2, "one alias per extra tier");
      for (const { alias, targets } of found) {
        assert.equal(targets.length, 2, `${alias.name}: the tier below is a PRIMARY/SECONDARY pair`);
        for (const t of targets) assert.ok(dependsOn(plan, alias, t), `${alias.name} does not wait for ${t.name}`);
      }
    });
  }

  it("an update from 2 to 3 endpoints: the old SECONDARY moves down a tier before the alias SECONDARY takes its place", async () => {
    const before = await failover(2);
    const after = await failover(3);
    const e2Before = findResources(before, REC).find((r) => r.name === "api-e2")!;
    const e2After = findResources(after, REC).find((r) => r.name === "api-e2")!;
    assert.equal(e2Before.inputs.name, "api.example.com");
    assert.equal(e2After.inputs.name, "_tier2.api.example.com", "same URN, another name: a replacement");
    // Route 53 allows one SECONDARY per failover name: the old one must be gone before the alias is created.
    assert.equal(e2After.deleteBeforeReplace, true);
    const tier2 = findResources(after, REC).find((r) => r.name === "api-tier2")!;
    assert.ok(dependsOn(after, tier2, e2After));
  });
});
