import * as pulumi from "@pulumi/pulumi";
import type { ApiAlarmTarget, DnsAlarmTarget, ResolvedAlarms, ServiceRegionAlarmTarget } from "./core/alarms";
import type { FunctionHandle } from "./core/function-handle";
import type { Transforms } from "./core/transform";

/**
 * Creates the alarms of one component on its cloud: each cloud's alarms live in `lib/<cloud>/alarms.ts`, loaded
 * only when that cloud is used (an AWS-only program never loads another cloud's SDK).
 */
type Resolved = ResolvedAlarms & { gaps?: string[] };

/** A default alarm the cloud cannot evaluate is not silently dropped: the component says so in the engine's log. */
function warnGaps(parent: pulumi.Resource, alarms: Resolved): void {
  for (const gap of alarms.gaps ?? [])
    pulumi.log.warn(`${alarms.component}: alarms.${gap} (this alarm is not created; see docs/alarms.md)`, parent);
}

export function functionAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  handle: FunctionHandle,
  transforms?: Transforms,
): void {
  warnGaps(parent, alarms);
  if (handle.aws) {
    const { awsFunctionAlarms } = require("./aws/alarms") as typeof import("./aws/alarms");
    awsFunctionAlarms({ parent, alarms, region: handle.aws.region, transforms }, handle.aws.functionName);
  }
}

export function apiAlarms(parent: pulumi.Resource, alarms: Resolved, target: ApiAlarmTarget, transforms?: Transforms) {
  warnGaps(parent, alarms);
  if (target.aws) {
    const { awsApiAlarms } = require("./aws/alarms") as typeof import("./aws/alarms");
    awsApiAlarms({ parent, alarms, region: target.aws.region, transforms }, target.aws.apiId);
  }
}

export function serviceRegionAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  target: ServiceRegionAlarmTarget,
  transforms?: Transforms,
): void {
  if (target.aws) {
    const { awsLoadBalancerAlarms } = require("./aws/alarms") as typeof import("./aws/alarms");
    awsLoadBalancerAlarms(
      { parent, alarms, region: target.aws.region, transforms },
      target.label,
      target.aws.loadBalancerArnSuffix,
    );
  }
}

export function dnsAlarms(parent: pulumi.Resource, alarms: Resolved, target: DnsAlarmTarget, transforms?: Transforms) {
  warnGaps(parent, alarms);
  if (!alarms.health) return;
  if (target.route53) {
    const { awsHealthCheckAlarms } = require("./aws/alarms") as typeof import("./aws/alarms");
    awsHealthCheckAlarms({ parent, alarms, transforms }, target.route53);
  }
}
