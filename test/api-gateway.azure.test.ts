import SwaggerParser from "@apidevtools/swagger-parser";
import * as assert from "node:assert/strict";
import {
  Plan,
  allStrings,
  dependsOn,
  findResources,
  getResource,
  hasResource,
  recordPlan,
  resourceCountIs,
} from "../lib/testing";
import { assertOpenApiOutput, usersApi } from "./support/api-program";

describe("ApiGateway on Azure (API Management)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      usersApi("azure:westeurope", {
        domain: { name: "api.example.com", zoneResourceGroup: "dns" },
      }),
    );
  });

  it("Consumption-tier APIM with the custom hostname after its CNAME", () => {
    const svc = hasResource(plan, "azure-native:apimanagement:ApiManagementService", {
      sku: { name: "Consumption", capacity: 0 },
      location: "westeurope",
      hostnameConfigurations: [{ type: "Proxy", hostName: "api.example.com", certificateSource: "Managed" }],
    });
    const record = hasResource(plan, "azure-native:dns:RecordSet", {
      recordType: "CNAME",
      zoneName: "example.com",
      relativeRecordSetName: "api",
      resourceGroupName: "dns",
      cnameRecord: { cname: `${svc.inputs.serviceName}.azure-api.net` },
    });
    assert.ok(dependsOn(plan, svc, record));
  });

  it("API imported from the generated OpenAPI, one backend per function app", async () => {
    const api = hasResource(plan, "azure-native:apimanagement:Api", {
      format: "openapi+json",
      path: "",
      protocols: ["https"],
      subscriptionRequired: false,
    });
    const doc = JSON.parse(String(api.inputs.value));
    await SwaggerParser.validate(doc);
    assert.deepEqual(Object.keys(doc.paths), ["/users", "/users/{id}"]);
    resourceCountIs(plan, "azure-native:apimanagement:Backend", 2);
    hasResource(plan, "azure-native:apimanagement:Backend", {
      url: "https://meridian-dev-get.azurewebsites.net",
      protocol: "http",
    });
  });

  // APIM's rate-limit counts per subscription: without API keys there is none to count, so a throttle is refused
  // (test/azure.fresh-subscription.test.ts); this test used to assert a rate-limit that Azure would never enforce.
  it("policy validates JWTs and handles CORS", () => {
    const policy = getResource(plan, "azure-native:apimanagement:ApiPolicy");
    const xml = String(policy.inputs.value);
    assert.match(xml, /<validate-jwt header-name="Authorization"/);
    assert.match(xml, /<cors allow-credentials="false">/);
    assert.doesNotMatch(xml, /<rate-limit/);
    for (const b of findResources(plan, "azure-native:apimanagement:Backend")) assert.ok(dependsOn(plan, policy, b));
  });

  it("access logs: App Insights in a Log Analytics workspace with retention; connection string kept secret", () => {
    hasResource(plan, "azure-native:operationalinsights:Workspace", { retentionInDays: 30 });
    const logger = hasResource(plan, "azure-native:apimanagement:Logger", { loggerType: "applicationInsights" });
    assert.deepEqual((logger.inputs.credentials as any).connectionString, { secret: true });
    assert.ok(!allStrings(plan).some((s) => s.startsWith("InstrumentationKey=")));
    hasResource(plan, "azure-native:apimanagement:ApiDiagnostic", { diagnosticId: "applicationinsights" });
  });

  it("openapi output validates", async () => {
    await assertOpenApiOutput(plan);
  });
});
