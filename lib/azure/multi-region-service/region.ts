import * as azure from "@pulumi/azure-native";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../../core/naming";
import type { RegionSpec, ServiceSpec } from "../../core/service";
import { transformsOf, withTransform } from "../../core/transform";
import type { AzureServiceChildren } from "../children";
import { containerAppSecrets } from "./container-secrets";

/** The serverless profile of a workload-profiles environment (https://learn.microsoft.com/azure/container-apps/workload-profiles-overview). */
const CONSUMPTION = "Consumption";

/** Container Apps' replica ceiling. */
const MAX_REPLICAS = 1000;

export interface AzureRegion {
  app: azure.app.ContainerApp;
  /** The region's managed environment (the Private Link target with `azure.originAccess: "private-link"`). */
  environment: azure.app.ManagedEnvironment;
  /** Its Azure location. */
  location: string;
  /** The app's HTTPS host name (`<app>.<env>.<region>.azurecontainerapps.io`). */
  fqdn: pulumi.Output<string>;
}

/**
 * One region on Container Apps, in its own resource group so a region can be deleted as a unit: a Log
 * Analytics workspace with retention, a Consumption managed environment that ships logs to it, and the app
 * (external HTTPS ingress only, startup/readiness/liveness probes on the health path, at least `count` replicas).
 */
export function createAzureRegion(
  parent: pulumi.Resource,
  spec: ServiceSpec,
  region: RegionSpec,
  tags: Record<string, string>,
): AzureRegion {
  const base = `${spec.name}-${region.label}`;
  const t = transformsOf<AzureServiceChildren>(spec.transform);
  const hc = spec.healthCheck;
  const location = region.region;
  const privateLink = spec.azureOriginAccess === "private-link";

  const group = new azure.resources.ResourceGroup(
    ...withTransform(
      t,
      "resourceGroup",
      `${base}-rg`,
      {
        resourceGroupName: physicalName("azureResourceGroup", spec.name, location),
        location,
        tags,
      } satisfies azure.resources.ResourceGroupArgs,
      { parent },
    ),
  );
  const workspace = new azure.operationalinsights.Workspace(
    ...withTransform(
      t,
      "workspace",
      `${base}-logs`,
      {
        workspaceName: physicalName("azureGeneric", spec.name, location, "logs"),
        resourceGroupName: group.name,
        location,
        sku: { name: "PerGB2018" },
        // Exactly the value given: checked against Log Analytics' 30-730 days (lib/core/log-retention.ts), never rounded.
        retentionInDays: spec.logRetentionDays,
        tags,
      } satisfies azure.operationalinsights.WorkspaceArgs,
      { parent },
    ),
  );
  const keys = azure.operationalinsights.getSharedKeysOutput(
    { resourceGroupName: group.name, workspaceName: workspace.name },
    { parent },
  );

  const environment = new azure.app.ManagedEnvironment(
    ...withTransform(
      t,
      "environment",
      `${base}-env`,
      {
        environmentName: physicalName("azureManagedEnvironment", spec.name, location, "env"),
        resourceGroupName: group.name,
        location,
        appLogsConfiguration: {
          destination: "log-analytics",
          logAnalyticsConfiguration: {
            customerId: workspace.customerId,
            sharedKey: pulumi.secret(keys.apply((k) => k.primarySharedKey ?? "")),
          },
        },
        // azure.originAccess "private-link": Front Door's Private Link to Container Apps needs a workload-profiles
        // environment with public network access disabled
        // (https://learn.microsoft.com/azure/container-apps/how-to-integrate-with-azure-front-door,
        // https://learn.microsoft.com/azure/container-apps/private-endpoints-with-dns: "To use a private endpoint, you
        // must disable public network access").
        ...(privateLink
          ? {
              workloadProfiles: [{ name: CONSUMPTION, workloadProfileType: CONSUMPTION }],
              publicNetworkAccess: "Disabled",
            }
          : {}),
        tags,
      } satisfies azure.app.ManagedEnvironmentArgs,
      { parent },
    ),
  );

  const probe = (type: "Startup" | "Readiness" | "Liveness", period: number, failures: number) => ({
    type,
    httpGet: { path: hc.path, port: spec.port, scheme: "HTTP" },
    // Container Apps probes: period and timeout 1-240 s, failureThreshold 1-10
    // (https://learn.microsoft.com/azure/container-apps/health-probes). The user's interval is checked against 240 by
    // validation; only the derived liveness period (3x) is capped here.
    periodSeconds: Math.min(period, 240),
    timeoutSeconds: Math.min(hc.timeoutSeconds, 240),
    failureThreshold: Math.min(failures, 10),
  });
  // container.secrets: Key Vault references read with the region's own identity (container-secrets.ts).
  const secrets = containerAppSecrets(parent, spec, region, group, tags);
  const env: azure.types.input.app.EnvironmentVarArgs[] = [
    ...Object.entries(region.environment)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, value]) => ({ name, value })),
    ...secrets.env,
  ];
  const app = new azure.app.ContainerApp(
    ...withTransform(
      t,
      "containerApp",
      `${base}-app`,
      {
        containerAppName: physicalName("azureContainerApp", spec.name, location),
        resourceGroupName: group.name,
        location,
        managedEnvironmentId: environment.id,
        identity: secrets.identity,
        workloadProfileName: privateLink ? CONSUMPTION : undefined,
        configuration: {
          activeRevisionsMode: "Single",
          secrets: secrets.secrets.length ? secrets.secrets : undefined,
          ingress: {
            external: true,
            targetPort: spec.port,
            transport: "auto",
            allowInsecure: false,
            traffic: [{ latestRevision: true, weight: 100 }],
          },
        },
        template: {
          containers: [
            {
              name: "app",
              image: spec.image,
              command: spec.command,
              env,
              resources: { cpu: region.cpu, memory: `${region.memoryMb / 1024}Gi` },
              probes: [
                probe("Startup", hc.intervalSeconds, Math.max(hc.failureThreshold, 6)),
                probe("Readiness", hc.intervalSeconds, hc.failureThreshold),
                probe("Liveness", hc.intervalSeconds * 3, hc.failureThreshold),
              ],
            },
          ],
          // Container Apps scales to at most 1,000 replicas (https://learn.microsoft.com/azure/container-apps/scale-app):
          // the headroom of 10x is capped there (count itself is at most 1,000).
          scale: { minReplicas: region.count, maxReplicas: Math.min(MAX_REPLICAS, Math.max(10, region.count * 10)) },
        },
        tags,
      } satisfies azure.app.ContainerAppArgs,
      { parent, dependsOn: secrets.ready },
    ),
  );
  const fqdn = app.configuration.apply((c) => c?.ingress?.fqdn ?? "");
  return { app, fqdn, environment, location };
}
