import * as pulumi from "@pulumi/pulumi";
import type {
  ApiAlarmTarget,
  DnsAlarmTarget,
  ResolvedAlarms,
  ServiceFrontAlarmTarget,
  ServiceRegionAlarmTarget,
} from "./core/alarms";
import type { FunctionHandle } from "./core/function-handle";
import type { AwsAlarmChildren } from "./aws/children";
import type { AzureFrontAlarmChildren, AzureHealthAlarmChildren, AzureRequestAlarmChildren } from "./azure/children";
import type { CloudflareHealthAlarmChildren } from "./cloudflare/children";
import type { GcpAlarmChildren } from "./gcp/children";
import { CheckedTransforms, transformsOf } from "./core/transform";
import type { DnsProvider } from "./core/dns/types";
import type { Cloud } from "./core/placement";

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
const cloudflareAlarms = () => require("./cloudflare/alarms") as typeof import("./cloudflare/alarms");

// Typed views of a component's checked transforms (its keys were checked against its cloud's children).
const aws = (t: CheckedTransforms) => transformsOf<AwsAlarmChildren>(t);
const gcp = (t: CheckedTransforms) => transformsOf<GcpAlarmChildren>(t);
const azureRequests = (t: CheckedTransforms) => transformsOf<AzureRequestAlarmChildren>(t);
const azureHealth = (t: CheckedTransforms) => transformsOf<AzureHealthAlarmChildren>(t);
const azureFront = (t: CheckedTransforms) => transformsOf<AzureFrontAlarmChildren>(t);
const cloudflare = (t: CheckedTransforms) => transformsOf<CloudflareHealthAlarmChildren>(t);

type Hook<Target> = (parent: pulumi.Resource, alarms: Resolved, target: Target, t: CheckedTransforms) => void;

/** Runs `hook` when the cloud's own part of the target is there (absent: that resource has nothing to alarm on). */
const when =
  <Target>(present: (target: Target) => unknown, hook: Hook<Target>): Hook<Target> =>
  (parent, alarms, target, t) => {
    if (present(target)) hook(parent, alarms, target, t);
  };

/**
 * A function's request alarms, per cloud: a table the compiler checks, so a new cloud must say what it alarms on.
 * Cloudflare: validation refuses request alarms there (no Workers metric alert), so its entry is never reached.
 */
const FUNCTION_ALARMS: Record<Cloud, Hook<FunctionHandle>> = {
  aws: when(
    (x) => x.aws,
    (parent, alarms, h, t) =>
      awsAlarms().awsFunctionAlarms({ parent, alarms, region: h.aws!.region, transforms: aws(t) }, h.aws!.functionName),
  ),
  gcp: when(
    (x) => x.gcp,
    (parent, alarms, h, t) =>
      gcpAlarms().gcpRequestAlarms({ parent, alarms, project: h.gcp!.project, transforms: gcp(t) }, alarms.name, {
        kind: "cloudRun",
        region: h.gcp!.region,
        serviceName: h.gcp!.serviceName,
      }),
  ),
  azure: when(
    (x) => x.azure,
    (parent, alarms, h, t) =>
      azureAlarms().azureInsightsRequestAlarms(
        {
          parent,
          alarms,
          resourceGroupName: h.azure!.resourceGroupName,
          location: h.azure!.region,
          transforms: azureRequests(t),
        },
        alarms.name,
        { region: h.azure!.region, insightsId: h.azure!.insightsId! },
      ),
  ),
  cloudflare: () => undefined,
};

export function functionAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  handle: FunctionHandle,
  transforms: CheckedTransforms = {},
): void {
  warnGaps(parent, alarms);
  FUNCTION_ALARMS[handle.placement.cloud](parent, alarms, handle, transforms);
}

/** An API's request alarms, per cloud (Cloudflare: refused by validation, as for functions). */
const API_ALARMS: Record<Cloud, Hook<ApiAlarmTarget>> = {
  aws: when(
    (x) => x.aws,
    (parent, alarms, target, t) =>
      awsAlarms().awsApiAlarms({ parent, alarms, region: target.aws!.region, transforms: aws(t) }, target.aws!.apiId),
  ),
  gcp: when(
    (x) => x.gcp,
    (parent, alarms, target, t) =>
      gcpAlarms().gcpRequestAlarms({ parent, alarms, project: target.gcp!.project, transforms: gcp(t) }, alarms.name, {
        kind: "apiGateway",
        gatewayId: target.gcp!.gatewayId,
      }),
  ),
  azure: when(
    (x) => x.azure,
    (parent, alarms, target, t) => {
      const a = target.azure!;
      azureAlarms().azureInsightsRequestAlarms(
        { parent, alarms, resourceGroupName: a.resourceGroupName, location: a.region, transforms: azureRequests(t) },
        alarms.name,
        a,
      );
    },
  ),
  cloudflare: () => undefined,
};

export function apiAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  cloud: Cloud,
  target: ApiAlarmTarget,
  transforms: CheckedTransforms = {},
) {
  warnGaps(parent, alarms);
  API_ALARMS[cloud](parent, alarms, target, transforms);
}

/**
 * Request alarms of one region of a MultiRegionService, per cloud (AWS: its ALB; Google Cloud: its Cloud Run
 * service). Azure has none per region: its error rate is Front Door's (serviceFrontAlarms); Cloudflare runs no
 * regions. A table the compiler checks, so a new cloud must say what its regions alarm on.
 */
const REGION_ALARMS: Record<Cloud, Hook<{ target: ServiceRegionAlarmTarget; regionHealth: boolean }>> = {
  aws: when(
    (x) => x.target.aws,
    (parent, alarms, { target, regionHealth }, t) =>
      awsAlarms().awsLoadBalancerAlarms(
        { parent, alarms, region: target.aws!.region, transforms: aws(t) },
        target.label,
        target.aws!.loadBalancerArnSuffix,
        regionHealth && alarms.health ? { targetGroupArnSuffix: target.aws!.targetGroupArnSuffix } : undefined,
      ),
  ),
  gcp: when(
    (x) => x.target.gcp,
    (parent, alarms, { target }, t) =>
      gcpAlarms().gcpRequestAlarms(
        { parent, alarms, project: target.gcp!.project, transforms: gcp(t) },
        `${alarms.name}-${target.label}`,
        { kind: "cloudRun", region: target.gcp!.region, serviceName: target.gcp!.serviceName },
      ),
  ),
  azure: () => undefined,
  cloudflare: () => undefined,
};

export function serviceRegionAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  cloud: Cloud,
  target: ServiceRegionAlarmTarget,
  transforms: CheckedTransforms = {},
  /** The front does not health-check through DNS (Global Accelerator): the region alarms on its own health. */
  regionHealth = false,
): void {
  REGION_ALARMS[cloud](parent, alarms, { target, regionHealth }, transforms);
}

/**
 * Alarms of a MultiRegionService's global front when it is not DNS, per cloud: Google's load balancer, Azure Front
 * Door. AWS Global Accelerator has none yet (the component warns); Cloudflare fronts only through DNS.
 */
const FRONT_ALARMS: Record<Cloud, Hook<{ target: ServiceFrontAlarmTarget; location: string }>> = {
  aws: () => undefined,
  gcp: when(
    (x) => x.target.gcp,
    (parent, alarms, { target }, t) =>
      gcpAlarms().gcpRequestAlarms(
        { parent, alarms, project: target.gcp!.project, transforms: gcp(t) },
        `${alarms.name}-front`,
        { kind: "loadBalancer", urlMapName: target.gcp!.urlMapName },
      ),
  ),
  azure: when(
    (x) => x.target.azure,
    (parent, alarms, { target, location }, t) =>
      azureAlarms().azureFrontDoorAlarms(
        {
          parent,
          alarms,
          resourceGroupName: target.azure!.resourceGroupName,
          location,
          transforms: azureFront(t),
        },
        target.azure!,
      ),
  ),
  cloudflare: () => undefined,
};

export function serviceFrontAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  cloud: Cloud,
  target: ServiceFrontAlarmTarget,
  location: string,
  transforms: CheckedTransforms = {},
): void {
  FRONT_ALARMS[cloud](parent, alarms, { target, location }, transforms);
}

/** A DNS provider's health alarms, per provider: a table the compiler checks. */
const DNS_ALARMS: Record<DnsProvider, Hook<DnsAlarmTarget>> = {
  route53: when(
    (x) => x.route53,
    (parent, alarms, target, t) =>
      awsAlarms().awsHealthCheckAlarms({ parent, alarms, transforms: aws(t) }, target.route53!),
  ),
  cloudflare: when(
    (x) => x.cloudflare,
    (parent, alarms, target, t) =>
      cloudflareAlarms().cloudflareHealthAlarms(
        { parent, alarms, accountId: target.cloudflare!.accountId, transforms: cloudflare(t) },
        target.cloudflare!,
      ),
  ),
  "azure-traffic-manager": when(
    (x) => x.trafficManager,
    (parent, alarms, target, t) => {
      const tm = target.trafficManager!;
      azureAlarms().azureTrafficManagerAlarms(
        { parent, alarms, resourceGroupName: tm.resourceGroupName, location: tm.location, transforms: azureHealth(t) },
        tm,
      );
    },
  ),
  "gcp-cloud-dns": when(
    (x) => x.gcp,
    (parent, alarms, target, t) =>
      gcpAlarms().gcpUptimeAlarms(
        { parent, alarms, project: target.gcp!.project, transforms: gcp(t) },
        target.gcp!.endpoints,
      ),
  ),
};

export function dnsAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  provider: DnsProvider,
  target: DnsAlarmTarget,
  transforms: CheckedTransforms = {},
) {
  warnGaps(parent, alarms);
  if (!alarms.health) return;
  DNS_ALARMS[provider](parent, alarms, target, transforms);
}
