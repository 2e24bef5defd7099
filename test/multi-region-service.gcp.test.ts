import * as assert from "node:assert";
import { MultiRegionService, MultiRegionServiceArgs } from "../lib";
import { criticalPathSeconds } from "../lib/core/service";
import { Plan, dependsOn, findResources, getResource, hasResource, recordPlan } from "../lib/testing";
import { crossRegionEdges, regionTypes } from "./support/multi-region-service-helpers";

const REGIONS = ["gcp:us-central1", "gcp:europe-west1", "gcp:asia-northeast1"] as const;
const LABELS = ["us-central1", "europe-west1", "asia-northeast1"];
const args = (extra: Partial<MultiRegionServiceArgs> = {}): MultiRegionServiceArgs => ({
  regions: [...REGIONS],
  container: { image: "us-docker.pkg.dev/acme/web:1.0.0", port: 8080, cpu: 1, memoryMb: 512 },
  healthCheck: { path: "/healthz" },
  routing: {
    strategy: "latency",
    dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
  },
  ...extra,
});

describe("MultiRegionService on Google Cloud (Cloud Run + global load balancer)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(() => {
      const svc = new MultiRegionService(
        "web",
        args({
          drained: ["gcp:asia-northeast1"],
          perRegion: { "gcp:europe-west1": { cpu: 2, memoryMb: 4096, count: 3 } },
        }),
      );
      return { url: svc.url, endpoints: svc.endpoints, failoverSeconds: svc.failoverSeconds };
    });
  });

  it("runs Cloud Run per region, reachable only through the load balancer, with a serverless NEG", () => {
    const types = regionTypes(plan, "web", "us-central1", LABELS);
    assert.deepStrictEqual(types, [
      "gcp:cloudrunv2/service:Service",
      "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup",
    ]);
    for (const l of LABELS) assert.deepStrictEqual(regionTypes(plan, "web", l, LABELS), types);
    const run = getResource(plan, "gcp:cloudrunv2/service:Service", "web-europe-west1-run");
    assert.strictEqual(run.inputs.ingress, "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER");
    assert.strictEqual(run.inputs.location, "europe-west1");
    assert.strictEqual(run.inputs.deletionProtection, false);
    const t = run.inputs.template as any;
    assert.deepStrictEqual(t.containers[0].resources.limits, { cpu: "2", memory: "4096Mi" });
    assert.strictEqual(t.scaling.minInstanceCount, 3);
    assert.deepStrictEqual(t.containers[0].readinessProbe.httpGet, { path: "/healthz", port: 8080 });
    assert.match(String(t.serviceAccount), /@meridian-test\.iam\.gserviceaccount\.com$/);
    hasResource(plan, "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", {
      region: "asia-northeast1",
      networkEndpointType: "SERVERLESS",
    });
    assert.strictEqual(findResources(plan, "gcp:serviceaccount/account:Account").length, 1);
  });

  it("builds one global external load balancer with outlier detection; drained region left out of the backends", () => {
    const backend = hasResource(plan, "gcp:compute/backendService:BackendService", {
      loadBalancingScheme: "EXTERNAL_MANAGED",
      outlierDetection: { consecutiveErrors: 5 },
    });
    assert.strictEqual((backend.inputs.backends as any[]).length, 2);
    assert.strictEqual(backend.inputs.healthChecks, undefined, "serverless NEGs take no health checks");
    const negs = findResources(plan, "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup");
    assert.ok(
      dependsOn(
        plan,
        backend,
        negs.find((n) => n.name === "web-us-central1-neg")!,
      ),
    );
    assert.ok(
      !dependsOn(
        plan,
        backend,
        negs.find((n) => n.name === "web-asia-northeast1-neg")!,
      ),
    );
    hasResource(plan, "gcp:compute/managedSslCertificate:ManagedSslCertificate", {
      managed: { domains: ["www.example.com"] },
    });
    hasResource(plan, "gcp:compute/sSLPolicy:SSLPolicy", { minTlsVersion: "TLS_1_2" });
    hasResource(plan, "gcp:compute/globalForwardingRule:GlobalForwardingRule", {
      portRange: "443",
      loadBalancingScheme: "EXTERNAL_MANAGED",
    });
    hasResource(plan, "gcp:compute/globalForwardingRule:GlobalForwardingRule", { portRange: "80" });
    hasResource(plan, "gcp:compute/uRLMap:URLMap", { defaultUrlRedirect: { httpsRedirect: true } });
    assert.strictEqual(findResources(plan, "gcp:compute/globalAddress:GlobalAddress").length, 1);
  });

  it("points the name at the load balancer's address through FailoverDns", () => {
    getResource(plan, "meridian:index:FailoverDns", "web-dns");
    const addr = getResource(plan, "gcp:compute/globalAddress:GlobalAddress");
    const records = findResources(plan, "aws:route53/record:Record").filter((r) => r.name.startsWith("web-dns"));
    assert.ok(records.length >= 1);
    assert.ok(records.some((r) => dependsOn(plan, r, addr)));
  });

  it("has no dependency between regions", () => {
    assert.deepStrictEqual(crossRegionEdges(plan, "web", LABELS), []);
  });

  it("outputs the global URL, regional URLs and the load balancer's failover time", () => {
    assert.strictEqual(plan.outputs.url, "https://www.example.com");
    const endpoints = plan.outputs.endpoints as Record<string, string>;
    assert.deepStrictEqual(Object.keys(endpoints).sort(), [...REGIONS].sort());
    assert.match(endpoints["gcp:europe-west1"], /^https:\/\/.+\.a\.run\.app$/);
    assert.strictEqual(plan.outputs.failoverSeconds, 20);
  });

  it("weighted gives each region a backend service and splits in the URL map; 5 regions deploy as fast as 1", async () => {
    const weighted = await recordPlan(() => {
      new MultiRegionService(
        "web",
        args({
          routing: {
            strategy: "weighted",
            dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
          },
          perRegion: {
            "gcp:us-central1": { weight: 3 },
            "gcp:europe-west1": { weight: 1 },
            "gcp:asia-northeast1": { weight: 1 },
          },
        }),
      );
    });
    assert.strictEqual(findResources(weighted, "gcp:compute/backendService:BackendService").length, 3);
    const map = getResource(weighted, "gcp:compute/uRLMap:URLMap", "web-urlmap");
    assert.deepStrictEqual(
      ((map.inputs.defaultRouteAction as any).weightedBackendServices as any[]).map((w) => w.weight),
      [3, 1, 1],
    );
    const one = await recordPlan(() => {
      new MultiRegionService("web", args({ regions: ["gcp:us-central1"] }));
    });
    const five = await recordPlan(() => {
      new MultiRegionService(
        "web",
        args({
          regions: [
            "gcp:us-central1",
            "gcp:us-east1",
            "gcp:europe-west1",
            "gcp:asia-northeast1",
            "gcp:australia-southeast1",
          ],
        }),
      );
    });
    assert.ok(
      criticalPathSeconds(five) <= 1.1 * criticalPathSeconds(one),
      `${criticalPathSeconds(five)} vs ${criticalPathSeconds(one)}`,
    );
  });
});
