import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ApiGateway, FailoverDns, MultiRegionService, ServerlessFunction } from "../lib";
import { NAME_SEED_PROVIDER } from "../lib/core/global-name";
import { NAME_RULES, NameKind } from "../lib/core/naming";
import { Plan, planToJson, recordPlan } from "../lib/testing";

/**
 * Worldwide names (issue 15 item 5): Cloud Storage bucket names are one namespace for everyone
 * (https://cloud.google.com/storage/docs/buckets#naming); so are Azure storage accounts, Key Vaults, function apps
 * (`<name>.azurewebsites.net`), API Management (`<name>.azure-api.net`) and Traffic Manager labels
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules); Front Door endpoint host
 * names repeat within a tenant (https://learn.microsoft.com/azure/frontdoor/endpoint#endpoint-domain-names). A
 * soft-deleted Key Vault keeps its name 7–90 days (https://learn.microsoft.com/azure/key-vault/general/soft-delete-change)
 * and API Management 48 hours (https://learn.microsoft.com/azure/api-management/soft-delete). So a name must differ
 * between organisations (the GCP project / Azure subscription is in its hash), after a destroy (a random seed kept in
 * state), and stay the same from one plan to the next.
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");

/** Every component with a worldwide name, on Google Cloud and Azure. */
function program(): void {
  new ServerlessFunction("api", { target: "gcp:europe-west1", runtime: "nodejs22", entry: ENTRY });
  const fn = new ServerlessFunction("worker", {
    target: "azure:westeurope",
    runtime: "nodejs22",
    entry: ENTRY,
    secrets: { TOKEN: "s3cr3t" },
  });
  new ApiGateway("gw", { target: "azure:westeurope", routes: { "GET /x": fn } });
  new FailoverDns("dns", {
    provider: "azure-traffic-manager",
    zone: "example.com",
    record: "www",
    strategy: "geo",
    endpoints: [
      { id: "eu", address: "eu.northwind-origins.net", geo: ["GEO-EU"] },
      { id: "us", address: "us.northwind-origins.net", geo: ["WORLD"] },
    ],
    azure: { resourceGroupName: "rg-dns" },
  });
  new MultiRegionService("web", {
    regions: ["azure:westeurope", "azure:northeurope"],
    container: { image: "ghcr.io/acme/web:1", port: 8080 },
  });
}

/** [type, name input, naming rule] of each worldwide name. */
const WORLDWIDE: [string, (inputs: Record<string, any>) => unknown, NameKind][] = [
  ["gcp:storage/bucket:Bucket", (i) => i.name, "gcpBucket"],
  ["azure-native:storage:StorageAccount", (i) => i.accountName, "azureStorageAccount"],
  ["azure-native:keyvault:Vault", (i) => i.vaultName, "azureKeyVault"],
  ["azure-native:web:WebApp", (i) => i.name, "azureFunctionApp"],
  ["azure-native:apimanagement:ApiManagementService", (i) => i.serviceName, "azureApim"],
  ["azure-native:trafficmanager:Profile", (i) => i.dnsConfig?.relativeName, "azureTrafficManagerDns"],
  ["azure-native:cdn:AFDEndpoint", (i) => i.endpointName, "azureFrontDoorEndpoint"],
];

function names(plan: Plan): Map<string, string> {
  const out = new Map<string, string>();
  for (const [type, read, kind] of WORLDWIDE) {
    const found = plan.resources.filter((r) => r.type === type);
    assert.ok(found.length > 0, `the program creates a ${type}`);
    for (const r of found) {
      const name = read(r.inputs);
      assert.equal(typeof name, "string", `${r.urn}: a name`);
      out.set(`${kind} ${r.name}`, name as string);
    }
  }
  return out;
}

const GCP_A = { "gcp:project": "acme-prod-4711" };
const GCP_B = { "gcp:project": "globex-dev-0815" };
const AZ_A = { "azure-native:subscriptionId": "11111111-2222-4333-8444-555555555555" };
const AZ_B = { "azure-native:subscriptionId": "99999999-8888-4777-8666-555555555555" };

describe("worldwide names: unique beyond one organisation, new after a destroy, deterministic (issue 15 item 5)", function () {
  this.timeout(180_000);

  it("two organisations deploying the same program as `dev` get different names for every worldwide resource", async () => {
    const a = names(await recordPlan(program, { config: { ...GCP_A, ...AZ_A } }));
    const b = names(await recordPlan(program, { config: { ...GCP_B, ...AZ_B } }));
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [key, name] of a) assert.notEqual(b.get(key), name, `${key}: ${name} in both organisations`);
  });

  it("the same program and inputs give a byte-identical plan", async () => {
    const first = planToJson(await recordPlan(program, { config: { ...GCP_A, ...AZ_A } }));
    const second = planToJson(await recordPlan(program, { config: { ...GCP_A, ...AZ_A } }));
    assert.equal(first, second);
  });

  it("every name is within its resource's length and character rules, for long component and stack names", async () => {
    const long = () => {
      const n = "a-very-long-component-name-that-goes-on-and-on";
      new ServerlessFunction(n, { target: "azure:westeurope", runtime: "nodejs22", entry: ENTRY, secrets: { K: "v" } });
      new ServerlessFunction(n + "-gcp", { target: "gcp:europe-west1", runtime: "nodejs22", entry: ENTRY });
    };
    const plan = await recordPlan(long, { stack: "Feature_Branch-With-A-Very-Long-Name-1234567890" });
    for (const [type, read, kind] of WORLDWIDE.slice(0, 4)) {
      const rule = NAME_RULES[kind];
      for (const r of plan.resources.filter((x) => x.type === type)) {
        const name = read(r.inputs) as string;
        assert.ok(name.length <= rule.max, `${kind}: ${name} is ${name.length} > ${rule.max}`);
        assert.ok(
          Array.from(name).every((ch) => rule.allowed.test(ch)),
          `${kind}: ${name}`,
        );
        if (rule.lowercase) assert.equal(name, name.toLowerCase());
        if (rule.startWithLetter) assert.match(name, /^[A-Za-z]/);
        // Key Vault: 3-24 characters, start with a letter, end with a letter or digit, no "--"
        // (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftkeyvault).
        assert.doesNotMatch(name, /--|-$/, `${kind}: ${name}`);
      }
    }
  });

  it("each component keeps one random seed in state, a child of the component", async () => {
    const plan = await recordPlan(program);
    const seeds = plan.resources.filter((r) => r.type === "pulumi-nodejs:dynamic:Resource");
    assert.deepEqual(seeds.map((s) => s.name).sort(), [
      "api-name-seed",
      "dns-name-seed",
      "gw-name-seed",
      "web-name-seed",
      "worker-name-seed",
    ]);
    for (const s of seeds) assert.match(s.parent, /::meridian:index:\w+::/);
  });

  it("the seed is drawn at random on create and never changes afterwards", async () => {
    const one = await NAME_SEED_PROVIDER.create({});
    const two = await NAME_SEED_PROVIDER.create({});
    assert.match(one.outs.value, /^[0-9a-f]{32}$/);
    assert.notEqual(one.outs.value, two.outs.value, "a new seed after a destroy");
    const diff = await NAME_SEED_PROVIDER.diff(one.id, one.outs, { __provider: "changed" });
    assert.equal(diff.changes, false);
    const updated = await NAME_SEED_PROVIDER.update(one.id, one.outs);
    assert.deepEqual(updated.outs, one.outs);
  });

  it("an existing stack keeps the names it has (set at creation only): ignoreChanges on each name input", async () => {
    const plan = await recordPlan(program);
    const expected: Record<string, string[]> = {
      "gcp:storage/bucket:Bucket": ["name"],
      "azure-native:storage:StorageAccount": ["accountName"],
      "azure-native:keyvault:Vault": ["vaultName"],
      "azure-native:web:WebApp": ["name"],
      "azure-native:cdn:AFDEndpoint": ["endpointName"],
    };
    for (const [type, fields] of Object.entries(expected))
      for (const r of plan.resources.filter((x) => x.type === type))
        for (const f of fields) assert.ok(r.ignoreChanges.includes(f), `${r.urn} ignores changes to ${f}`);
    for (const r of plan.resources.filter((x) => x.type === "azure-native:trafficmanager:Profile"))
      assert.ok(r.ignoreChanges.includes("dnsConfig.relativeName"), r.urn);
  });
});
