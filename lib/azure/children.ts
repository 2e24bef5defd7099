import type * as apimanagement from "@pulumi/azure-native/apimanagement";
import type * as app from "@pulumi/azure-native/app";
import type * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import type * as cdn from "@pulumi/azure-native/cdn";
import type * as dns from "@pulumi/azure-native/dns";
import type * as keyvault from "@pulumi/azure-native/keyvault";
import type * as managedidentity from "@pulumi/azure-native/managedidentity";
import type * as monitor from "@pulumi/azure-native/monitor";
import type * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import type * as resources from "@pulumi/azure-native/resources";
import type * as storage from "@pulumi/azure-native/storage";
import type * as trafficmanager from "@pulumi/azure-native/trafficmanager";
import type * as web from "@pulumi/azure-native/web";
import { childKeys } from "../core/transform";

/**
 * The Azure children of each component, keyed as `transform` names them, with the args type of each. Only types
 * come from the SDK here (`import type`), so loading this file does not load `@pulumi/azure-native`.
 */

/** The action group of `alarms` (one per notify, shared by the stack's components). */
export interface AzureNotifyChildren {
  alarmActionGroup: monitor.ActionGroupArgs;
}

/** `alarms` on a request-serving component: log search alerts on its Application Insights. */
export interface AzureRequestAlarmChildren extends AzureNotifyChildren {
  alarmErrorRate: monitor.ScheduledQueryRuleArgs;
  alarmLatency: monitor.ScheduledQueryRuleArgs;
}

/** `alarms` on FailoverDns on Traffic Manager: a metric alert on endpoint state. */
export interface AzureHealthAlarmChildren extends AzureNotifyChildren {
  alarmHealth: monitor.MetricAlertArgs;
}

/** `alarms` on a MultiRegionService fronted by Front Door: metric alerts on its error rate and origin health. */
export interface AzureFrontAlarmChildren extends AzureHealthAlarmChildren {
  alarmErrorRate: monitor.MetricAlertArgs;
}

/** The Key Vault that holds `secrets` (lib/azure/function-secrets.ts). */
export interface AzureSecretChildren {
  vault: keyvault.VaultArgs;
}

/** ServerlessFunction on Azure Functions. */
export interface AzureFunctionChildren extends AzureRequestAlarmChildren, AzureSecretChildren {
  resourceGroup: resources.ResourceGroupArgs;
  storageAccount: storage.StorageAccountArgs;
  container: storage.BlobContainerArgs;
  blob: storage.BlobArgs;
  identity: managedidentity.UserAssignedIdentityArgs;
  queue: storage.QueueArgs;
  workspace: operationalinsights.WorkspaceArgs;
  insights: applicationinsights.ComponentArgs;
  /** The Application Insights tables whose retention is set to the workspace's (lib/azure/monitoring.ts). */
  logTable: operationalinsights.TableArgs;
  plan: web.AppServicePlanArgs;
  app: web.WebAppArgs;
}

/** ApiGateway on API Management (Consumption). */
export interface AzureApiChildren extends AzureRequestAlarmChildren {
  resourceGroup: resources.ResourceGroupArgs;
  service: apimanagement.ApiManagementServiceArgs;
  namedValue: apimanagement.NamedValueArgs;
  backend: apimanagement.BackendArgs;
  api: apimanagement.ApiArgs;
  policy: apimanagement.ApiPolicyArgs;
  subscription: apimanagement.SubscriptionArgs;
  workspace: operationalinsights.WorkspaceArgs;
  insights: applicationinsights.ComponentArgs;
  /** The Application Insights tables whose retention is set to the workspace's (lib/azure/monitoring.ts). */
  logTable: operationalinsights.TableArgs;
  logger: apimanagement.LoggerArgs;
  diagnostic: apimanagement.ApiDiagnosticArgs;
  record: dns.RecordSetArgs;
  /** The `apimuid.<name>` TXT record that proves domain ownership for the managed certificate. */
  ownershipRecord: dns.RecordSetArgs;
}

/** FailoverDns on Traffic Manager. */
export interface TrafficManagerDnsChildren extends AzureHealthAlarmChildren {
  profile: trafficmanager.ProfileArgs;
  endpoint: trafficmanager.EndpointArgs;
  dnsRecord: dns.RecordSetArgs;
}

/** The Azure regions of a MultiRegionService (Container Apps, and Front Door when it fronts). */
export interface AzureServiceChildren extends AzureFrontAlarmChildren, AzureSecretChildren {
  /** The identity each region's Container App reads its Key Vault secrets with. */
  identity: managedidentity.UserAssignedIdentityArgs;
  resourceGroup: resources.ResourceGroupArgs;
  workspace: operationalinsights.WorkspaceArgs;
  environment: app.ManagedEnvironmentArgs;
  containerApp: app.ContainerAppArgs;
  profile: cdn.ProfileArgs;
  endpoint: cdn.AFDEndpointArgs;
  originGroup: cdn.AFDOriginGroupArgs;
  origin: cdn.AFDOriginArgs;
  route: cdn.RouteArgs;
}

declare module "../core/children" {
  interface FunctionChildrenByCloud {
    azure: AzureFunctionChildren;
  }
  interface ApiChildrenByCloud {
    azure: AzureApiChildren;
  }
  interface DnsChildrenByProvider {
    "azure-traffic-manager": TrafficManagerDnsChildren;
  }
  interface ServiceChildrenByCloud {
    azure: AzureServiceChildren;
  }
}

export const AZURE_FUNCTION_CHILDREN = childKeys<AzureFunctionChildren>({
  resourceGroup: true,
  storageAccount: true,
  container: true,
  blob: true,
  identity: true,
  queue: true,
  vault: true,
  workspace: true,
  insights: true,
  logTable: true,
  plan: true,
  app: true,
  alarmActionGroup: true,
  alarmErrorRate: true,
  alarmLatency: true,
});

export const AZURE_API_CHILDREN = childKeys<AzureApiChildren>({
  resourceGroup: true,
  service: true,
  namedValue: true,
  backend: true,
  api: true,
  policy: true,
  subscription: true,
  workspace: true,
  insights: true,
  logTable: true,
  logger: true,
  diagnostic: true,
  record: true,
  ownershipRecord: true,
  alarmActionGroup: true,
  alarmErrorRate: true,
  alarmLatency: true,
});

export const TRAFFIC_MANAGER_DNS_CHILDREN = childKeys<TrafficManagerDnsChildren>({
  profile: true,
  endpoint: true,
  dnsRecord: true,
  alarmActionGroup: true,
  alarmHealth: true,
});

export const AZURE_SERVICE_CHILDREN = childKeys<AzureServiceChildren>({
  resourceGroup: true,
  workspace: true,
  environment: true,
  containerApp: true,
  profile: true,
  endpoint: true,
  originGroup: true,
  origin: true,
  vault: true,
  identity: true,
  route: true,
  alarmActionGroup: true,
  alarmErrorRate: true,
  alarmHealth: true,
});
