import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, ConfigError, MultiRegionService, ServerlessFunction } from "../lib";
import { findResources, recordPlan, tryRecordPlan } from "../lib/testing";

/**
 * Values Meridian derives from user input must fit the field they land in (issue 15 item 13), or the input is a
 * ConfigError before anything registers. Limits, each from the field's own documentation:
 * - Front Door origin weight 1-1000: https://learn.microsoft.com/rest/api/frontdoor/azurefrontdoorstandardpremium/afd-origins/create
 * - APIM rate-limit renewal-period at most 300 s: https://learn.microsoft.com/azure/api-management/rate-limit-policy#attributes
 * - Cloud Run startup probe period 1-240 s: https://cloud.google.com/run/docs/configuring/healthchecks
 * - Container Apps probe period 1-240 s: https://learn.microsoft.com/azure/container-apps/health-probes
 * - Container Apps at most 1,000 replicas: https://learn.microsoft.com/azure/container-apps/scale-app
 * - Cloud Run maximum instances at most 1,000: https://cloud.google.com/run/docs/configuring/max-instances
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const container = { image: "ghcr.io/acme/web:1.0.0", port: 8080 };
const route53 = {
  strategy: "latency" as const,
  dns: { provider: "route53" as const, zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
};

describe("derived values fit their fields (issue 15 item 13)", () => {
  it("Front Door origin weights stay within 1-1000 for every accepted weight (0-255), in proportion", async () => {
    const plan = await recordPlan(() => {
      new MultiRegionService("web", {
        regions: ["azure:westeurope", "azure:eastus", "azure:southeastasia"],
        container,
        routing: { strategy: "weighted" },
        perRegion: {
          "azure:westeurope": { weight: 255 },
          "azure:eastus": { weight: 1 },
          "azure:southeastasia": { weight: 0 },
        },
      });
    });
    const origins = findResources(plan, "azure-native:cdn:AFDOrigin");
    const weights = Object.fromEntries(origins.map((o) => [o.name, o.inputs.weight as number]));
    for (const w of Object.values(weights)) assert.ok(w >= 1 && w <= 1000, `origin weight ${w} outside 1-1000`);
    assert.strictEqual(weights["web-origin-westeurope"], 255);
    assert.strictEqual(weights["web-origin-eastus"], 1);
    assert.strictEqual(origins.find((o) => o.name === "web-origin-southeastasia")!.inputs.enabledState, "Disabled");
  });

  it("an APIM throttle whose window (burst / rate) exceeds 300 s is a ConfigError on throttle.burst", async () => {
    const rec = await tryRecordPlan(() => {
      const fn = new ServerlessFunction("f", { target: "azure:westeurope", entry: ENTRY });
      new ApiGateway("a", {
        target: "azure:westeurope",
        routes: { "GET /x": fn },
        auth: { apiKey: true },
        throttle: { ratePerSecond: 1, burst: 5000 },
      });
    });
    assert.ok(rec.error instanceof ConfigError && rec.error.field === "throttle.burst", String(rec.error));
    assert.match(rec.error.message, /5000 s window.*at most 300 s/);
  });

  for (const region of ["gcp:us-central1", "azure:westeurope"] as const) {
    it(`${region}: a health-check interval above 240 s is a ConfigError (probe periods are 1-240 s)`, async () => {
      const rec = await tryRecordPlan(
        () =>
          void new MultiRegionService("web", {
            regions: [region],
            container,
            healthCheck: { path: "/healthz", intervalSeconds: 300 },
            routing: region.startsWith("gcp") ? route53 : { strategy: "latency" },
          }),
      );
      assert.ok(
        rec.error instanceof ConfigError && rec.error.field === "healthCheck.intervalSeconds",
        String(rec.error),
      );
      assert.strictEqual(rec.plan.resources.length, 0);
    });
  }

  it("probe periods and replica ceilings of the largest accepted inputs fit Cloud Run and Container Apps", async () => {
    const plan = await recordPlan(() => {
      new MultiRegionService("web", {
        regions: ["azure:westeurope"],
        container,
        count: 1000,
        healthCheck: { path: "/healthz", intervalSeconds: 240, timeoutSeconds: 60, failureThreshold: 10 },
      });
      new MultiRegionService("run", {
        regions: ["gcp:us-central1"],
        container,
        count: 1000,
        healthCheck: { path: "/healthz", intervalSeconds: 240, timeoutSeconds: 60, failureThreshold: 10 },
        routing: route53,
      });
    });
    const app = findResources(plan, "azure-native:app:ContainerApp")[0].inputs as any;
    assert.ok(
      app.template.scale.maxReplicas <= 1000 && app.template.scale.maxReplicas >= app.template.scale.minReplicas,
    );
    for (const p of app.template.containers[0].probes) {
      assert.ok(p.periodSeconds >= 1 && p.periodSeconds <= 240, `${p.type} period ${p.periodSeconds}`);
      assert.ok(p.timeoutSeconds >= 1 && p.timeoutSeconds <= 240);
      assert.ok(p.failureThreshold >= 1 && p.failureThreshold <= 10);
    }
    const run = findResources(plan, "gcp:cloudrunv2/service:Service")[0].inputs as any;
    assert.ok(run.template.scaling.maxInstanceCount <= 1000);
    assert.ok(run.template.containers[0].startupProbe.periodSeconds <= 240);
    assert.ok(run.template.containers[0].livenessProbe.periodSeconds <= 3600);
  });
});
