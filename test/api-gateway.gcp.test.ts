import SwaggerParser from "@apidevtools/swagger-parser";
import * as assert from "node:assert/strict";
import { Plan, allStrings, dependsOn, findResources, getResource, hasResource, recordPlan } from "../lib/testing";
import { assertOpenApiOutput, usersApi } from "./support/api-program";

describe("ApiGateway on Google Cloud (API Gateway)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(usersApi("gcp:europe-west1"));
  });

  it("gateway service account is the invoker of each function's Cloud Run service", () => {
    const sa = getResource(plan, "gcp:serviceaccount/account:Account");
    const invokers = findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember");
    assert.equal(invokers.length, 2);
    for (const m of invokers) {
      assert.equal(m.inputs.role, "roles/run.invoker");
      assert.equal(m.inputs.member, `serviceAccount:${sa.inputs.accountId}@meridian-test.iam.gserviceaccount.com`);
      assert.equal(m.inputs.location, "europe-west1");
    }
    assert.deepEqual(invokers.map((m) => m.inputs.name).sort(), ["meridian-dev-get", "meridian-dev-list"]);
    assert.ok(!allStrings(plan).includes("allUsers"), "functions stay private");
  });

  it("ApiConfig is fed the Swagger 2.0 document, with a content-hashed config id", async () => {
    const config = getResource(plan, "gcp:apigateway/apiConfig:ApiConfig");
    const docs = config.inputs.openapiDocuments as any[];
    const swagger = JSON.parse(Buffer.from(docs[0].document.contents, "base64").toString("utf8"));
    await SwaggerParser.validate(structuredClone(swagger));
    assert.equal(swagger.swagger, "2.0");
    assert.equal(
      swagger.paths["/users/{id}"].get["x-google-backend"].address,
      "https://meridian-dev-get-abc123-ew.a.run.app",
    );
    assert.equal(swagger.securityDefinitions.jwt["x-google-issuer"], "https://auth.example.com/");
    assert.match(String(config.inputs.apiConfigId), /^meridian-dev-users-cfg-[a-z0-9]{8}$/);
    assert.match(
      String((config.inputs.gatewayConfig as any).backendConfig.googleServiceAccount),
      /@meridian-test\.iam\.gserviceaccount\.com$/,
    );
  });

  it("Gateway in the target region after the invoker grants", () => {
    const gw = hasResource(plan, "gcp:apigateway/gateway:Gateway", { region: "europe-west1" });
    for (const m of findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember"))
      assert.ok(dependsOn(plan, gw, m));
    assert.ok(dependsOn(plan, gw, getResource(plan, "gcp:apigateway/apiConfig:ApiConfig")));
  });

  it("domain chain: serverless NEG on the gateway, HTTPS LB with managed cert and TLS 1.2 policy, A record", () => {
    hasResource(plan, "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", {
      networkEndpointType: "SERVERLESS",
      region: "europe-west1",
      serverlessDeployment: { platform: "apigateway.googleapis.com" },
    });
    hasResource(plan, "gcp:compute/managedSslCertificate:ManagedSslCertificate", {
      managed: { domains: ["api.example.com"] },
    });
    hasResource(plan, "gcp:compute/sSLPolicy:SSLPolicy", { minTlsVersion: "TLS_1_2" });
    hasResource(plan, "gcp:compute/globalForwardingRule:GlobalForwardingRule", {
      portRange: "443",
      loadBalancingScheme: "EXTERNAL_MANAGED",
    });
    hasResource(plan, "gcp:dns/recordSet:RecordSet", {
      name: "api.example.com.",
      type: "A",
      managedZone: "example-com",
    });
    assert.equal(plan.outputs.url, "https://api.example.com");
  });

  it("openapi output validates", async () => {
    await assertOpenApiOutput(plan);
  });

  it("API keys enable the managed service; throttling becomes a per-key quota", async () => {
    const p = await recordPlan(
      usersApi("gcp:europe-west1", {
        auth: { apiKey: true },
        domain: undefined,
        throttle: { ratePerSecond: 2, burst: 4 },
      }),
    );
    hasResource(p, "gcp:projects/service:Service", { disableOnDestroy: false });
    const swagger = JSON.parse(
      Buffer.from(
        (getResource(p, "gcp:apigateway/apiConfig:ApiConfig").inputs.openapiDocuments as any)[0].document.contents,
        "base64",
      ).toString(),
    );
    assert.equal(swagger["x-google-management"].quota.limits[0].values.STANDARD, 120);
    assert.match(String(p.outputs.url), /^https:\/\/.*\.gateway\.dev$/);
  });
});
