import * as assert from "node:assert";
import * as path from "path";
import { criticalPathSeconds } from "../lib/core/service";
import { Plan, dependsOn, findResources, getResource, hasResource, programFromFile, recordPlan } from "../lib/testing";
import { crossRegionEdges } from "./support/multi-region-service-helpers";

const example = (dir: string) => programFromFile(path.join(__dirname, "..", "examples", dir, "index.ts"));
const CF_ACCOUNT = "0123456789abcdef0123456789abcdef";
const CF_ZONE = "fedcba9876543210fedcba9876543210";

describe("MultiRegionService examples", () => {
  it("multi-region-aws: three complete regions behind Route 53 latency records", async () => {
    const plan = await recordPlan(example("multi-region-aws"), {
      project: "meridian-multi-region-aws",
      config: { zone: "example.com", record: "api" },
    });
    assert.strictEqual(findResources(plan, "aws:ecs/service:Service").length, 3);
    assert.strictEqual(findResources(plan, "aws:lb/loadBalancer:LoadBalancer").length, 3);
    assert.ok(
      findResources(plan, "aws:route53/record:Record").some((r) => Array.isArray(r.inputs.latencyRoutingPolicies)),
    );
    assert.deepStrictEqual(crossRegionEdges(plan, "api", ["us-east-1", "eu-west-1", "ap-southeast-1"]), []);
    assert.strictEqual(plan.outputs.url, "https://api.example.com");
  });

  it("global-gcp: Cloud Run in three regions behind one load balancer", async () => {
    const plan = await recordPlan(example("global-gcp"), {
      project: "meridian-global-gcp",
      config: { zone: "example.com", "gcp:project": "my-project" },
    });
    assert.strictEqual(findResources(plan, "gcp:cloudrunv2/service:Service").length, 3);
    assert.strictEqual(findResources(plan, "gcp:compute/backendService:BackendService").length, 1);
    assert.strictEqual(plan.outputs.url, "https://www.example.com");
  });

  it("frontdoor-azure: active/passive, and a manual failover replaces nothing", async () => {
    const before = await recordPlan(example("frontdoor-azure"), { project: "meridian-frontdoor-azure" });
    const after = await recordPlan(example("frontdoor-azure"), {
      project: "meridian-frontdoor-azure",
      config: { primary: "azure:northeurope" },
    });
    assert.deepStrictEqual(
      after.resources.map((r) => r.urn),
      before.resources.map((r) => r.urn),
    );
    const prio = (p: Plan, l: string) =>
      getResource(p, "azure-native:cdn:AFDOrigin", `app-origin-${l}`).inputs.priority;
    assert.deepStrictEqual([prio(before, "westeurope"), prio(before, "northeurope")], [1, 2]);
    assert.deepStrictEqual([prio(after, "westeurope"), prio(after, "northeurope")], [2, 1]);
    assert.match(String(before.outputs.url), /azurefd\.net$/);
  });

  describe("multicloud-cloudflare: AWS + Google Cloud behind Cloudflare", () => {
    let plan: Plan;
    before(async () => {
      plan = await recordPlan(example("multicloud-cloudflare"), {
        project: "meridian-multicloud-cloudflare",
        config: {
          zone: "example.com",
          record: "api",
          cloudflareAccountId: CF_ACCOUNT,
          cloudflareZoneId: CF_ZONE,
          "gcp:project": "my-project",
        },
      });
    });

    it("expands each region natively; Cloud Run takes traffic directly (no Google load balancer)", () => {
      getResource(plan, "aws:ecs/service:Service");
      const run = getResource(plan, "gcp:cloudrunv2/service:Service");
      assert.strictEqual(run.inputs.ingress, "INGRESS_TRAFFIC_ALL");
      assert.strictEqual(findResources(plan, "gcp:compute/backendService:BackendService").length, 0);
      assert.deepStrictEqual(crossRegionEdges(plan, "api", ["us-east-1", "europe-west1"]), []);
    });

    it("validates the AWS certificate through a Cloudflare DNS record", () => {
      const record = hasResource(plan, "cloudflare:index/dnsRecord:DnsRecord", { zoneId: CF_ZONE, proxied: false });
      const validation = getResource(plan, "aws:acm/certificateValidation:CertificateValidation");
      assert.ok(dependsOn(plan, validation, record));
      assert.strictEqual(findResources(plan, "aws:route53/record:Record").length, 0);
    });

    it("fronts both with a Cloudflare load balancer in failover order, rewriting Host for Cloud Run", () => {
      const lb = getResource(plan, "cloudflare:index/loadBalancer:LoadBalancer");
      assert.strictEqual(lb.inputs.name, "api.example.com");
      const gcpPool = getResource(
        plan,
        "cloudflare:index/loadBalancerPool:LoadBalancerPool",
        "api-dns-europe-west1-pool",
      );
      const origin = (gcpPool.inputs.origins as any[])[0];
      assert.deepStrictEqual(origin.header, { hosts: [origin.address] });
      assert.match(String(origin.address), /\.a\.run\.app$/);
      const awsPool = getResource(plan, "cloudflare:index/loadBalancerPool:LoadBalancerPool", "api-dns-us-east-1-pool");
      assert.strictEqual((awsPool.inputs.origins as any[])[0].header, undefined);
      hasResource(plan, "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor", { path: "/", interval: 15 });
      assert.strictEqual(plan.outputs.url, "https://api.example.com");
      assert.ok(criticalPathSeconds(plan) > 0);
    });
  });
});
