import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as storage from "@pulumi/azure-native/storage";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { CloudFunctionResult } from "../core/function/result";
import { toNcrontab } from "../core/function/schedule";
import { globalName } from "../core/global-name";
import type { BuiltFunctionSpec } from "../core/backend";
import { physicalName } from "../core/naming";
import { commonTags } from "../core/tags";
import { transformsOf, withTransform } from "../core/transform";
import type { AzureFunctionChildren } from "./children";
import { azureFunctionSecrets } from "./function-secrets";
import { azureGlobalNameScope } from "./global-names";
import { monitoring } from "./monitoring";
import { resourceGroup } from "./resource-group";
import { roleAssignment } from "./role-assignment";

/**
 * Azure expansion on the Windows Consumption plan (Y1), running from a package URL:
 * resource group; storage account (HTTPS only, TLS 1.2, no public blob access) with a private `deployments`
 * container and the code blob named by its content hash (a change is a new URL, so the app restarts on the
 * new code: an unchanged run-from-package URL keeps serving the old code, pulumi/pulumi-azure-native#3483); a user-assigned identity with Storage Blob Data Owner on the account (host
 * storage and package read, identity-based: no connection string) granted before the app starts; Log
 * Analytics + Application Insights; Key Vault references for secrets; the function app.
 *
 * Why not Flex Consumption: Flex deploys code only through OneDeploy (`/api/publish`, no ARM resource: https://learn.microsoft.com/azure/azure-functions/flex-consumption-how-to, hashicorp/terraform-provider-azurerm#29630),
 * which would need a command step outside Pulumi. Linux Consumption retires on 30 September 2028 and gets no new
 * language versions (https://learn.microsoft.com/azure/azure-functions/functions-versions). Windows Consumption takes
 * `WEBSITE_RUN_FROM_PACKAGE=<URL>` from ARM, so `pulumi up` alone deploys the code.
 */
const DEPLOYMENTS = "deployments";

export function createAzureFunction(parent: pulumi.Resource, fn: BuiltFunctionSpec): CloudFunctionResult {
  const name = fn.name;
  const pkg = fn.package;
  const location = fn.placement.region!;
  const tags = commonTags("azure", "ServerlessFunction");
  const t = transformsOf<AzureFunctionChildren>(fn.transform);

  // Storage account and function app names are worldwide (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules): lib/core/global-name.ts.
  const names = azureGlobalNameScope(name, parent);
  const rg = resourceGroup(`${name}-rg`, { parts: [name], location, tags, parent, transform: t.resourceGroup });
  const account = new storage.StorageAccount(
    ...withTransform(
      t,
      "storageAccount",
      `${name}-storage`,
      {
        accountName: globalName("azureStorageAccount", names, name),
        resourceGroupName: rg.name,
        location,
        kind: "StorageV2",
        sku: { name: "Standard_LRS" },
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        tags,
      } satisfies storage.StorageAccountArgs,
      // A name is set at creation only: a stack deployed before names carried a seed keeps its account.
      { parent, ignoreChanges: ["accountName"] },
    ),
  );
  const container = new storage.BlobContainer(
    ...withTransform(
      t,
      "container",
      `${name}-deployments`,
      {
        accountName: account.name,
        resourceGroupName: rg.name,
        containerName: DEPLOYMENTS,
        publicAccess: "None",
      } satisfies storage.BlobContainerArgs,
      { parent },
    ),
  );
  const blob = new storage.Blob(
    ...withTransform(
      t,
      "blob",
      `${name}-code`,
      {
        accountName: account.name,
        resourceGroupName: rg.name,
        containerName: DEPLOYMENTS,
        blobName: `function-${pkg.hash}.zip`,
        type: "Block",
        contentType: "application/zip",
        source: new pulumi.asset.FileAsset(pkg.path),
      } satisfies storage.BlobArgs,
      { parent, dependsOn: [container] },
    ),
  );

  const identity = new managedidentity.UserAssignedIdentity(
    ...withTransform(
      t,
      "identity",
      `${name}-identity`,
      {
        resourceName: physicalName("azureGeneric", name, "id"),
        resourceGroupName: rg.name,
        location,
        tags,
      } satisfies managedidentity.UserAssignedIdentityArgs,
      { parent },
    ),
  );
  const grants: pulumi.Resource[] = [
    roleAssignment(`${name}-storage-access`, {
      role: "storageBlobDataOwner",
      principalId: identity.principalId,
      scope: account.id,
      parent,
    }),
  ];

  let queue: storage.Queue | undefined;
  if (fn.queue) {
    queue = new storage.Queue(
      ...withTransform(
        t,
        "queue",
        `${name}-queue`,
        {
          accountName: account.name,
          resourceGroupName: rg.name,
          queueName: physicalName("azureStorageQueue", name, "queue"),
        } satisfies storage.QueueArgs,
        { parent },
      ),
    );
    grants.push(
      roleAssignment(`${name}-queue-access`, {
        role: "storageQueueDataContributor",
        principalId: identity.principalId,
        scope: account.id,
        parent,
      }),
    );
  }

  const { insights } = monitoring(name, {
    parts: [name],
    resourceGroupName: rg.name,
    location,
    retentionDays: fn.logRetentionDays,
    tags,
    parent,
    transform: { workspace: t.workspace, insights: t.insights, logTable: t.logTable },
  });
  const secrets = azureFunctionSecrets(parent, fn, rg, identity, location, tags, names);
  grants.push(...secrets.grants);

  const plan = new web.AppServicePlan(
    ...withTransform(
      t,
      "plan",
      `${name}-plan`,
      {
        name: physicalName("azureAppServicePlan", name, "plan"),
        resourceGroupName: rg.name,
        location,
        kind: "functionapp",
        sku: { name: "Y1", tier: "Dynamic" },
        tags,
      } satisfies web.AppServicePlanArgs,
      { parent },
    ),
  );

  const settings: Record<string, pulumi.Input<string>> = {
    ...fn.environment,
    ...secrets.settings,
    FUNCTIONS_EXTENSION_VERSION: "~4",
    FUNCTIONS_WORKER_RUNTIME: "node",
    WEBSITE_NODE_DEFAULT_VERSION: fn.runtimeInfo.native.azure!,
    // Host storage through the identity: no account key in any setting.
    AzureWebJobsStorage__accountName: account.name,
    AzureWebJobsStorage__credential: "managedidentity",
    AzureWebJobsStorage__clientId: identity.clientId,
    WEBSITE_RUN_FROM_PACKAGE: blob.url,
    WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identity.id,
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.connectionString,
    MERIDIAN_HTTP_AUTH: fn.url ? "anonymous" : fn.http ? "function" : "off",
  };
  fn.schedules.forEach((s, i) => {
    settings[`MERIDIAN_SCHEDULE_${i}`] = toNcrontab(s.parsed);
  });
  if (queue) settings.MERIDIAN_QUEUE_NAME = queue.name;

  const app = new web.WebApp(
    ...withTransform(
      t,
      "app",
      `${name}-app`,
      {
        name: globalName("azureFunctionApp", names, name),
        resourceGroupName: rg.name,
        location,
        kind: "functionapp",
        serverFarmId: plan.id,
        httpsOnly: true,
        clientAffinityEnabled: false,
        identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
        keyVaultReferenceIdentity: identity.id,
        siteConfig: {
          appSettings: Object.keys(settings)
            .sort()
            .map((k) => ({ name: k, value: settings[k] })),
          minTlsVersion: "1.2",
          ftpsState: "Disabled",
          http20Enabled: true,
          use32BitWorkerProcess: false,
        },
        tags,
      } satisfies web.WebAppArgs,
      // Set at creation only, like the account's: an existing app keeps its name and its *.azurewebsites.net host.
      { parent, dependsOn: grants, ignoreChanges: ["name"] },
    ),
  );

  const baseUrl = pulumi.interpolate`https://${app.defaultHostName}`;
  const keyQuery = pulumi.interpolate`$(az functionapp keys list --resource-group ${rg.name} --name ${app.name} --query functionKeys.default --output tsv)`;
  return {
    nativeName: app.name,
    url: fn.url ? baseUrl : undefined,
    queue: queue?.name,
    invokeCommand:
      queue && !fn.http
        ? pulumi.interpolate`az storage message put --auth-mode login --account-name ${account.name} --queue-name ${queue.name} --content "$(printf '{"hello":"world"}' | base64)"`
        : fn.url
          ? pulumi.interpolate`curl -sS ${baseUrl}/`
          : pulumi.interpolate`curl -sS "${baseUrl}/?code=${keyQuery}"`,
    logsCommand: pulumi.interpolate`az monitor app-insights query --app ${insights.appId} --analytics-query "union traces, requests, exceptions | where timestamp > ago(1h) | order by timestamp desc | take 50"`,
    handle: {
      azure: {
        region: location,
        resourceGroupName: rg.name,
        appName: app.name,
        appId: app.id,
        baseUrl,
        insightsId: insights.id,
      },
    },
  };
}
