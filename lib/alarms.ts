import * as pulumi from "@pulumi/pulumi";
import type {
  ApiAlarmTarget,
  DnsAlarmTarget,
  ResolvedAlarms,
  ServiceFrontAlarmTarget,
  ServiceRegionAlarmTarget,
} from "./core/alarms";
import type { FunctionHandle } from "./core/function-handle";
import type { Transforms } from "./core/transform";

/**
 * Creates the alarms of one component on its cloud: each cloud's alarms live in `lib/<cloud>/alarms.ts`, loaded
 * only when that cloud is used (an AWS-only program never loads another cloud's SDK).
 */
type Resolved = ResolvedAlarms & { gaps?: string[] };

/** A default alarm the cloud cannot evaluate is not silently dropped: the component says so in the engine's log. */
export function warnGaps(parent: pulumi.Resource, alarms: Resolved): void {
  for (const gap of alarms.gaps ?? [])
    pulumi.log.warn(`${alarms.component}: alarms.${gap} (this alarm is not created; see docs/alarms.md)`, parent);
}

const gcpAlarms = () => require("./gcp/alarms") as typeof import("./gcp/alarms");
const azureAlarms = () => require("./azure/alarms") as typeof import("./azure/alarms");
const awsAlarms = () => require("./aws/alarms") as typeof import("./aws/alarms");

export function functionAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  handle: FunctionHandle,
  transforms?: Transforms,
): void {
  warnGaps(parent, alarms);
  if (handle.aws) {
    awsAlarms().awsFunctionAlarms({ parent, alarms, region: handle.aws.region, transforms }, handle.aws.functionName);
  } else if (handle.gcp) {
    gcpAlarms().gcpRequestAlarms({ parent, alarms, project: handle.gcp.project, transforms }, alarms.name, {
      kind: "cloudRun",
      region: handle.gcp.region,
      serviceName: handle.gcp.serviceName,
    });
  } else if (handle.azure) {
    const a = handle.azure;
    azureAlarms().azureInsightsRequestAlarms(
      { parent, alarms, resourceGroupName: a.resourceGroupName, location: a.region, transforms },
      alarms.name,
      { region: a.region, insightsId: a.insightsId! },
    );
  }
  // Cloudflare: validation refuses request alarms there (no Workers metric alert), so nothing reaches here.
}

export function apiAlarms(parent: pulumi.Resource, alarms: Resolved, target: ApiAlarmTarget, transforms?: Transforms) {
  warnGaps(parent, alarms);
  if (target.aws) {
    awsAlarms().awsApiAlarms({ parent, alarms, region: target.aws.region, transforms }, target.aws.apiId);
  } else if (target.gcp) {
    gcpAlarms().gcpRequestAlarms({ parent, alarms, project: target.gcp.project, transforms }, alarms.name, {
      kind: "apiGateway",
      gatewayId: target.gcp.gatewayId,
    });
  } else if (target.azure) {
    const a = target.azure;
    azureAlarms().azureInsightsRequestAlarms(
      { parent, alarms, resourceGroupName: a.resourceGroupName, location: a.region, transforms },
      alarms.name,
      a,
    );
  }
}

/** Request alarms of one region of a MultiRegionService (AWS: its ALB; Google Cloud: its Cloud Run service). */
export function serviceRegionAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  target: ServiceRegionAlarmTarget,
  transforms?: Transforms,
  /** The front does not health-check through DNS (Global Accelerator): the region alarms on its own health. */
  regionHealth = false,
): void {
  if (target.aws) {
    awsAlarms().awsLoadBalancerAlarms(
      { parent, alarms, region: target.aws.region, transforms },
      target.label,
      target.aws.loadBalancerArnSuffix,
      regionHealth && alarms.health ? { targetGroupArnSuffix: target.aws.targetGroupArnSuffix } : undefined,
    );
  } else if (target.gcp) {
    gcpAlarms().gcpRequestAlarms(
      { parent, alarms, project: target.gcp.project, transforms },
      `${alarms.name}-${target.label}`,
      { kind: "cloudRun", region: target.gcp.region, serviceName: target.gcp.serviceName },
    );
  }
}

/** Alarms of a MultiRegionService's global front when it is not DNS (Google's load balancer, Azure Front Door). */
export function serviceFrontAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  target: ServiceFrontAlarmTarget,
  location: string,
  transforms?: Transforms,
): void {
  if (target.gcp)
    gcpAlarms().gcpRequestAlarms({ parent, alarms, project: target.gcp.project, transforms }, `${alarms.name}-front`, {
      kind: "loadBalancer",
      urlMapName: target.gcp.urlMapName,
    });
  if (target.azure)
    azureAlarms().azureFrontDoorAlarms(
      { parent, alarms, resourceGroupName: target.azure.resourceGroupName, location, transforms },
      target.azure,
    );
}

export function dnsAlarms(parent: pulumi.Resource, alarms: Resolved, target: DnsAlarmTarget, transforms?: Transforms) {
  warnGaps(parent, alarms);
  if (!alarms.health) return;
  if (target.route53) {
    awsAlarms().awsHealthCheckAlarms({ parent, alarms, transforms }, target.route53);
  } else if (target.cloudflare) {
    const { cloudflareHealthAlarms } = require("./cloudflare/alarms") as typeof import("./cloudflare/alarms");
    cloudflareHealthAlarms({ parent, alarms, accountId: target.cloudflare.accountId, transforms }, target.cloudflare);
  } else if (target.trafficManager) {
    const tm = target.trafficManager;
    azureAlarms().azureTrafficManagerAlarms(
      { parent, alarms, resourceGroupName: tm.resourceGroupName, location: tm.location, transforms },
      tm,
    );
  } else if (target.gcp) {
    gcpAlarms().gcpUptimeAlarms({ parent, alarms, project: target.gcp.project, transforms }, target.gcp.endpoints);
  }
}
