import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ApiGateway, MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, findResources, getResource, recordPlan, tryRecordPlan } from "../lib/testing";
import { assertConfigError } from "./support/acceptance-gcp";

/**
 * Issue 15, Azure items 10-14 and the same classes beyond them, from the outside: programs written with the public
 * API, each assertion stating what Microsoft's documentation says, the source beside it (not read from lib/azure).
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const IMAGE = "mcr.microsoft.com/k8se/quickstart:latest";
const AZURE = { config: { "azure-native:subscriptionId": "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b" } };

const policyOf = (plan: Plan) => String(getResource(plan, "azure-native:apimanagement:ApiPolicy").inputs.value);
const importedPaths = (plan: Plan) =>
  (
    JSON.parse(String(getResource(plan, "azure-native:apimanagement:Api").inputs.value)) as {
      paths: Record<string, Record<string, unknown>>;
    }
  ).paths;
const gateway = (
  routes: (f: ServerlessFunction, g: ServerlessFunction) => Record<string, ServerlessFunction>,
  extra: object,
) =>
  tryRecordPlan(() => {
    const f = new ServerlessFunction("users", { target: "azure:westeurope", entry: ENTRY });
    const g = new ServerlessFunction("orders", { target: "azure:westeurope", entry: ENTRY });
    new ApiGateway("api", { target: "azure:westeurope", routes: routes(f, g), ...extra });
  }, AZURE);

describe("acceptance, issue 15, Azure", () => {
  describe("item 10: throttling is enforced or refused", () => {
    // `rate-limit` counts "on a per subscription basis" (https://learn.microsoft.com/azure/api-management/rate-limit-policy),
    // and `rate-limit-by-key` is not offered on Consumption (its "APPLIES TO" omits Consumption:
    // https://learn.microsoft.com/azure/api-management/rate-limit-by-key-policy). Without API keys there is no
    // subscription to count: refuse, before anything registers.
    for (const [label, auth] of [
      ["no auth", undefined],
      ["JWT auth only", { jwt: { issuer: "https://login.example.com/", audiences: ["api"] } }],
    ] as const) {
      it(`throttle with ${label}: a ConfigError`, async () => {
        const { plan, error } = await gateway((f) => ({ "GET /users": f }), {
          auth,
          throttle: { ratePerSecond: 10, burst: 20 },
        });
        assert.ok(error, "throttle without API keys planned");
        assert.strictEqual((error as Error).name, "ConfigError");
        assert.match(String((error as { field?: string }).field), /^(throttle|auth)/);
        assert.strictEqual(plan.resources.filter((r) => r.type.includes(":apimanagement:")).length, 0);
      });
    }

    it("with API keys: a rate-limit whose renewal period is at most 300 s, never rate-limit-by-key", async () => {
      const { plan, error } = await gateway((f) => ({ "GET /users": f }), {
        auth: { apiKey: true },
        throttle: { ratePerSecond: 3, burst: 500 },
      });
      assert.ifError(error);
      const policy = policyOf(plan);
      const m = /<rate-limit calls="(\d+)" renewal-period="(\d+)"/.exec(policy);
      assert.ok(m, policy);
      // "renewal-period ... Maximum allowed value: 300 seconds" (rate-limit-policy, Attributes).
      assert.ok(Number(m[2]) >= 1 && Number(m[2]) <= 300, `renewal-period ${m[2]}`);
      assert.ok(Number(m[1]) >= 1);
      assert.ok(!policy.includes("rate-limit-by-key"));
      assert.strictEqual(getResource(plan, "azure-native:apimanagement:Api").inputs.subscriptionRequired, true);
    });

    it("a burst whose window would pass 300 s is a ConfigError on throttle, not a policy APIM rejects", async () => {
      const { plan, error } = await gateway((f) => ({ "GET /users": f }), {
        auth: { apiKey: true },
        throttle: { ratePerSecond: 1, burst: 5000 },
      });
      assert.strictEqual((error as Error).name, "ConfigError");
      assert.strictEqual((error as { field?: string }).field, "throttle.burst");
      assert.strictEqual(plan.resources.filter((r) => r.type.includes(":apimanagement:")).length, 0);
    });
  });

  describe("item 11: preflights reach the cors policy", () => {
    // "Only the cors policy is evaluated on the OPTIONS request during preflight"
    // (https://learn.microsoft.com/azure/api-management/cors-policy#usage-notes): it must come before validate-jwt and
    // rate-limit in inbound, and no imported OPTIONS operation may take the preflight away from it (the issue).
    const assertPreflightsHandled = (plan: Plan) => {
      const policy = policyOf(plan);
      const inbound = policy.slice(policy.indexOf("<inbound>"), policy.indexOf("</inbound>"));
      const cors = inbound.indexOf("<cors");
      assert.ok(cors >= 0, inbound);
      for (const later of ["<validate-jwt", "<rate-limit", "<set-backend-service", "<choose"])
        if (inbound.includes(later)) assert.ok(cors < inbound.indexOf(later), `${later} runs before <cors>`);
      for (const [p, ops] of Object.entries(importedPaths(plan)))
        assert.ok(!Object.keys(ops).includes("options"), `${p} has an imported OPTIONS operation`);
    };

    it("ANY routes with cors and JWT auth", async () => {
      const { plan, error } = await gateway((f, g) => ({ "ANY /users": f, "ANY /orders/{id}": g }), {
        cors: true,
        auth: { jwt: { issuer: "https://login.example.com/", audiences: ["api"] } },
      });
      assert.ifError(error);
      assertPreflightsHandled(plan);
    });

    it("ANY beside explicit methods, restricted origins, API keys and throttling", async () => {
      const { plan, error } = await gateway(
        (f, g) => ({ "GET /users/{id}": f, "ANY /users/{id}": g, "POST /orders": g }),
        {
          cors: {
            allowOrigins: ["https://app.example.com"],
            allowMethods: ["GET", "POST", "DELETE"],
            maxAgeSeconds: 600,
          },
          auth: { apiKey: true },
          throttle: { ratePerSecond: 5, burst: 10 },
        },
      );
      assert.ifError(error);
      assertPreflightsHandled(plan);
      assert.match(policyOf(plan), /<origin>https:\/\/app\.example\.com<\/origin>/);
    });
  });

  describe("item 12: Front Door origins and the way around Front Door", () => {
    const service = (azure?: object) =>
      recordPlan(() => {
        new MultiRegionService("web", {
          regions: ["azure:westeurope", "azure:eastus"],
          container: { image: IMAGE, port: 80 },
          ...(azure ? { azure } : {}),
        } as never);
      }, AZURE);

    it('`originAccess: "private-link"`: Premium, Private Link origins to each environment, environments closed', async () => {
      // Container Apps behind Front Door over Private Link: Premium profile, origin `sharedPrivateLinkResource` with
      // group id `managedEnvironments`, environment `publicNetworkAccess: Disabled`
      // (https://learn.microsoft.com/azure/container-apps/how-to-integrate-with-azure-front-door).
      const plan = await service({ originAccess: "private-link" });
      assert.strictEqual(
        (getResource(plan, "azure-native:cdn:Profile").inputs.sku as { name: string }).name,
        "Premium_AzureFrontDoor",
      );
      const envs = findResources(plan, "azure-native:app:ManagedEnvironment");
      assert.strictEqual(envs.length, 2);
      for (const env of envs) assert.strictEqual(env.inputs.publicNetworkAccess, "Disabled");
      for (const origin of findResources(plan, "azure-native:cdn:AFDOrigin")) {
        const link = origin.inputs.sharedPrivateLinkResource as
          { groupId?: string; privateLink?: { id?: string } } | undefined;
        assert.strictEqual(link?.groupId, "managedEnvironments", origin.name);
        assert.match(String(link?.privateLink?.id), /Microsoft\.App\/managedEnvironments\//);
      }
    });

    it("the default is documented as public (docs/multi-region-service.md names the way around and the option)", () => {
      const doc = fs.readFileSync(path.join(__dirname, "..", "docs", "multi-region-service.md"), "utf8");
      assert.match(doc, /reachable around Front Door/);
      assert.match(doc, /X-Azure-FDID/);
      assert.match(doc, /originAccess: "private-link"/);
    });
  });

  describe("item 5 (Azure names): worldwide names differ between subscriptions, stay fixed in one", () => {
    // Storage accounts, Key Vaults, function apps (<name>.azurewebsites.net), API Management (<name>.azure-api.net)
    // and Front Door endpoints are one namespace for every customer
    // (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules); a soft-deleted Key
    // Vault keeps its name for its retention (https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview)
    // and a soft-deleted APIM instance for 48 hours (https://learn.microsoft.com/azure/api-management/soft-delete).
    const WORLDWIDE: [string, string][] = [
      ["azure-native:storage:StorageAccount", "accountName"],
      ["azure-native:keyvault:Vault", "vaultName"],
      ["azure-native:web:WebApp", "name"],
      ["azure-native:apimanagement:ApiManagementService", "serviceName"],
      ["azure-native:cdn:AFDEndpoint", "endpointName"],
    ];
    const program = () => {
      const fn = new ServerlessFunction("hello", { target: "azure:westeurope", entry: ENTRY, secrets: { K: "v" } });
      new ApiGateway("api", { target: "azure:westeurope", routes: { "GET /": fn } });
      new MultiRegionService("web", { regions: ["azure:westeurope"], container: { image: IMAGE, port: 80 } });
    };
    const namesIn = (plan: Plan) =>
      WORLDWIDE.map(([type, field]) =>
        findResources(plan, type)
          .map((r) => String(r.inputs[field]))
          .join(","),
      );

    it("another subscription, another name; the same inputs, the same plan; names set at creation only", async () => {
      const a = await recordPlan(program, AZURE);
      const again = await recordPlan(program, AZURE);
      const b = await recordPlan(program, {
        config: { "azure-native:subscriptionId": "9e8d7c6b-5a49-4382-9170-fedcba987654" },
      });
      assert.strictEqual(JSON.stringify(a), JSON.stringify(again));
      const [na, nb] = [namesIn(a), namesIn(b)];
      WORLDWIDE.forEach(([type], i) => {
        assert.ok(na[i].length > 0, type);
        assert.notStrictEqual(na[i], nb[i], `${type} is the same in two subscriptions`);
      });
      for (const [type, field] of WORLDWIDE.filter(([t]) => !t.includes("apimanagement")))
        for (const r of findResources(a, type))
          assert.ok(r.ignoreChanges.includes(field), `${type} ${field} can change`);
      // Key Vault soft-delete retention 7 days, the shortest Microsoft allows (7-90).
      for (const v of findResources(a, "azure-native:keyvault:Vault"))
        assert.strictEqual(
          (v.inputs.properties as { softDeleteRetentionInDays?: number }).softDeleteRetentionInDays,
          7,
        );
    });
  });

  describe("item 9's class on Azure: force-new locations under fixed names", () => {
    // DEFECT, reported, not fixed (it needs a design decision): a resource group's location cannot change, nor can a
    // storage account's, a Key Vault's or a function app's (a new location is a new resource), yet their names do not
    // depend on the region, and the worldwide ones are `ignoreChanges` (the engine keeps the old name on replacement,
    // pulumi/pulumi#2657). Moving a function to another region therefore creates the replacement under the name the
    // old one still holds; a soft-deleted vault keeps the name 7 days more
    // (https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview). Documented in docs/concepts.md ("Moving
    // a function to another region": rename the component); unskip once Meridian handles the move itself.
    it.skip("moving a function to another region replaces its resources under names that are free", async () => {
      const planIn = (region: string) =>
        recordPlan(() => {
          new ServerlessFunction("hello", {
            target: `azure:${region}` as "azure:westeurope",
            entry: ENTRY,
            secrets: { K: "v" },
          });
        }, AZURE);
      const [eu, ne] = [await planIn("westeurope"), await planIn("northeurope")];
      for (const [type, field] of [
        ["azure-native:resources:ResourceGroup", "resourceGroupName"],
        ["azure-native:storage:StorageAccount", "accountName"],
        ["azure-native:keyvault:Vault", "vaultName"],
        ["azure-native:web:WebApp", "name"],
      ]) {
        const [a, b] = [getResource(eu, type), getResource(ne, type)];
        assert.ok(
          a.inputs[field] !== b.inputs[field] && !b.ignoreChanges.includes(field),
          `${type} keeps ${String(a.inputs[field])}`,
        );
      }
    });
  });

  describe("item 13: derived values within the fields they land in", () => {
    // Front Door origin weight 1-1000 and priority 1-5 (https://learn.microsoft.com/rest/api/frontdoor/azurefrontdoorstandardpremium/afd-origins/create).
    for (const weights of [
      { "azure:westeurope": 1000, "azure:eastus": 1 },
      { "azure:westeurope": 255, "azure:eastus": 1000 },
      { "azure:westeurope": 7, "azure:eastus": 0 },
    ]) {
      it(`origin weights ${JSON.stringify(weights)} land in 1-1000`, async () => {
        const plan = await recordPlan(() => {
          new MultiRegionService("web", {
            regions: ["azure:westeurope", "azure:eastus"],
            container: { image: IMAGE, port: 80 },
            routing: { strategy: "weighted" },
            perRegion: Object.fromEntries(Object.entries(weights).map(([k, weight]) => [k, { weight }])),
          });
        }, AZURE);
        for (const o of findResources(plan, "azure-native:cdn:AFDOrigin")) {
          const w = Number(o.inputs.weight);
          assert.ok(Number.isInteger(w) && w >= 1 && w <= 1000, `${o.name} weight ${w}`);
          assert.ok(Number(o.inputs.priority) >= 1 && Number(o.inputs.priority) <= 5);
        }
      });
    }

    it("a weight of 1001 and six failover regions are ConfigErrors", async () => {
      const heavy = await tryRecordPlan(() => {
        new MultiRegionService("web", {
          regions: ["azure:westeurope", "azure:eastus"],
          container: { image: IMAGE, port: 80 },
          routing: { strategy: "weighted" },
          perRegion: { "azure:eastus": { weight: 1001 } },
        });
      }, AZURE);
      assertConfigError(heavy.error, "perRegion.azure:eastus.weight", heavy.plan);
      const six = await tryRecordPlan(() => {
        new MultiRegionService("web", {
          regions: ["westeurope", "northeurope", "eastus", "westus", "uksouth", "francecentral"].map(
            (r) => `azure:${r}` as "azure:westeurope",
          ),
          container: { image: IMAGE, port: 80 },
          routing: { strategy: "failover" },
        });
      }, AZURE);
      assertConfigError(six.error, "regions", six.plan);
    });

    it("probes from the longest health check stay within Container Apps and Front Door fields", async () => {
      const plan = await recordPlan(() => {
        new MultiRegionService("web", {
          regions: ["azure:westeurope"],
          container: { image: IMAGE, port: 80 },
          healthCheck: { path: "/healthz", intervalSeconds: 240, timeoutSeconds: 60, failureThreshold: 10 },
        });
      }, AZURE);
      // Container Apps probes: periodSeconds 1-240, failureThreshold 1-10, initialDelaySeconds ≤ 60, successThreshold
      // 1 for liveness and startup (https://learn.microsoft.com/javascript/api/@azure/arm-app/containerappprobe).
      const app = getResource(plan, "azure-native:app:ContainerApp");
      const probes = (app.inputs.template as { containers: { probes: Record<string, unknown>[] }[] }).containers[0]
        .probes;
      assert.ok(probes.length > 0);
      for (const p of probes) {
        const n = (k: string) => (p[k] === undefined ? undefined : Number(p[k]));
        if (n("periodSeconds") !== undefined)
          assert.ok(n("periodSeconds")! >= 1 && n("periodSeconds")! <= 240, JSON.stringify(p));
        if (n("timeoutSeconds") !== undefined)
          assert.ok(n("timeoutSeconds")! >= 1 && n("timeoutSeconds")! <= 240, JSON.stringify(p));
        if (n("failureThreshold") !== undefined)
          assert.ok(n("failureThreshold")! >= 1 && n("failureThreshold")! <= 10, JSON.stringify(p));
        if (n("initialDelaySeconds") !== undefined) assert.ok(n("initialDelaySeconds")! <= 60, JSON.stringify(p));
        if (p.type !== "Readiness" && n("successThreshold") !== undefined) assert.strictEqual(n("successThreshold"), 1);
      }
      // Front Door probe interval 5-255 s and successful samples within the sample size
      // (https://learn.microsoft.com/rest/api/frontdoor/azurefrontdoorstandardpremium/afd-origin-groups/create).
      const group = getResource(plan, "azure-native:cdn:AFDOriginGroup").inputs as {
        healthProbeSettings: { probeIntervalInSeconds: number };
        loadBalancingSettings: { sampleSize: number; successfulSamplesRequired: number };
      };
      assert.ok(
        group.healthProbeSettings.probeIntervalInSeconds >= 5 &&
          group.healthProbeSettings.probeIntervalInSeconds <= 255,
      );
      const lb = group.loadBalancingSettings;
      assert.ok(lb.successfulSamplesRequired >= 1 && lb.successfulSamplesRequired <= lb.sampleSize);
    });

    it("a secret named with underscores becomes a Key Vault secret name of letters, digits and dashes", async () => {
      // Key Vault secret names: 1-127 "alphanumerics and hyphens"
      // (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftkeyvault).
      const plan = await recordPlan(() => {
        new ServerlessFunction("hello", {
          target: "azure:westeurope",
          entry: ENTRY,
          secrets: { API_TOKEN: "x", db_password_2: "y" },
        });
        new MultiRegionService("web", {
          regions: ["azure:westeurope"],
          container: { image: IMAGE, port: 80, secrets: { STRIPE_KEY: "z" } },
        });
      }, AZURE);
      const names = findResources(plan, "azure-native:keyvault:Secret").map((s) => String(s.inputs.secretName));
      assert.strictEqual(names.length, 3);
      for (const n of names) assert.ok(/^[0-9a-zA-Z-]{1,127}$/.test(n), n);
    });

    it("names assembled from a long capitalised project, stack and component stay within their types", async () => {
      // Microsoft.App containerApps 2-32 lowercase, starting with a letter; resource groups 1-90; Key Vault 3-24;
      // storage accounts 3-24 lowercase letters and digits; Front Door endpoints 1-46
      // (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
      const plan = await recordPlan(
        () => {
          new MultiRegionService("customer-facing-storefront", {
            regions: ["azure:australiasoutheast", "azure:westeurope"],
            container: { image: IMAGE, port: 80, secrets: { DB_PASSWORD: "x" } },
          });
          new ServerlessFunction("order-confirmation-mailer", {
            target: "azure:australiasoutheast",
            entry: ENTRY,
            secrets: { K: "v" },
          });
        },
        { ...AZURE, project: "Northwind-Storefront-Platform", stack: "production-eu" },
      );
      const check = (type: string, field: string, re: RegExp) => {
        const found = findResources(plan, type);
        assert.ok(found.length > 0, type);
        for (const r of found) assert.ok(re.test(String(r.inputs[field])), `${type} ${String(r.inputs[field])}`);
      };
      check("azure-native:app:ContainerApp", "containerAppName", /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/);
      check("azure-native:resources:ResourceGroup", "resourceGroupName", /^[-\w.()]{0,89}[-\w()]$/);
      check("azure-native:keyvault:Vault", "vaultName", /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/);
      check("azure-native:storage:StorageAccount", "accountName", /^[a-z0-9]{3,24}$/);
      check("azure-native:cdn:AFDEndpoint", "endpointName", /^[a-zA-Z0-9][a-zA-Z0-9-]{0,44}[a-zA-Z0-9]$/);
      check("azure-native:web:WebApp", "name", /^[a-zA-Z0-9][a-zA-Z0-9-]{0,58}[a-zA-Z0-9]$/);
    });
  });
});
