import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, PlanResource, findResources, getResource, recordPlan } from "../lib/testing";

/**
 * On the recording engine, a resource that names another one by its `name` output (a Front Door route naming its
 * endpoint, an API policy naming its API) must show that resource's own name, as Azure returns it: the `name` of an
 * ARM resource is its own last id segment (https://learn.microsoft.com/rest/api/resources/resources/get-by-id,
 * GenericResource.name; e.g. an AFD endpoint's name is its endpointName, an APIM API's name is its apiId). The mocks
 * took the first parent name they found (the profile's, the service's), so a recorded plan showed a route on an
 * endpoint that does not exist and an API policy on an API named like the service.
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");

const one = (plan: Plan, type: string): PlanResource => getResource(plan, type);

describe("recorded Azure plans: references name the resources they point at", function () {
  this.timeout(120_000);
  let frontDoor: Plan;
  let apim: Plan;
  before(async () => {
    frontDoor = await recordPlan(() => {
      new MultiRegionService("web", {
        regions: ["azure:westeurope", "azure:eastus"],
        container: { image: "ghcr.io/acme/web:1.0.0", port: 8080 },
        alarms: { notify: { email: ["oncall@example.com"] } },
      });
    });
    apim = await recordPlan(() => {
      const fn = new ServerlessFunction("fn", { target: "azure:westeurope", entry: ENTRY });
      new ApiGateway("api", { target: "azure:westeurope", routes: { "GET /x": fn }, auth: { apiKey: true } });
    });
  });

  it("Front Door: the route names the endpoint and the origin group; origins name their group", () => {
    const endpoint = one(frontDoor, "azure-native:cdn:AFDEndpoint");
    const group = one(frontDoor, "azure-native:cdn:AFDOriginGroup");
    const route = one(frontDoor, "azure-native:cdn:Route");
    assert.strictEqual(route.inputs.endpointName, endpoint.inputs.endpointName);
    assert.match(
      String((route.inputs.originGroup as { id: string }).id),
      new RegExp(`/originGroups/${group.inputs.originGroupName}$`),
    );
    for (const origin of findResources(frontDoor, "azure-native:cdn:AFDOrigin"))
      assert.strictEqual(origin.inputs.originGroupName, group.inputs.originGroupName, origin.name);
  });

  it("API Management: the policy, diagnostic and subscription name the API; the diagnostic names the logger", () => {
    const api = one(apim, "azure-native:apimanagement:Api");
    const service = one(apim, "azure-native:apimanagement:ApiManagementService");
    const logger = one(apim, "azure-native:apimanagement:Logger");
    assert.strictEqual(one(apim, "azure-native:apimanagement:ApiPolicy").inputs.apiId, api.inputs.apiId);
    const diagnostic = one(apim, "azure-native:apimanagement:ApiDiagnostic");
    assert.strictEqual(diagnostic.inputs.apiId, api.inputs.apiId);
    assert.match(
      String(diagnostic.inputs.loggerId),
      new RegExp(
        `/providers/Microsoft\\.ApiManagement/service/${service.inputs.serviceName}/loggers/${logger.inputs.loggerId}$`,
      ),
    );
    assert.strictEqual(one(apim, "azure-native:apimanagement:Subscription").inputs.scope, `/apis/${api.inputs.apiId}`);
  });

  it("alerts name their action group by its Microsoft.Insights id", () => {
    for (const alert of findResources(frontDoor, "azure-native:monitor:MetricAlert")) {
      const ids = (alert.inputs.actions as { actionGroupId: string }[]).map((a) => a.actionGroupId);
      for (const id of ids) assert.match(id, /\/providers\/Microsoft\.Insights\/actionGroups\/[^/]+$/, alert.name);
    }
  });
});
