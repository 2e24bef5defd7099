import * as assert from "node:assert";
import { MultiRegionService, MultiRegionServiceArgs } from "../lib";
import { FAST_TTL_SECONDS } from "../lib/core/dns/presets";
import { ELB_DNS_TTL_SECONDS, frontDoorFailoverTime, route53FailoverTime } from "../lib/core/failover-time";
import { Plan, PlanResource, findResources, getResource, recordPlan } from "../lib/testing";

const CF = { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210" };
const input = (r: PlanResource): any => r.inputs;

function record(a: MultiRegionServiceArgs): Promise<Plan> {
  return recordPlan(() => ({ failoverSeconds: new MultiRegionService("api", a).failoverSeconds }));
}
const aws = (
  healthCheck: MultiRegionServiceArgs["healthCheck"],
  dns?: NonNullable<MultiRegionServiceArgs["routing"]>["dns"],
): MultiRegionServiceArgs => ({
  regions: ["aws:us-east-1", "aws:eu-west-1"],
  container: { image: "ghcr.io/acme/api:1.0.0", port: 8080 },
  healthCheck,
  routing: {
    strategy: "failover" as const,
    dns: dns ?? {
      provider: "route53" as const,
      zone: "example.com",
      record: "api",
      route53: { zoneId: "Z0123456789ABC" },
    },
  },
});

describe("MultiRegionService healthCheck.preset on each front", () => {
  it('Route 53 front, "standard": ALB aliases with the ALB\'s 60 s TTL', async () => {
    const plan = await record(aws(undefined));
    const records = findResources(plan, "aws:route53/record:Record").filter((r) => r.inputs.name === "api.example.com");
    assert.strictEqual(records.length, 2);
    for (const r of records) {
      assert.strictEqual(r.inputs.type, "A");
      assert.ok(Array.isArray(r.inputs.aliases));
    }
    assert.strictEqual(
      plan.outputs.failoverSeconds,
      route53FailoverTime({
        intervalSeconds: 10,
        failureThreshold: 3,
        protocol: "HTTPS",
        ttlSeconds: ELB_DNS_TTL_SECONDS,
        aliasTtlSeconds: ELB_DNS_TTL_SECONDS,
      }).seconds,
    );
  });

  it('Route 53 front, "fast": health-checked CNAMEs to the ALBs with a 10 s TTL, 10 s x 1 checks, within 30 s', async () => {
    // A non-apex name may be a CNAME, whose TTL is its own; an alias takes the ALB's 60 s
    // (docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html).
    const plan = await record(aws({ preset: "fast" }));
    const records = findResources(plan, "aws:route53/record:Record").filter((r) => r.inputs.name === "api.example.com");
    assert.strictEqual(records.length, 2);
    for (const r of records) {
      assert.strictEqual(r.inputs.type, "CNAME");
      assert.strictEqual(r.inputs.ttl, FAST_TTL_SECONDS);
      assert.match(String((r.inputs.records as string[])[0]), /\.elb\.amazonaws\.com$/);
      assert.ok(r.inputs.healthCheckId);
    }
    for (const hc of findResources(plan, "aws:route53/healthCheck:HealthCheck")) {
      assert.strictEqual(hc.inputs.requestInterval, 10);
      assert.strictEqual(hc.inputs.failureThreshold, 1);
    }
    // The ALB's own check is the ALB's fastest (5 s x 2, 2 s timeout).
    for (const tg of findResources(plan, "aws:lb/targetGroup:TargetGroup"))
      assert.deepStrictEqual(
        [input(tg).healthCheck.interval, input(tg).healthCheck.unhealthyThreshold, input(tg).healthCheck.timeout],
        [5, 2, 2],
      );
    const expected = route53FailoverTime({
      intervalSeconds: 10,
      failureThreshold: 1,
      protocol: "HTTPS",
      ttlSeconds: FAST_TTL_SECONDS,
    }).seconds;
    assert.strictEqual(plan.outputs.failoverSeconds, expected);
    assert.ok(expected <= 30, `${expected} s`);
  });

  it('"fast" keeps a threshold the user gave on the Route 53 checks', async () => {
    const plan = await record(aws({ preset: "fast", failureThreshold: 3 }));
    for (const hc of findResources(plan, "aws:route53/healthCheck:HealthCheck"))
      assert.strictEqual(hc.inputs.failureThreshold, 3);
  });

  it('Cloudflare front, "fast" on Business: 15 s monitor, 1 failure, no retry', async () => {
    const plan = await record(
      aws(
        { preset: "fast" },
        { provider: "cloudflare", zone: "example.com", record: "api", cloudflare: { ...CF, plan: "business" } },
      ),
    );
    const monitor = getResource(plan, "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor");
    assert.deepStrictEqual(
      [monitor.inputs.interval, monitor.inputs.consecutiveDown, monitor.inputs.retries, monitor.inputs.timeout],
      [15, 1, 0, 2],
    );
    assert.ok((plan.outputs.failoverSeconds as number) <= 30);
  });

  it('Front Door, "fast": 5 s probes, 2 of 4 samples failing', async () => {
    const plan = await record({
      regions: ["azure:westeurope", "azure:northeurope"],
      container: { image: "ghcr.io/acme/api:1.0.0", port: 8080, cpu: 1, memoryMb: 2048 },
      healthCheck: { preset: "fast" },
      routing: { strategy: "latency" },
    });
    const group = input(getResource(plan, "azure-native:cdn:AFDOriginGroup"));
    assert.strictEqual(group.healthProbeSettings.probeIntervalInSeconds, 5);
    const { sampleSize, successfulSamplesRequired } = group.loadBalancingSettings;
    assert.strictEqual(
      plan.outputs.failoverSeconds,
      frontDoorFailoverTime({ probeIntervalSeconds: 5, sampleSize, successfulSamplesRequired }).seconds,
    );
    assert.ok((plan.outputs.failoverSeconds as number) <= 30);
  });
});
