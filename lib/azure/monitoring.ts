import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../core/naming";
import { Transform, withTransform } from "../core/transform";

export interface MonitoringArgs {
  parts: string[];
  resourceGroupName: pulumi.Input<string>;
  location: string;
  /** Log Analytics retention, 30-730 days (lib/core/log-retention.ts). */
  retentionDays: number;
  tags: Record<string, string>;
  parent: pulumi.Resource;
  transform?: {
    workspace?: Transform<operationalinsights.WorkspaceArgs>;
    insights?: Transform<applicationinsights.ComponentArgs>;
    logTable?: Transform<operationalinsights.TableArgs>;
  };
}

/**
 * The tables workspace-based Application Insights writes, which "keep data for 90 days" whatever the workspace's
 * retention unless each is set (https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure
 * #log-tables-with-90-day-default-retention).
 */
export const APP_INSIGHTS_TABLES = [
  "AppAvailabilityResults",
  "AppBrowserTimings",
  "AppDependencies",
  "AppEvents",
  "AppExceptions",
  "AppMetrics",
  "AppPageViews",
  "AppPerformanceCounters",
  "AppRequests",
  "AppSystemEvents",
  "AppTraces",
] as const;

/**
 * A Log Analytics workspace with retention and a workspace-based Application Insights component on it, its telemetry
 * tables kept exactly `retentionDays` (table retention "can be between 4 and 730").
 */
export function monitoring(name: string, args: MonitoringArgs) {
  const workspace = new operationalinsights.Workspace(
    ...withTransform(
      args.transform,
      "workspace",
      `${name}-logs`,
      {
        workspaceName: physicalName("azureGeneric", ...args.parts, "logs"),
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        sku: { name: "PerGB2018" },
        retentionInDays: args.retentionDays,
        tags: args.tags,
      } satisfies operationalinsights.WorkspaceArgs,
      { parent: args.parent },
    ),
  );
  const insights = new applicationinsights.Component(
    ...withTransform(
      args.transform,
      "insights",
      `${name}-insights`,
      {
        resourceName: physicalName("azureGeneric", ...args.parts, "insights"),
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        kind: "web",
        applicationType: "web",
        ingestionMode: "LogAnalytics",
        workspaceResourceId: workspace.id,
        // No retentionInDays: a workspace-based component keeps its telemetry in the workspace's tables, whose
        // retention applies (set below); the component's own value would be sent and do nothing.
        tags: args.tags,
      } satisfies applicationinsights.ComponentArgs,
      { parent: args.parent },
    ),
  );
  for (const tableName of APP_INSIGHTS_TABLES) {
    new operationalinsights.Table(
      ...withTransform(
        args.transform,
        "logTable",
        `${name}-${tableName}`,
        {
          resourceGroupName: args.resourceGroupName,
          workspaceName: workspace.name,
          tableName,
          retentionInDays: args.retentionDays,
        } satisfies operationalinsights.TableArgs,
        // "An Azure table ... can't be deleted" (same page): the setting goes with the workspace, so Pulumi must not
        // try to delete the table on its own.
        { parent: args.parent, retainOnDelete: true },
      ),
    );
  }
  return { workspace, insights };
}
