import * as assert from "node:assert";
import { MultiRegionService } from "../lib";
import { criticalPathSeconds } from "../lib/core/service";
import { Plan, allStrings, dependsOn, findResources, getResource, hasResource, recordPlan } from "../lib/testing";
import { crossRegionEdges, regionTypes } from "./support/multi-region-service-helpers";

const REGIONS = ["azure:westeurope", "azure:eastus", "azure:southeastasia"] as const;
const LABELS = ["westeurope", "eastus", "southeastasia"];

describe("MultiRegionService on Azure (Front Door)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(() => {
      const svc = new MultiRegionService("web", {
        regions: [...REGIONS],
        container: { image: "ghcr.io/acme/web:1.0.0", port: 3000, cpu: 0.5, memoryMb: 1024 },
        healthCheck: { path: "/ready", intervalSeconds: 15, failureThreshold: 2 },
        routing: { strategy: "failover" },
        drained: ["azure:southeastasia"],
        perRegion: { "azure:eastus": { cpu: 1, memoryMb: 2048, count: 3, environment: { ZONE: "us" } } },
      });
      return { url: svc.url, endpoints: svc.endpoints, failoverSeconds: svc.failoverSeconds };
    });
  });

  it("expands each region the same way: resource group, workspace with retention, environment, app", () => {
    const types = regionTypes(plan, "web", "westeurope", LABELS);
    assert.deepStrictEqual(types, [
      "azure-native:app:ContainerApp",
      "azure-native:app:ManagedEnvironment",
      "azure-native:operationalinsights:Workspace",
      "azure-native:resources:ResourceGroup",
    ]);
    for (const l of LABELS) assert.deepStrictEqual(regionTypes(plan, "web", l, LABELS), types);
    hasResource(plan, "azure-native:operationalinsights:Workspace", {
      location: "eastus",
      retentionInDays: 30,
      sku: { name: "PerGB2018" },
    });
  });

  it("runs the app with HTTPS-only ingress, probes on the health path and per-region overrides", () => {
    const app = getResource(plan, "azure-native:app:ContainerApp", "web-eastus-app");
    const c = (app.inputs.template as any).containers[0];
    assert.deepStrictEqual(c.resources, { cpu: 1, memory: "2Gi" });
    assert.deepStrictEqual(
      c.probes.map((p: any) => [p.type, p.httpGet.path, p.httpGet.port]),
      [
        ["Startup", "/ready", 3000],
        ["Readiness", "/ready", 3000],
        ["Liveness", "/ready", 3000],
      ],
    );
    assert.deepStrictEqual(c.env, [{ name: "ZONE", value: "us" }]);
    assert.strictEqual((app.inputs.template as any).scale.minReplicas, 3);
    assert.deepStrictEqual((app.inputs.configuration as any).ingress.allowInsecure, false);
    const eu = getResource(plan, "azure-native:app:ContainerApp", "web-westeurope-app");
    assert.deepStrictEqual((eu.inputs.template as any).containers[0].resources, { cpu: 0.5, memory: "1Gi" });
  });

  it("keeps the Log Analytics key secret", () => {
    const env = getResource(plan, "azure-native:app:ManagedEnvironment", "web-westeurope-env");
    assert.deepStrictEqual((env.inputs.appLogsConfiguration as any).logAnalyticsConfiguration.sharedKey, {
      secret: true,
    });
    assert.ok(!allStrings(plan).includes("bW9jay1wcmltYXJ5LXNoYXJlZC1rZXk="));
  });

  it("fronts the regions with Front Door Standard: origin per region, priorities, drained origin disabled", () => {
    hasResource(plan, "azure-native:cdn:Profile", { location: "global", sku: { name: "Standard_AzureFrontDoor" } });
    hasResource(plan, "azure-native:cdn:AFDOriginGroup", {
      healthProbeSettings: {
        probePath: "/ready",
        probeProtocol: "Https",
        probeRequestType: "GET",
        probeIntervalInSeconds: 15,
      },
      loadBalancingSettings: { sampleSize: 4, successfulSamplesRequired: 3 },
    });
    const origins = findResources(plan, "azure-native:cdn:AFDOrigin");
    assert.strictEqual(origins.length, 3);
    const o = (l: string) => getResource(plan, "azure-native:cdn:AFDOrigin", `web-origin-${l}`).inputs;
    assert.deepStrictEqual([o("westeurope").priority, o("eastus").priority, o("southeastasia").priority], [1, 2, 3]);
    assert.deepStrictEqual(
      [o("westeurope").enabledState, o("eastus").enabledState, o("southeastasia").enabledState],
      ["Enabled", "Enabled", "Disabled"],
    );
    assert.strictEqual(o("eastus").enforceCertificateNameCheck, true);
    assert.match(String(o("eastus").hostName), /\.eastus\.azurecontainerapps\.io$/);
    assert.strictEqual(o("eastus").originHostHeader, o("eastus").hostName);
    const route = hasResource(plan, "azure-native:cdn:Route", {
      forwardingProtocol: "HttpsOnly",
      httpsRedirect: "Enabled",
      supportedProtocols: ["Http", "Https"],
    });
    for (const origin of origins) assert.ok(dependsOn(plan, route, origin), `route waits for ${origin.name}`);
  });

  it("has no dependency between regions", () => {
    assert.deepStrictEqual(crossRegionEdges(plan, "web", LABELS), []);
  });

  it("outputs the Front Door URL, the regional URLs and the failover time", () => {
    assert.match(String(plan.outputs.url), /^https:\/\/.+\.azurefd\.net$/);
    const endpoints = plan.outputs.endpoints as Record<string, string>;
    assert.deepStrictEqual(Object.keys(endpoints).sort(), [...REGIONS].sort());
    assert.match(endpoints["azure:eastus"], /^https:\/\/.+\.eastus\.azurecontainerapps\.io$/);
    assert.strictEqual(plan.outputs.failoverSeconds, 15 * 2 + 10);
  });

  it("5 regions deploy within 1.1x the critical path of 1 region", async () => {
    const svc = (regions: any[]) => () => {
      new MultiRegionService("web", { regions, container: { image: "ghcr.io/acme/web:1.0.0" } });
    };
    const one = await recordPlan(svc(["azure:westeurope"]));
    const five = await recordPlan(
      svc(["azure:westeurope", "azure:eastus", "azure:southeastasia", "azure:australiaeast", "azure:brazilsouth"]),
    );
    assert.ok(
      criticalPathSeconds(five) <= 1.1 * criticalPathSeconds(one),
      `${criticalPathSeconds(five)} vs ${criticalPathSeconds(one)}`,
    );
  });
});
