import * as assert from "node:assert";
import { MultiRegionService, MultiRegionServiceArgs, isConfigError } from "../lib";
import { acceleratorFailoverSeconds, validateServiceArgs } from "../lib/core/service";
import { Plan, PlanResource, findResources, getResource, recordPlan } from "../lib/testing";

const REGIONS = ["aws:us-east-1", "aws:eu-west-1", "aws:ap-southeast-1"] as const;
const GA = "aws:globalaccelerator/accelerator:Accelerator";
const GA_LISTENER = "aws:globalaccelerator/listener:Listener";
const GA_GROUP = "aws:globalaccelerator/endpointGroup:EndpointGroup";
const R53_RECORD = "aws:route53/record:Record";
const R53_CHECK = "aws:route53/healthCheck:HealthCheck";
const ALB = "aws:lb/loadBalancer:LoadBalancer";
const TG = "aws:lb/targetGroup:TargetGroup";
const CF = { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210" };

const args = (extra: Partial<MultiRegionServiceArgs> = {}, routing: MultiRegionServiceArgs["routing"] = {}) => ({
  regions: [...REGIONS],
  container: { image: "ghcr.io/acme/api:1.0.0", port: 8080, cpu: 0.5, memoryMb: 1024 },
  ...extra,
  routing: {
    strategy: "latency" as const,
    front: "global-accelerator" as const,
    dns: { provider: "route53" as const, zone: "example.com", record: "api", route53: { zoneId: "Z0123456789ABC" } },
    ...routing,
  },
});

function record(a: MultiRegionServiceArgs): Promise<Plan> {
  return recordPlan(() => {
    const svc = new MultiRegionService("api", a);
    return { url: svc.url, failoverSeconds: svc.failoverSeconds };
  });
}
const group = (plan: Plan, label: string): PlanResource => getResource(plan, GA_GROUP, `api-${label}-endpoint-group`);
/** Nested inputs, read as the provider receives them. */
const input = (r: PlanResource): any => r.inputs;
const dials = (plan: Plan) =>
  REGIONS.map((r) => {
    const g = group(plan, r.slice(4));
    return [input(g).trafficDialPercentage, input(g).endpointConfigurations[0].weight];
  });
const urns = (plan: Plan) => plan.resources.map((r) => r.urn).sort();

describe('MultiRegionService on AWS with routing.front "global-accelerator"', () => {
  let latency: Plan;
  before(async () => {
    latency = await record(args());
  });

  it("creates one accelerator with a TCP 80/443 listener and one endpoint group per region holding its ALB", () => {
    const [accelerator] = findResources(latency, GA);
    assert.strictEqual(findResources(latency, GA).length, 1);
    assert.strictEqual(accelerator.inputs.ipAddressType, "IPV4");
    assert.strictEqual(accelerator.inputs.enabled, true);
    const listener = getResource(latency, GA_LISTENER);
    assert.strictEqual(listener.inputs.protocol, "TCP");
    assert.deepStrictEqual(listener.inputs.portRanges, [
      { fromPort: 80, toPort: 80 },
      { fromPort: 443, toPort: 443 },
    ]);
    assert.strictEqual(findResources(latency, GA_GROUP).length, REGIONS.length);
    for (const placement of REGIONS) {
      const region = placement.slice(4);
      const g = group(latency, region);
      const alb = getResource(latency, ALB, `api-${region}-alb`);
      assert.strictEqual(input(g).endpointGroupRegion, region);
      assert.ok(g.dependencies.includes(alb.urn), "the group holds the region's ALB");
      assert.ok(g.dependencies.includes(listener.urn));
      assert.strictEqual(input(g).endpointConfigurations.length, 1);
      // Client IP preservation shows the client's address to the ALB (X-Forwarded-For):
      // docs.aws.amazon.com/global-accelerator/latest/dg/preserve-client-ip-address.headers.html. The provider's
      // default is false, so it must be explicit.
      assert.strictEqual(input(g).endpointConfigurations[0].clientIpPreservationEnabled, true);
    }
  });

  it("points the name at the accelerator with one Route 53 alias and no DNS failover records or checks", () => {
    const records = findResources(latency, R53_RECORD).filter((r) => r.inputs.name === "api.example.com");
    assert.strictEqual(records.length, 1);
    const [alias] = input(records[0]).aliases;
    const accelerator = getResource(latency, GA);
    assert.match(alias.name, /\.awsglobalaccelerator\.com$/);
    // An accelerator's alias zone is always Z2BJ6XQ5FK7U4H (pulumi-aws Accelerator.hostedZoneId: "simply an alias for
    // the zone ID Z2BJ6XQ5FK7U4H"; docs.aws.amazon.com/general/latest/gr/global_accelerator.html).
    assert.strictEqual(alias.zoneId, "Z2BJ6XQ5FK7U4H");
    assert.ok(records[0].dependencies.includes(accelerator.urn));
    assert.strictEqual(findResources(latency, R53_CHECK).length, 0);
    assert.strictEqual(findResources(latency, "meridian:index:FailoverDns").length, 0);
    assert.strictEqual(latency.outputs.url, "https://api.example.com");
  });

  it("latency: every region dial 100 with the default endpoint weight 128", () => {
    // about-endpoints-endpoint-weights.html: "By default, the weight for an endpoint is 128".
    assert.deepStrictEqual(dials(latency), [
      [100, 128],
      [100, 128],
      [100, 128],
    ]);
  });

  it("uses the ALB's fastest health check and reports its detection time, within 45 s", () => {
    // ALB limits: interval 5-300 s, unhealthy threshold 2-10, timeout 2-120 s below the interval
    // (docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html). For ALB
    // endpoints Global Accelerator uses the ALB's health (about-endpoint-groups.html).
    for (const tg of findResources(latency, TG)) {
      assert.strictEqual(input(tg).healthCheck.interval, 5);
      assert.strictEqual(input(tg).healthCheck.unhealthyThreshold, 2);
      assert.strictEqual(input(tg).healthCheck.timeout, 4);
    }
    const seconds = acceleratorFailoverSeconds({ intervalSeconds: 5, failureThreshold: 2, timeoutSeconds: 4 });
    assert.strictEqual(latency.outputs.failoverSeconds, seconds);
    assert.ok(seconds <= 45, `${seconds} s`);
  });

  it('preset "fast" shortens the ALB timeout to its minimum (2 s), within 30 s', async () => {
    const plan = await record(args({ healthCheck: { preset: "fast" } }));
    for (const tg of findResources(plan, TG)) assert.strictEqual(input(tg).healthCheck.timeout, 2);
    assert.strictEqual(
      plan.outputs.failoverSeconds,
      acceleratorFailoverSeconds({ intervalSeconds: 5, failureThreshold: 2, timeoutSeconds: 2 }),
    );
    assert.ok((plan.outputs.failoverSeconds as number) <= 30);
  });

  it("keeps a health-check field the user gave, and reports the figure for it", async () => {
    const plan = await record(args({ healthCheck: { intervalSeconds: 10 } }));
    for (const tg of findResources(plan, TG)) assert.strictEqual(input(tg).healthCheck.interval, 10);
    assert.strictEqual(
      plan.outputs.failoverSeconds,
      acceleratorFailoverSeconds({ intervalSeconds: 10, failureThreshold: 2, timeoutSeconds: 5 }),
    );
  });

  it("failover: the primary dial 100, the others 0 (failover ignores dials, so they still take over)", async () => {
    // about-endpoints-endpoint-weights.unhealthy-endpoints.html: "for this failover, Global Accelerator ignores the
    // traffic dial setting".
    const plan = await record(args({}, { strategy: "failover" }));
    assert.deepStrictEqual(dials(plan), [
      [100, 128],
      [0, 128],
      [0, 128],
    ]);
  });

  it("manual failover moves the dial only: same URNs, same DNS record, nothing replaced", async () => {
    const before = await record(args({}, { strategy: "failover" }));
    const after = await record(args({ primary: "aws:eu-west-1" }, { strategy: "failover" }));
    assert.deepStrictEqual(dials(after), [
      [0, 128],
      [100, 128],
      [0, 128],
    ]);
    assert.deepStrictEqual(urns(after), urns(before));
    const rec = (p: Plan) => findResources(p, R53_RECORD).find((r) => r.inputs.name === "api.example.com")!.inputs;
    assert.deepStrictEqual(rec(after), rec(before));
  });

  it("drained: dial 0 and weight 0 (a weight-0 endpoint gets no traffic, not even on failover); no DNS change", async () => {
    // repost.aws/knowledge-center/global-accelerator-failover-different-region: "An endpoint with 0 weight doesn't
    // receive any traffic, even if the endpoint is healthy."
    const plan = await record(args({ drained: ["aws:ap-southeast-1"] }));
    assert.deepStrictEqual(dials(plan), [
      [100, 128],
      [100, 128],
      [0, 0],
    ]);
    assert.deepStrictEqual(urns(plan), urns(latency));
  });

  it("weighted: dials in proportion to the largest weight; weight 0 is dial 0 but still a failover target", async () => {
    const plan = await record(
      args(
        {
          perRegion: {
            "aws:us-east-1": { weight: 3 },
            "aws:eu-west-1": { weight: 1 },
            "aws:ap-southeast-1": { weight: 0 },
          },
        },
        { strategy: "weighted" },
      ),
    );
    assert.deepStrictEqual(dials(plan), [
      [100, 128],
      [33, 128],
      [0, 128],
    ]);
  });

  it("with a Cloudflare zone: a DNS-only CNAME to the accelerator (TLS passes through to the ALBs)", async () => {
    const plan = await record(
      args({}, { dns: { provider: "cloudflare", zone: "example.com", record: "api", cloudflare: CF } }),
    );
    const cname = findResources(plan, "cloudflare:index/dnsRecord:DnsRecord").find(
      (r) => r.inputs.name === "api.example.com",
    )!;
    assert.strictEqual(input(cname).type, "CNAME");
    assert.strictEqual(input(cname).proxied, false);
    assert.match(input(cname).content, /\.awsglobalaccelerator\.com$/);
    assert.strictEqual(findResources(plan, "cloudflare:index/loadBalancer:LoadBalancer").length, 0);
  });

  it("lets transform change the new children (accelerator, acceleratorListener, endpointGroup, acceleratorRecord)", async () => {
    const seen: string[] = [];
    const hook = (key: string) => (a: any, _o: unknown, name: string) => {
      seen.push(`${key}:${name}`);
      if (key === "accelerator") a.ipAddressType = "DUAL_STACK";
    };
    const plan = await record(
      args({
        transform: Object.fromEntries(
          ["accelerator", "acceleratorListener", "endpointGroup", "acceleratorRecord"].map((k) => [k, hook(k)]),
        ),
      }),
    );
    assert.strictEqual(getResource(plan, GA).inputs.ipAddressType, "DUAL_STACK");
    assert.deepStrictEqual(seen.map((s) => s.split(":")[0]).sort(), [
      "accelerator",
      "acceleratorListener",
      "acceleratorRecord",
      "endpointGroup",
      "endpointGroup",
      "endpointGroup",
    ]);
  });

  it("switching fronts replaces only the front: regional resources keep their URNs", async () => {
    const dns = await record(args({}, { front: "route53" }));
    const lost = urns(dns).filter((u) => !urns(latency).includes(u));
    const added = urns(latency).filter((u) => !urns(dns).includes(u));
    const typeOf = (u: string) => u.split("::")[2].split("$").pop()!;
    // Removed: the FailoverDns component and its health checks and records. Added: the accelerator, its listener,
    // endpoint groups and the alias record. VPC, ALB, certificates and ECS stay (docs/multi-region-service.md, "Fronts").
    assert.deepStrictEqual(
      [...new Set(lost.map(typeOf))].sort(),
      ["meridian:index:FailoverDns", R53_CHECK, R53_RECORD].sort(),
    );
    assert.deepStrictEqual([...new Set(added.map(typeOf))].sort(), [GA, GA_GROUP, GA_LISTENER, R53_RECORD].sort());
  });

  describe("validation (before anything is registered)", () => {
    const fails = (a: unknown, field: string, pattern: RegExp) =>
      assert.throws(
        () => validateServiceArgs("api", a),
        (e: unknown) => isConfigError(e) && e.field === field && pattern.test(e.message),
      );
    it("refuses an unknown front", () =>
      fails(args({}, { front: "cloudfront" as never }), "routing.front", /cloudfront.*route53.*global-accelerator/));
    it("refuses routing.front with regions outside AWS", () =>
      fails(
        {
          ...args(),
          regions: ["aws:us-east-1", "gcp:europe-west1"],
          routing: {
            front: "global-accelerator",
            dns: { provider: "cloudflare", zone: "example.com", record: "api", cloudflare: CF },
          },
        },
        "routing.front",
        /gcp/,
      ));
    it('refuses front "route53" with a Cloudflare zone', () =>
      fails(
        args(
          {},
          { front: "route53", dns: { provider: "cloudflare", zone: "example.com", record: "api", cloudflare: CF } },
        ),
        "routing.front",
        /cloudflare/,
      ));
    it("refuses an unknown preset", () =>
      fails(args({ healthCheck: { preset: "quick" as never } }), "healthCheck.preset", /quick.*standard.*fast/));
    it("requires the DNS name", () =>
      fails({ ...args(), routing: { front: "global-accelerator" } }, "routing.dns", /accelerator/));
  });
});
