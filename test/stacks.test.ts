import * as assert from "node:assert/strict";
import * as path from "node:path";
import { stackRecording } from "../lib/engine/project";
import { locationOf } from "../lib/engine/location";
import { isStateful } from "../lib/core/stateful";
import { checkPlan } from "../lib/policy";
import { Plan, allStrings, findResources, planToJson, recordPlan } from "../lib/testing";

const ROOT = path.resolve(__dirname, "..");

/** The app stack of `env`, recorded exactly as `npm run plan -- --stack <env>` does. */
function recordStack(env: string): Promise<Plan> {
  const { program, options } = stackRecording(ROOT, env);
  return recordPlan(program, options);
}

/** Edges from a regional resource to a resource of another region, followed through global resources too. */
function crossRegionEdges(plan: Plan): string[] {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const regional = (loc: string) => loc !== "" && !loc.endsWith("(global)") && loc !== "cloudflare";
  const problems: string[] = [];
  for (const r of plan.resources) {
    const mine = locationOf(r);
    if (!regional(mine)) continue;
    // A Route 53 health-check alarm belongs to the global DNS layer it watches: AWS publishes Route 53 metrics only
    // in us-east-1, so it is pinned there, and like the health check it waits for the endpoint's region; nothing
    // regional depends on it. https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html
    if (r.inputs.namespace === "AWS/Route53") continue;
    const seen = new Set<string>();
    const todo = [...r.dependencies];
    while (todo.length) {
      const d = byUrn.get(todo.pop()!);
      if (!d || seen.has(d.urn)) continue;
      seen.add(d.urn);
      const theirs = locationOf(d);
      if (regional(theirs) && theirs !== mine) problems.push(`${r.name} (${mine}) -> ${d.name} (${theirs})`);
      todo.push(...d.dependencies);
    }
  }
  return problems;
}

describe("app stack (stacks/)", () => {
  const plans: Record<string, Plan> = {};
  before(async () => {
    for (const env of ["dev", "staging", "prod"]) plans[env] = await recordStack(env);
  });

  it("runs the service in 1, 2 and 3 regions for dev, staging and prod", () => {
    const regions = (p: Plan) =>
      findResources(p, "aws:ecs/service:Service")
        .map((r) => r.inputs.region)
        .sort();
    assert.deepEqual(regions(plans.dev), ["us-east-1"]);
    assert.deepEqual(regions(plans.staging), ["eu-west-1", "us-east-1"]);
    assert.deepEqual(regions(plans.prod), ["ap-southeast-1", "eu-west-1", "us-east-1"]);
    for (const env of ["dev", "staging", "prod"])
      assert.deepEqual(plans[env].outputs.regions, plans[env].outputs.regions);
  });

  it("composes the four components: functions behind an API, a service behind failover DNS", () => {
    const types = new Set(plans.prod.resources.map((r) => r.type));
    for (const t of [
      "meridian:index:ServerlessFunction",
      "meridian:index:ApiGateway",
      "meridian:index:MultiRegionService",
      "meridian:index:FailoverDns",
    ])
      assert.ok(types.has(t), t);
    assert.equal(findResources(plans.prod, "aws:route53/healthCheck:HealthCheck").length, 3);
    assert.equal(plans.dev.outputs.apiUrl, "https://api.dev.example.com");
    assert.equal(plans.prod.outputs.url, "https://www.example.com");
    assert.equal((plans.dev.outputs.openapi as { openapi: string }).openapi, "3.1.0");
    assert.equal(typeof plans.prod.outputs.failoverSeconds, "number");
  });

  it("deploys regions in parallel: no dependency from one region to another", () => {
    for (const env of ["staging", "prod"]) assert.deepEqual(crossRegionEdges(plans[env]), [], env);
  });

  it("alarms in staging and prod to the meridian:alarmEmail addresses, and none in dev (docs/alarms.md)", () => {
    const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    assert.equal(findResources(plans.dev, ALARM).length, 0);
    for (const env of ["staging", "prod"]) {
      const names = findResources(plans[env], ALARM).map((r) => r.name);
      for (const n of [
        "users-alarm-error-rate",
        "health-alarm-latency",
        "api-alarm-error-rate",
        "web-us-east-1-alarm-latency",
      ])
        assert.ok(names.includes(n), `${env}: ${n}`);
      assert.ok(
        names.some((n) => n.endsWith("-alarm-health")),
        env,
      );
      const email = findResources(plans[env], "aws:sns/topicSubscription:TopicSubscription").filter(
        (s) => s.inputs.protocol === "email",
      );
      assert.ok(email.length > 0 && email.every((s) => s.inputs.endpoint === "oncall@example.com"), env);
    }
  });

  it("protects every stateful resource in prod, and nothing in dev", () => {
    const stateful = (p: Plan) => p.resources.filter((r) => isStateful(r.type));
    assert.ok(stateful(plans.prod).length >= 8);
    for (const r of stateful(plans.prod)) assert.ok(r.protect && r.retainOnDelete, r.urn);
    assert.ok(
      plans.prod.resources.filter((r) => r.protect).every((r) => isStateful(r.type)),
      "only stateful resources are protected",
    );
    assert.ok(plans.dev.resources.every((r) => !r.protect));
  });

  it("passes every mandatory policy in every environment", () => {
    for (const env of ["dev", "staging", "prod"]) {
      const violations = checkPlan(plans[env]);
      assert.deepEqual(
        violations.map((v) => `${v.policy} ${v.urn}: ${v.message}`),
        [],
        env,
      );
    }
  });

  it("is deterministic and keeps no secret in clear", async () => {
    assert.equal(planToJson(await recordStack("prod")), planToJson(plans.prod));
    assert.ok(!allStrings(plans.prod).some((s) => s.includes("offline-secret-placeholder")));
  });
});

describe("app stack: prod settings agree with each other (issue #14, defect 13)", () => {
  let prod: Plan;
  before(async () => {
    prod = await recordStack("prod");
  });

  it("every prod log group keeps 365 days, the API's access logs included", () => {
    const groups = findResources(prod, "aws:cloudwatch/logGroup:LogGroup");
    assert.ok(groups.some((g) => String(g.inputs.name).startsWith("/aws/apigateway/")));
    for (const g of groups) assert.equal(g.inputs.retentionInDays, 365, String(g.inputs.name));
  });

  it("the prod API is api.example.com in the configured hosted zone, not api.www.example.com", () => {
    const domain = findResources(prod, "aws:apigatewayv2/domainName:DomainName")[0];
    assert.equal(domain.inputs.domainName, "api.example.com");
    const record = findResources(prod, "aws:route53/record:Record").find((r) => r.inputs.name === "api.example.com")!;
    assert.equal(record.inputs.zoneId, "Z0123456789ABCDEFGHIJ");
  });
});
