import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, FailoverDns, MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, PlanResource, findResources, getResource, recordPlan } from "../lib/testing";

/**
 * On the recording engine, a Google resource that names another by its id or name output must show the form Google
 * gives it, so that a recorded plan never points at a resource that does not exist. Compute Engine resources are
 * `projects/{project}/global/{collection}/{name}` for global ones and `projects/{project}/regions/{region}/
 * {collection}/{name}` for regional ones, with the REST collection names (https://cloud.google.com/compute/docs/
 * reference/rest/v1: addresses, backendServices, urlMaps, targetHttpsProxies, targetHttpProxies, forwardingRules,
 * healthChecks, sslCertificates, sslPolicies, networkEndpointGroups; the pulumi-gcp "Import" sections give the same ids).
 * The mocks derived the collection from the Pulumi type token, so a global HTTPS proxy pointed at
 * `.../regions/us-central1/uRLMaps/...` and `.../regions/us-central1/sSLPolicys/...`. Cloud Monitoring: an alert policy
 * names its channels `projects/{project}/notificationChannels/{id}` (AlertPolicy.notificationChannels,
 * https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies) and an uptime check is matched by
 * its `check_id` label, the check's id (https://cloud.google.com/monitoring/api/metrics_gcp_i_o, uptime_check);
 * the mocks gave the channel a bare logical name and the check no id at all (`check_id="undefined"`).
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const CONFIG = { config: { "gcp:project": "meridian-test" } };
const NOTIFY = { email: ["oncall@northwind-origins.net"] };
const G = "projects/meridian-test/global";

const named = (plan: Plan, type: string, name: string): PlanResource => getResource(plan, type, name);

describe("recorded Google plans: references name the resources they point at", function () {
  this.timeout(120_000);
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(() => {
      const fn = new ServerlessFunction("fn", { target: "gcp:europe-west1", entry: ENTRY });
      new ApiGateway("users", { target: "gcp:europe-west1", routes: { "GET /x": fn }, domain: "api.example.com" });
      new MultiRegionService("web", {
        regions: ["gcp:europe-west1", "gcp:us-central1"],
        container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080 },
        healthCheck: { path: "/healthz" },
        routing: {
          strategy: "weighted",
          dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
        },
        alarms: { notify: NOTIFY },
      });
      new FailoverDns("dns", {
        provider: "gcp-cloud-dns",
        zone: "example.com",
        record: "api",
        strategy: "weighted",
        gcp: { managedZone: "example-com" },
        healthCheck: { intervalSeconds: 30 },
        endpoints: [{ id: "a", address: "34.120.113.10" }],
        alarms: { notify: NOTIFY },
      });
    }, CONFIG);
  });

  it("HTTPS proxies name their global URL map, SSL policy and certificate", () => {
    for (const proxy of findResources(plan, "gcp:compute/targetHttpsProxy:TargetHttpsProxy")) {
      const base = proxy.name.replace(/-https-proxy$/, "");
      assert.strictEqual(
        proxy.inputs.urlMap,
        `${G}/urlMaps/${named(plan, "gcp:compute/uRLMap:URLMap", `${base}-urlmap`).inputs.name}`,
      );
      assert.strictEqual(
        proxy.inputs.sslPolicy,
        `${G}/sslPolicies/${named(plan, "gcp:compute/sSLPolicy:SSLPolicy", `${base}-tls`).inputs.name}`,
      );
      const cert = named(plan, "gcp:compute/managedSslCertificate:ManagedSslCertificate", `${base}-cert`);
      assert.deepStrictEqual(proxy.inputs.sslCertificates, [`${G}/sslCertificates/${cert.inputs.name}`]);
    }
  });

  it("forwarding rules name their proxies and addresses; URL maps their backend services; backends their NEGs", () => {
    for (const rule of findResources(plan, "gcp:compute/globalForwardingRule:GlobalForwardingRule"))
      assert.match(String(rule.inputs.target), new RegExp(`^${G}/(targetHttpsProxies|targetHttpProxies)/[a-z0-9-]+$`));
    const http = named(plan, "gcp:compute/globalForwardingRule:GlobalForwardingRule", "web-http");
    assert.strictEqual(
      http.inputs.target,
      `${G}/targetHttpProxies/${named(plan, "gcp:compute/targetHttpProxy:TargetHttpProxy", "web-http-proxy").inputs.name}`,
    );
    assert.strictEqual(
      http.inputs.ipAddress,
      `${G}/addresses/${named(plan, "gcp:compute/globalAddress:GlobalAddress", "web-ip").inputs.name}`,
    );
    const weighted = named(plan, "gcp:compute/uRLMap:URLMap", "web-urlmap").inputs.defaultRouteAction as any;
    for (const w of weighted.weightedBackendServices)
      assert.match(w.backendService, new RegExp(`^${G}/backendServices/[a-z0-9-]+$`));
    for (const backend of findResources(plan, "gcp:compute/backendService:BackendService"))
      for (const b of backend.inputs.backends as { group: string }[])
        assert.match(b.group, /^projects\/meridian-test\/regions\/[a-z0-9-]+\/networkEndpointGroups\/[a-z0-9-]+$/);
  });

  it("a Cloud DNS routing policy names its global health check", () => {
    const record = getResource(plan, "gcp:dns/recordSet:RecordSet", "dns-record");
    const check = getResource(plan, "gcp:compute/healthCheck:HealthCheck");
    assert.strictEqual((record.inputs.routingPolicy as any).healthCheck, `${G}/healthChecks/${check.inputs.name}`);
  });

  it("alert policies name their channels by full name, and health alerts match their uptime check's id", () => {
    for (const policy of findResources(plan, "gcp:monitoring/alertPolicy:AlertPolicy"))
      for (const c of policy.inputs.notificationChannels as string[])
        assert.match(c, /^projects\/meridian-test\/notificationChannels\/[0-9]+$/, policy.name);
    const health = getResource(plan, "gcp:monitoring/alertPolicy:AlertPolicy", "dns-a-alarm-health");
    const filter = String((health.inputs.conditions as any)[0].conditionThreshold.filter);
    assert.match(filter, /metric\.label\.check_id="dns-a-health-meridian-[a-z0-9]+"/);
    assert.ok(!filter.includes("undefined"), filter);
  });
});
