import * as assert from "node:assert/strict";
import { MultiRegionService } from "../lib";
import { isConfigError } from "../lib/core/errors";
import { findResources, recordPlan, tryRecordPlan } from "../lib/testing";

/**
 * Front Door origins and the way around Front Door (issue 15 item 12).
 *
 * Container Apps ingress restricts by IPv4 CIDR only, no service tags and no header rules
 * (https://learn.microsoft.com/azure/container-apps/ip-restrictions), so by default (`azure.originAccess: "public"`)
 * each app also answers at its own URL, which `endpoints` lists; the docs and the output say so. With
 * `"private-link"`, Front Door Premium reaches each environment over Private Link (origin `sharedPrivateLinkResource`,
 * group id `managedEnvironments`) and the environments disable public network access, on a workload-profiles
 * environment (https://learn.microsoft.com/azure/container-apps/how-to-integrate-with-azure-front-door,
 * https://learn.microsoft.com/azure/container-apps/private-endpoints-with-dns, Premium only:
 * https://learn.microsoft.com/azure/frontdoor/private-link).
 */
const service =
  (extra: Record<string, unknown> = {}) =>
  () =>
    void new MultiRegionService("web", {
      regions: ["azure:westeurope", "azure:northeurope"],
      container: { image: "ghcr.io/acme/web:1", port: 8080 },
      ...extra,
    } as never);

describe("MultiRegionService on Azure: azure.originAccess (issue 15 item 12)", function () {
  this.timeout(120_000);

  it('default "public": Front Door Standard, public external ingress, no Private Link (documented as reachable around Front Door)', async () => {
    const plan = await recordPlan(service());
    const [profile] = findResources(plan, "azure-native:cdn:Profile");
    assert.deepEqual(profile.inputs.sku, { name: "Standard_AzureFrontDoor" });
    for (const env of findResources(plan, "azure-native:app:ManagedEnvironment")) {
      assert.equal(env.inputs.publicNetworkAccess, undefined);
      assert.equal(env.inputs.workloadProfiles, undefined);
    }
    for (const app of findResources(plan, "azure-native:app:ContainerApp"))
      assert.equal((app.inputs.configuration as any).ingress.external, true);
    for (const origin of findResources(plan, "azure-native:cdn:AFDOrigin"))
      assert.equal(origin.inputs.sharedPrivateLinkResource, undefined);
  });

  it('"private-link": Premium, every origin over Private Link to its own region\'s environment, public access disabled', async () => {
    const plan = await recordPlan(service({ azure: { originAccess: "private-link" } }));
    const [profile] = findResources(plan, "azure-native:cdn:Profile");
    assert.deepEqual(profile.inputs.sku, { name: "Premium_AzureFrontDoor" });
    const envs = findResources(plan, "azure-native:app:ManagedEnvironment");
    assert.equal(envs.length, 2);
    for (const env of envs) {
      assert.equal(env.inputs.publicNetworkAccess, "Disabled");
      assert.deepEqual(env.inputs.workloadProfiles, [{ name: "Consumption", workloadProfileType: "Consumption" }]);
    }
    for (const app of findResources(plan, "azure-native:app:ContainerApp"))
      assert.equal(app.inputs.workloadProfileName, "Consumption");
    const origins = findResources(plan, "azure-native:cdn:AFDOrigin");
    assert.equal(origins.length, 2);
    for (const origin of origins) {
      const link = origin.inputs.sharedPrivateLinkResource as any;
      assert.equal(link.groupId, "managedEnvironments");
      const env = envs.find((e) => e.inputs.location === link.privateLinkLocation);
      assert.ok(env, `an environment in ${link.privateLinkLocation}`);
      assert.match(link.privateLink.id, /\/providers\/Microsoft\.App\/managedEnvironments\//);
      assert.ok(link.privateLink.id.includes(env.inputs.environmentName as string), link.privateLink.id);
      assert.ok(origin.dependencies.includes(env.urn), "the origin waits for its environment");
    }
  });

  for (const [label, extra, field] of [
    ["an unknown value", { azure: { originAccess: "vnet" } }, "azure.originAccess"],
    ["an unknown key", { azure: { privateLink: true } }, "azure.privateLink"],
    [
      "a front that is not Front Door",
      {
        regions: ["azure:westeurope", "gcp:europe-west1"],
        routing: {
          dns: {
            provider: "cloudflare",
            zone: "example.com",
            record: "www",
            cloudflare: {
              accountId: "0123456789abcdef0123456789abcdef",
              zoneId: "fedcba9876543210fedcba9876543210",
              trafficSteering: true,
            },
          },
        },
        azure: { originAccess: "private-link" },
      },
      "azure.originAccess",
    ],
  ] as const) {
    it(`${label} is a ConfigError on ${field}, before anything registers`, async () => {
      const { plan, error } = await tryRecordPlan(service(extra));
      assert.ok(isConfigError(error), String(error));
      assert.equal(error.field, field);
      assert.deepEqual(plan.resources, []);
    });
  }
});
