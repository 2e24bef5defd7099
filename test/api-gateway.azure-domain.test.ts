import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ApiGateway, ServerlessFunction } from "../lib";
import { isConfigError } from "../lib/core/errors";
import { findResources, getResource, recordPlan, tryRecordPlan } from "../lib/testing";

/**
 * API Management custom domain with the managed certificate (issue 15 item 14), per Microsoft's "Configure a custom
 * domain name" (https://learn.microsoft.com/azure/api-management/configure-custom-domain; MicrosoftDocs/azure-docs
 * articles/api-management/configure-custom-domain.md): a CNAME to `<service>.azure-api.net`, a TXT record
 * `apimuid.<name>` holding the domain ownership identifier, no root domain names; and the managed certificate "can
 * only be configured when updating an existing API Management instance, not when creating an instance" (documented in
 * docs/api-gateway.md: a new gateway with a domain takes two deploys).
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const gateway = (domain: unknown) => () => {
  const fn = new ServerlessFunction("fn", { target: "azure:westeurope", runtime: "nodejs22", entry: ENTRY });
  new ApiGateway("api", { target: "azure:westeurope", routes: { "GET /x": fn }, domain } as never);
};

describe("ApiGateway on Azure: custom domain and managed certificate (issue 15 item 14)", function () {
  this.timeout(120_000);

  it("with an Azure DNS zone: the CNAME and the apimuid TXT ownership record exist before the service", async () => {
    const plan = await recordPlan(gateway({ name: "api.example.com", zone: "example.com", zoneResourceGroup: "dns" }));
    const service = getResource(plan, "azure-native:apimanagement:ApiManagementService");
    const records = findResources(plan, "azure-native:dns:RecordSet");
    const cname = records.find((r) => r.inputs.recordType === "CNAME")!;
    const txt = records.find((r) => r.inputs.recordType === "TXT")!;
    assert.deepEqual(cname.inputs.cnameRecord, { cname: `${service.inputs.serviceName}.azure-api.net` });
    assert.equal(cname.inputs.relativeRecordSetName, "api");
    assert.equal(txt.inputs.relativeRecordSetName, "apimuid.api");
    assert.equal(txt.inputs.zoneName, "example.com");
    const value = (txt.inputs.txtRecords as { value: string[] }[])[0].value[0];
    assert.match(value, /^\w+$/, "the subscription's domain ownership identifier");
    for (const r of [cname, txt]) assert.ok(service.dependencies.includes(r.urn), `${r.name} before the service`);
    assert.deepEqual(
      (service.inputs.hostnameConfigurations as Record<string, unknown>[]).map((h) => [
        h.hostName,
        h.certificateSource,
      ]),
      [["api.example.com", "Managed"]],
    );
  });

  it("a zone apex is a ConfigError: the managed certificate does not support root domain names", async () => {
    const { plan, error } = await tryRecordPlan(gateway({ name: "example.com", zone: "example.com" }));
    assert.ok(isConfigError(error), String(error));
    assert.equal(error.field, "domain.name");
    assert.match(error.message, /root domain names/);
    assert.deepEqual(
      plan.resources.filter((r) => r.urn.includes("meridian:index:ApiGateway")),
      [],
      "the gateway registers nothing",
    );
  });
});
