import { AZURE_SUBSCRIPTION_ID, AZURE_TENANT_ID, MockContext, alnum, guid, ipv4, providerInputs, str } from "./context";
import type { MockOutputs } from "./aws";

/** Resource-provider namespace and collection of each azure-native module:Type the library uses. */
const ARM_PATHS: Record<string, string> = {
  "storage:StorageAccount": "Microsoft.Storage/storageAccounts",
  "storage:BlobContainer": "Microsoft.Storage/storageAccounts/{accountName}/blobServices/default/containers",
  "storage:Blob":
    "Microsoft.Storage/storageAccounts/{accountName}/blobServices/default/containers/{containerName}/blobs",
  "storage:Queue": "Microsoft.Storage/storageAccounts/{accountName}/queueServices/default/queues",
  "web:WebApp": "Microsoft.Web/sites",
  "web:AppServicePlan": "Microsoft.Web/serverfarms",
  "web:WebAppApplicationSettings": "Microsoft.Web/sites/{name}/config",
  "applicationinsights:Component": "Microsoft.Insights/components",
  "operationalinsights:Workspace": "Microsoft.OperationalInsights/workspaces",
  "authorization:RoleAssignment": "Microsoft.Authorization/roleAssignments",
  "network:Profile": "Microsoft.Network/trafficmanagerprofiles",
  "network:Endpoint": "Microsoft.Network/trafficmanagerprofiles/{profileName}/{endpointType}",
  "trafficmanager:Profile": "Microsoft.Network/trafficmanagerprofiles",
  "trafficmanager:Endpoint": "Microsoft.Network/trafficmanagerprofiles/{profileName}/{endpointType}",
  "dns:RecordSet": "Microsoft.Network/dnszones/{zoneName}/{recordType}",
  "cdn:Profile": "Microsoft.Cdn/profiles",
  "cdn:AFDEndpoint": "Microsoft.Cdn/profiles/{profileName}/afdEndpoints",
  "cdn:AFDOriginGroup": "Microsoft.Cdn/profiles/{profileName}/originGroups",
  "cdn:AFDOrigin": "Microsoft.Cdn/profiles/{profileName}/originGroups/{originGroupName}/origins",
  "cdn:Route": "Microsoft.Cdn/profiles/{profileName}/afdEndpoints/{endpointName}/routes",
  "app:ManagedEnvironment": "Microsoft.App/managedEnvironments",
  "app:ContainerApp": "Microsoft.App/containerApps",
  "apimanagement:ApiManagementService": "Microsoft.ApiManagement/service",
  "apimanagement:Api": "Microsoft.ApiManagement/service/{serviceName}/apis",
  "apimanagement:Backend": "Microsoft.ApiManagement/service/{serviceName}/backends",
  "apimanagement:ApiPolicy": "Microsoft.ApiManagement/service/{serviceName}/apis/{apiId}/policies",
  "apimanagement:ApiDiagnostic": "Microsoft.ApiManagement/service/{serviceName}/apis/{apiId}/diagnostics",
  "apimanagement:Logger": "Microsoft.ApiManagement/service/{serviceName}/loggers",
  "apimanagement:NamedValue": "Microsoft.ApiManagement/service/{serviceName}/namedValues",
  "apimanagement:Subscription": "Microsoft.ApiManagement/service/{serviceName}/subscriptions",
  "operationalinsights:Table": "Microsoft.OperationalInsights/workspaces/{workspaceName}/tables",
  // Azure Monitor's resources live in the microsoft.insights namespace (the SDK's `monitor` module).
  "monitor:ActionGroup": "Microsoft.Insights/actionGroups",
  "monitor:MetricAlert": "Microsoft.Insights/metricAlerts",
  "monitor:ScheduledQueryRule": "Microsoft.Insights/scheduledQueryRules",
  "keyvault:Vault": "Microsoft.KeyVault/vaults",
  "keyvault:Secret": "Microsoft.KeyVault/vaults/{vaultName}/secrets",
  "managedidentity:UserAssignedIdentity": "Microsoft.ManagedIdentity/userAssignedIdentities",
};

/**
 * The input that holds a child resource's own name, where it is not `<type>Name`: an ARM resource's `name` is its
 * own last id segment (https://learn.microsoft.com/rest/api/resources/resources/get-by-id, GenericResource.name),
 * never its parent's, so these come before the parents' names (profileName, serviceName, accountName) below.
 */
const OWN_NAME: Record<string, string> = {
  "apimanagement:Api": "apiId",
  "apimanagement:ApiDiagnostic": "diagnosticId",
  "apimanagement:ApiPolicy": "policyId",
  "apimanagement:Backend": "backendId",
  "apimanagement:Logger": "loggerId",
  "apimanagement:NamedValue": "namedValueId",
  "apimanagement:Subscription": "sid",
  "cdn:AFDEndpoint": "endpointName",
  "cdn:AFDOrigin": "originName",
  "cdn:AFDOriginGroup": "originGroupName",
  "cdn:Route": "routeName",
  "dns:RecordSet": "relativeRecordSetName",
  "operationalinsights:Table": "tableName",
  "storage:BlobContainer": "containerName",
  "trafficmanager:Endpoint": "endpointName",
};

/** The physical name input of a resource: its own name input, `<type>Name`, then the usual suspects, then `name`. */
function physicalName(mod: string, kind: string, inputs: Record<string, unknown>, logical: string): string {
  const own = `${kind[0].toLowerCase()}${kind.slice(1)}Name`;
  const candidates = [
    OWN_NAME[`${mod}:${kind}`] ?? own,
    own,
    "name",
    "accountName",
    "resourceName",
    "profileName",
    "endpointName",
    "environmentName",
    "containerAppName",
    "serviceName",
    "vaultName",
    "secretName",
    "workspaceName",
    "roleAssignmentName",
    "originName",
    "originGroupName",
    "routeName",
    "apiId",
    "backendId",
    "blobName",
    "containerName",
    "queueName",
    "resourceGroupName",
  ];
  for (const key of candidates) {
    const v = str(inputs[key]);
    if (v && !(key === "resourceGroupName" && kind !== "ResourceGroup")) return v;
  }
  return logical;
}

/** Mocked outputs for `azure-native:*` resources: ARM ids, hostnames, identities. */
export function azureResource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  ctx: MockContext,
  provider?: string,
): MockOutputs {
  const [, mod, kind] = type.split(":");
  const seed = `${type}/${name}`;
  const location =
    str(inputs.location) ??
    str(providerInputs(ctx, provider)?.location) ??
    ctx.config["azure-native:location"] ??
    "westeurope";
  const rg = str(inputs.resourceGroupName) ?? "rg";
  const physical = physicalName(mod, kind, inputs, name);
  const sub = `/subscriptions/${azureSubscription(ctx, provider)}`;
  if (type === "azure-native:resources:ResourceGroup") {
    return { id: `${sub}/resourceGroups/${physical}`, outputs: { name: physical, location } };
  }
  const template =
    ARM_PATHS[`${mod}:${kind}`] ??
    `Microsoft.${mod[0].toUpperCase()}${mod.slice(1)}/${kind[0].toLowerCase()}${kind.slice(1)}s`;
  const armPath = template.replace(/\{(\w+)\}/g, (_, key: string) => str(inputs[key]) ?? key);
  const id =
    type === "azure-native:authorization:RoleAssignment"
      ? `${str(inputs.scope) ?? sub}/providers/Microsoft.Authorization/roleAssignments/${str(inputs.roleAssignmentName) ?? guid(seed)}`
      : `${sub}/resourceGroups/${rg}/providers/${armPath}/${physical}`;
  const outputs: Record<string, unknown> = {
    name: physical,
    location,
    type: armPath
      .split("/")
      .filter((_, i) => i % 2 === 0 || i === 0)
      .join("/"),
  };
  if (inputs.identity && typeof inputs.identity === "object") {
    outputs.identity = {
      ...(inputs.identity as object),
      principalId: guid(`${seed}/principal`),
      tenantId: AZURE_TENANT_ID,
    };
  }
  switch (`${mod}:${kind}`) {
    case "storage:StorageAccount":
      outputs.primaryEndpoints = {
        blob: `https://${physical}.blob.core.windows.net/`,
        queue: `https://${physical}.queue.core.windows.net/`,
        table: `https://${physical}.table.core.windows.net/`,
        file: `https://${physical}.file.core.windows.net/`,
        web: `https://${physical}.z6.web.core.windows.net/`,
      };
      break;
    case "storage:Blob":
      outputs.url = `https://${str(inputs.accountName)}.blob.core.windows.net/${str(inputs.containerName)}/${physical}`;
      break;
    case "web:WebApp":
      outputs.defaultHostName = `${physical}.azurewebsites.net`;
      outputs.hostNames = [`${physical}.azurewebsites.net`];
      outputs.outboundIpAddresses = ipv4(seed);
      break;
    case "applicationinsights:Component":
      outputs.instrumentationKey = guid(`${seed}/ikey`);
      outputs.connectionString = `InstrumentationKey=${guid(`${seed}/ikey`)};IngestionEndpoint=https://${location}-1.in.applicationinsights.azure.com/`;
      outputs.appId = guid(`${seed}/app`);
      break;
    case "operationalinsights:Workspace":
      outputs.customerId = guid(`${seed}/customer`);
      break;
    case "trafficmanager:Profile":
    case "network:Profile": {
      const relative = str((inputs.dnsConfig as Record<string, unknown> | undefined)?.relativeName) ?? physical;
      outputs.dnsConfig = { ...(inputs.dnsConfig as object), fqdn: `${relative}.trafficmanager.net` };
      break;
    }
    case "dns:RecordSet":
      outputs.fqdn = `${str(inputs.relativeRecordSetName) ?? "@"}.${str(inputs.zoneName)}.`;
      break;
    case "cdn:AFDEndpoint":
      outputs.hostName = `${physical}-${alnum(seed, 16)}.z01.azurefd.net`;
      break;
    case "cdn:Profile":
      outputs.frontDoorId = guid(`${seed}/fd`);
      break;
    case "app:ManagedEnvironment":
      outputs.defaultDomain = `${alnum(seed, 12)}.${location}.azurecontainerapps.io`;
      outputs.staticIp = ipv4(seed);
      break;
    case "app:ContainerApp": {
      const fqdn = `${physical}.${alnum(seed, 12)}.${location}.azurecontainerapps.io`;
      outputs.latestRevisionFqdn = `${physical}--${alnum(seed, 7)}.${alnum(seed, 12)}.${location}.azurecontainerapps.io`;
      const configuration = (inputs.configuration as Record<string, unknown> | undefined) ?? {};
      outputs.configuration = { ...configuration, ingress: { ...(configuration.ingress as object), fqdn } };
      outputs.outboundIpAddresses = [ipv4(seed)];
      break;
    }
    case "apimanagement:ApiManagementService":
      outputs.gatewayUrl = `https://${physical}.azure-api.net`;
      outputs.managementApiUrl = `https://${physical}.management.azure-api.net`;
      break;
    case "keyvault:Vault":
      outputs.properties = { ...(inputs.properties as object), vaultUri: `https://${physical}.vault.azure.net/` };
      break;
    case "keyvault:Secret":
      outputs.properties = {
        secretUri: `https://${str(inputs.vaultName)}.vault.azure.net/secrets/${physical}`,
        secretUriWithVersion: `https://${str(inputs.vaultName)}.vault.azure.net/secrets/${physical}/${alnum(seed, 32)}`,
      };
      break;
    case "managedidentity:UserAssignedIdentity":
      outputs.principalId = guid(`${seed}/principal`);
      outputs.clientId = guid(`${seed}/client`);
      outputs.tenantId = AZURE_TENANT_ID;
      break;
  }
  return { id, outputs };
}

/** The subscription the provider is configured for (explicit provider, then stack config), as the real one reports. */
function azureSubscription(ctx: MockContext, provider?: string): string {
  return (
    str(providerInputs(ctx, provider)?.subscriptionId) ??
    ctx.config["azure-native:subscriptionId"] ??
    AZURE_SUBSCRIPTION_ID
  );
}

/** Mocked answers for `azure-native:*` provider functions. */
export function azureCall(
  token: string,
  inputs: Record<string, unknown>,
  ctx: MockContext,
  provider?: string,
): Record<string, unknown> | undefined {
  switch (token) {
    case "azure-native:authorization:getClientConfig":
      return {
        clientId: guid("client"),
        objectId: guid("object"),
        subscriptionId: azureSubscription(ctx, provider),
        tenantId: AZURE_TENANT_ID,
      };
    case "azure-native:apimanagement:getApiManagementServiceDomainOwnershipIdentifier":
      // Subscription-wide (one value per subscription), as the real "Get Domain Ownership Identifier".
      return {
        domainOwnershipIdentifier: `${azureSubscription(ctx, provider)}-apimuid`.replace(/-/g, "").slice(0, 44),
      };
    case "azure-native:storage:listStorageAccountKeys":
      return { keys: [{ keyName: "key1", permissions: "FULL", value: "bW9jay1zdG9yYWdlLWtleQ==" }] };
    case "azure-native:storage:listStorageAccountServiceSAS":
      return { serviceSasToken: "sv=2022-11-02&sr=c&sp=r&sig=mock" };
    case "azure-native:web:listWebAppHostKeys":
      return { masterKey: "mock-master-key", functionKeys: { default: "mock-function-key" }, systemKeys: {} };
    case "azure-native:operationalinsights:getSharedKeys":
      return {
        primarySharedKey: "bW9jay1wcmltYXJ5LXNoYXJlZC1rZXk=",
        secondarySharedKey: "bW9jay1zZWNvbmRhcnktc2hhcmVkLWtleQ==",
      };
    case "azure-native:resources:getResourceGroup":
      return {
        id: `/subscriptions/${azureSubscription(ctx, provider)}/resourceGroups/${str(inputs.resourceGroupName)}`,
        name: str(inputs.resourceGroupName),
        location: "westeurope",
      };
  }
  return undefined;
}
