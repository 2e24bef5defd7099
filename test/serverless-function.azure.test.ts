import SwaggerParser from "@apidevtools/swagger-parser";
import * as assert from "node:assert/strict";
import { Plan, PlanResource, dependsOn, findResources, getResource, hasResource, recordPlan } from "../lib/testing";
import { inputs, loadHeldOutPlans, named, plans } from "./support/held-out-functions";
import { CONFIG, program, noSecretInPlan } from "./support/function-program";

describe("ServerlessFunction on Azure", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      program("azure:westeurope", {
        logRetentionDays: 60,
        triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(1 hour)" }, { type: "queue" }],
      }),
      { config: CONFIG },
    );
  });

  it("creates secure storage and a content-hashed code blob", () => {
    hasResource(plan, "azure-native:storage:StorageAccount", {
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
    });
    hasResource(plan, "azure-native:storage:BlobContainer", { publicAccess: "None" });
    const blob = getResource(plan, "azure-native:storage:Blob");
    assert.match(String((blob.inputs as any).blobName), /^function-[0-9a-f]{64}\.zip$/);
  });

  it("runs on a Consumption plan from the package URL with an identity and the roles it needs", () => {
    hasResource(plan, "azure-native:web:AppServicePlan", { sku: { name: "Y1", tier: "Dynamic" } });
    const app = hasResource(plan, "azure-native:web:WebApp", {
      kind: "functionapp",
      httpsOnly: true,
      identity: { type: "UserAssigned" },
      siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled" },
    });
    const settings = Object.fromEntries((app.inputs as any).siteConfig.appSettings.map((s: any) => [s.name, s.value]));
    assert.match(
      settings.WEBSITE_RUN_FROM_PACKAGE,
      /blob\.core\.windows\.net\/deployments\/function-[0-9a-f]{64}\.zip$/,
    );
    assert.equal(settings.AzureWebJobsStorage__credential, "managedidentity");
    assert.equal(settings.MERIDIAN_HTTP_AUTH, "anonymous");
    assert.equal(settings.MERIDIAN_SCHEDULE_0, "0 0 * * * *");
    assert.ok(settings.MERIDIAN_QUEUE_NAME);
    assert.match(
      settings.API_KEY,
      /^@Microsoft\.KeyVault\(SecretUri=https:\/\/.+\.vault\.azure\.net\/secrets\/API-KEY\)$/,
    );
    assert.ok(!Object.values(settings).some((v) => typeof v === "string" && /AccountKey=/.test(v)));
    const roles = findResources(plan, "azure-native:authorization:RoleAssignment");
    assert.deepEqual(
      roles
        .map((r) =>
          String((r.inputs as any).roleDefinitionId)
            .split("/")
            .pop(),
        )
        .sort(),
      [
        "4633458b-17de-408a-b874-0445c86b69e6",
        "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
      ],
    );
    for (const r of roles) assert.ok(dependsOn(plan, app, r), "app starts after its roles are granted");
  });

  it("keeps secrets in an RBAC Key Vault", () => {
    hasResource(plan, "azure-native:keyvault:Vault", { properties: { enableRbacAuthorization: true } });
    assert.deepEqual((getResource(plan, "azure-native:keyvault:Secret").inputs as any).properties.value, {
      secret: true,
    });
    noSecretInPlan(plan);
  });

  it("has Log Analytics with retention and Application Insights", () => {
    hasResource(plan, "azure-native:operationalinsights:Workspace", { retentionInDays: 60 });
    hasResource(plan, "azure-native:applicationinsights:Component", { ingestionMode: "LogAnalytics" });
  });

  it("outputs the URL and az commands", () => {
    assert.match(String(plan.outputs.url), /^https:\/\/.+\.azurewebsites\.net$/);
    assert.match(String(plan.outputs.logsCommand), /^az monitor app-insights query --app /);
  });
});

describe("review: Azure plan against documented Azure Functions failure modes", () => {
  before(loadHeldOutPlans);
  let plan: Plan;
  before(() => {
    plan = plans.azure;
  });
  const settings = (app: PlanResource) =>
    Object.fromEntries(inputs(app).siteConfig.appSettings.map((s: any) => [s.name, s.value]));

  it("storage: HTTPS only, TLS 1.2, no public blob access; code blob named by content hash (pulumi/pulumi-azure-native#3483)", () => {
    for (const fn of ["web", "worker", "users"]) {
      hasResource(plan, "azure-native:storage:StorageAccount", {
        accountName: inputs(named(plan, "azure-native:storage:StorageAccount", `${fn}-storage`)).accountName,
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
      });
      assert.equal(inputs(named(plan, "azure-native:storage:BlobContainer", `${fn}-deployments`)).publicAccess, "None");
      const blob = named(plan, "azure-native:storage:Blob", `${fn}-code`);
      assert.equal(inputs(blob).blobName, `function-${inputs(blob).source.sha256}.zip`);
    }
  });

  it("Windows Consumption app (pulumi/pulumi-azure-native#3884, #3411, #4168), run from the blob URL, AzureWebJobsStorage set, no alwaysOn or Flex-only settings", () => {
    for (const fn of ["web", "worker", "users"]) {
      hasResource(plan, "azure-native:web:AppServicePlan", {
        name: `meridian-dev-${fn}-plan`,
        sku: { name: "Y1", tier: "Dynamic" },
      });
      const app = named(plan, "azure-native:web:WebApp", `${fn}-app`);
      const s = settings(app);
      assert.match(s.WEBSITE_RUN_FROM_PACKAGE, /^https:\/\/.*\/deployments\/function-[0-9a-f]{64}\.zip$/);
      assert.ok(s.AzureWebJobsStorage__accountName);
      assert.equal(s.FUNCTIONS_EXTENSION_VERSION, "~4");
      assert.equal(inputs(app).siteConfig.alwaysOn, undefined);
      // netFrameworkVersion is only rejected on Flex (pulumi/pulumi-azure-native#4168); on Y1 the SDK's own default "v4.6" is harmless.
      assert.equal(inputs(app).functionAppConfig, undefined);
      assert.equal(inputs(app).httpsOnly, true);
      assert.equal(inputs(app).siteConfig.minTlsVersion, "1.2");
      assert.equal(inputs(app).siteConfig.ftpsState, "Disabled");
      for (const grant of findResources(plan, "azure-native:authorization:RoleAssignment").filter((g) =>
        g.name.startsWith(`${fn}-`),
      )) {
        assert.ok(dependsOn(plan, app, grant), `${fn}: ${grant.name} before the app starts`);
      }
    }
  });

  it("secrets: Key Vault references in app settings, values as Pulumi secrets", () => {
    const s = settings(named(plan, "azure-native:web:WebApp", "web-app"));
    assert.match(s.API_KEY, /^@Microsoft\.KeyVault\(SecretUri=https:\/\//);
    assert.deepEqual(inputs(named(plan, "azure-native:keyvault:Secret", "web-secret-api-key")).properties.value, {
      secret: true,
    });
    hasResource(plan, "azure-native:keyvault:Vault", { properties: { enableRbacAuthorization: true } });
  });

  it("triggers: timer and queue settings; logs with retention", () => {
    assert.equal(settings(named(plan, "azure-native:web:WebApp", "web-app")).MERIDIAN_SCHEDULE_0, "0 */5 * * * *");
    assert.ok(settings(named(plan, "azure-native:web:WebApp", "worker-app")).MERIDIAN_QUEUE_NAME);
    assert.equal(settings(named(plan, "azure-native:web:WebApp", "users-app")).MERIDIAN_HTTP_AUTH, "function");
    for (const w of findResources(plan, "azure-native:operationalinsights:Workspace"))
      assert.equal(inputs(w).retentionInDays, 30);
  });

  it("APIM: Consumption tier, HTTPS only, API imported from a valid OpenAPI 3.0 document", async () => {
    hasResource(plan, "azure-native:apimanagement:ApiManagementService", {
      sku: { name: "Consumption" },
      hostnameConfigurations: [{ type: "Proxy", hostName: "api.example.com" }],
    });
    const api = getResource(plan, "azure-native:apimanagement:Api");
    assert.deepEqual(inputs(api).protocols, ["https"]);
    const doc = JSON.parse(inputs(api).value);
    assert.equal(doc.openapi, "3.0.3");
    await SwaggerParser.validate(structuredClone(doc));
  });

  // APIM's rate-limit counts per subscription (https://learn.microsoft.com/azure/api-management/rate-limit-policy):
  // a JWT-only API has none, so it takes no throttle (this test used to assert an unenforced rate-limit).
  it("APIM: policy with CORS and validate-jwt", () => {
    const policy = inputs(getResource(plan, "azure-native:apimanagement:ApiPolicy")).value as string;
    assert.match(policy, /<cors /);
    assert.match(
      policy,
      /<validate-jwt [^>]*><openid-config url="https:\/\/auth\.example\.com\/\.well-known\/openid-configuration" \/><audiences><audience>users-api<\/audience>/,
    );
    assert.doesNotMatch(policy, /<rate-limit/);
  });

  it("APIM backends send each app's host key from a secret named value (private function apps answer only with a key)", () => {
    for (const fn of ["users", "web"]) {
      const key = named(plan, "azure-native:apimanagement:NamedValue", `api-${fn}-key`);
      assert.equal(inputs(key).secret, true);
      assert.deepEqual(inputs(key).value, { secret: true });
      const backend = named(plan, "azure-native:apimanagement:Backend", `api-${fn}-backend`);
      assert.deepEqual(inputs(backend).credentials.header["x-functions-key"], [`{{${inputs(key).namedValueId}}}`]);
      assert.ok(dependsOn(plan, backend, key));
      assert.ok(
        dependsOn(plan, key, named(plan, "azure-native:web:WebApp", `${fn}-app`)),
        "keys are read after the app exists",
      );
    }
  });

  it("API keys: a subscription on the API and subscriptionRequired", () => {
    hasResource(plans.azureKey, "azure-native:apimanagement:Api", { subscriptionRequired: true });
    getResource(plans.azureKey, "azure-native:apimanagement:Subscription");
  });
});
