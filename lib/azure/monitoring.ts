import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../core/naming";
import { Transform, withTransform } from "../core/transform";

export interface MonitoringArgs {
  parts: string[];
  resourceGroupName: pulumi.Input<string>;
  location: string;
  /** Log Analytics retention, 30-730 days. */
  retentionDays: number;
  tags: Record<string, string>;
  parent: pulumi.Resource;
  transform?: {
    workspace?: Transform<operationalinsights.WorkspaceArgs>;
    insights?: Transform<applicationinsights.ComponentArgs>;
  };
}

/** A Log Analytics workspace with retention and a workspace-based Application Insights component on it. */
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
        retentionInDays: args.retentionDays,
        tags: args.tags,
      } satisfies applicationinsights.ComponentArgs,
      { parent: args.parent },
    ),
  );
  return { workspace, insights };
}
