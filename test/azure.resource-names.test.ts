import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, FailoverDns, MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, recordPlan } from "../lib/testing";

/**
 * Every Azure resource name Meridian sets follows the rule Microsoft documents for its resource type, whatever the
 * project, stack and component are called (the names are assembled from them): "Naming rules and restrictions for
 * Azure resources", https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules.
 * Container Apps environments, whose row there has been read both as 2-60 and as 2-32 characters: 2-60 lowercase
 * letters, numbers and hyphens, starting with a letter, per Microsoft's PSRule for Azure rule
 * (Azure/PSRule.Rules.Azure docs/en/rules/Azure.ContainerApp.EnvNaming.md,
 * https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ContainerApp.EnvNaming/).
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");

const alnumHyphens = (min: number, max: number) =>
  new RegExp(`^[A-Za-z0-9](?:[A-Za-z0-9-]{${min - 2},${max - 2}}[A-Za-z0-9])?$`);
/** Resource type → its name input → the documented rule. */
const RULES: Record<string, [field: string, rule: RegExp, says: string][]> = {
  "azure-native:resources:ResourceGroup": [
    [
      "resourceGroupName",
      /^[-\w.()]{0,89}[-\w()]$/,
      "1-90: alphanumerics, underscores, parentheses, hyphens, periods; not ending in a period",
    ],
  ],
  "azure-native:storage:StorageAccount": [["accountName", /^[a-z0-9]{3,24}$/, "3-24 lowercase letters and numbers"]],
  "azure-native:storage:Queue": [
    [
      "queueName",
      /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
      "3-63 lowercase letters, numbers, hyphens; no consecutive hyphens",
    ],
  ],
  "azure-native:keyvault:Vault": [
    [
      "vaultName",
      /^(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/,
      "3-24 alphanumerics and hyphens, start with a letter",
    ],
  ],
  "azure-native:keyvault:Secret": [["secretName", /^[A-Za-z0-9-]{1,127}$/, "1-127 alphanumerics and hyphens"]],
  "azure-native:web:WebApp": [
    ["name", /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])$/, "2-60 alphanumerics and hyphens"],
  ],
  "azure-native:web:AppServicePlan": [["name", /^[A-Za-z0-9-]{1,60}$/, "serverfarms: 1-60 alphanumerics and hyphens"]],
  "azure-native:app:ManagedEnvironment": [
    [
      "environmentName",
      /^[a-z][a-z0-9-]{0,58}[a-z0-9]$/,
      "2-60 lowercase letters, numbers, hyphens; start with a letter",
    ],
  ],
  "azure-native:app:ContainerApp": [
    ["containerAppName", /^(?!.*--)[a-z][a-z0-9-]{0,30}[a-z0-9]$/, "2-32 lowercase letters, numbers, hyphens"],
  ],
  "azure-native:operationalinsights:Workspace": [
    ["workspaceName", alnumHyphens(4, 63), "4-63 alphanumerics and hyphens"],
  ],
  "azure-native:managedidentity:UserAssignedIdentity": [
    ["resourceName", /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/, "3-128 alphanumerics, hyphens, underscores"],
  ],
  "azure-native:apimanagement:ApiManagementService": [
    [
      "serviceName",
      /^[A-Za-z](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/,
      "1-50 alphanumerics and hyphens, start with a letter",
    ],
  ],
  "azure-native:cdn:Profile": [["profileName", alnumHyphens(2, 260), "1-260 alphanumerics and hyphens"]],
  "azure-native:cdn:AFDEndpoint": [["endpointName", alnumHyphens(2, 50), "1-50 alphanumerics and hyphens"]],
  "azure-native:trafficmanager:Profile": [
    ["profileName", /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,61}[A-Za-z0-9])?$/, "1-63 alphanumerics, hyphens, periods"],
  ],
};

/** One program creating every Azure resource kind Meridian names, under long component names. */
function everyAzureKind(long: string) {
  return () => {
    const fn = new ServerlessFunction(`${long}-fn`, {
      target: "azure:australiasoutheast",
      entry: ENTRY,
      secrets: { API_TOKEN: "x" },
      triggers: [{ type: "http" }, { type: "queue" }],
    });
    new ApiGateway(`${long}-api`, { target: "azure:australiasoutheast", routes: { "GET /x": fn } });
    new MultiRegionService(`${long}-web`, {
      regions: ["azure:australiasoutheast", "azure:southeastasia"],
      container: { image: "ghcr.io/acme/web:1.0.0", port: 8080, secrets: { DB_PASSWORD: "x" } },
    });
    new FailoverDns(`${long}-dns`, {
      provider: "azure-traffic-manager",
      zone: "example.com",
      record: "api",
      strategy: "failover",
      azure: { resourceGroupName: "rg-dns" },
      endpoints: [
        { id: "primary", address: "lb-use1.northwind-origins.net" },
        { id: "secondary", address: "lb-euw1.northwind-origins.net" },
      ],
    });
  };
}

function violations(plan: Plan): string[] {
  const out: string[] = [];
  for (const r of plan.resources) {
    for (const [field, rule, says] of RULES[r.type] ?? []) {
      const name = r.inputs[field];
      if (typeof name !== "string" || !rule.test(name))
        out.push(`${r.type} ${r.name}: ${field} ${JSON.stringify(name)} (${says})`);
    }
  }
  return out;
}

describe("Azure resource names follow Microsoft's naming rules for each type", function () {
  this.timeout(120_000);
  const cases = [
    { label: "the default project and stack", project: undefined, stack: undefined, long: "orders" },
    {
      label: "a long, capitalised project and stack with long component names",
      project: "Northwind-Storefront-Platform",
      stack: "Production-EU",
      long: "customer-checkout-exp",
    },
  ];
  for (const c of cases) {
    it(c.label, async () => {
      const plan = await recordPlan(everyAzureKind(c.long), { project: c.project, stack: c.stack });
      const seen = new Set(plan.resources.map((r) => r.type));
      for (const type of Object.keys(RULES)) assert.ok(seen.has(type), `the program creates ${type}`);
      assert.deepStrictEqual(violations(plan), []);
    });
  }
});
