import type { ParsedPlacement } from "./placement";
import { physicalName } from "./naming";
import { shortHash } from "./hash";
import type { PhysicalNameClaim } from "./physical-names";

/**
 * The physical names each component's expansion will set on resources whose names must be unique (per account and
 * region, per project, per subscription or worldwide), derived with the same `physicalName` calls as the cloud files
 * (named beside each one), so the collision check sees the final names before anything registers.
 * test/physical-names.test.ts checks that every claimed name is one the plan really sets, and that every name the
 * plan sets on a resource kind listed there is claimed.
 *
 * Kinds are strings that say what must be unique and where ("Pub/Sub topic", "SQS queue in us-east-1"): two claims
 * collide only with the same kind. Not claimed: names an API scopes under something a component owns alone (an Azure
 * plan in the component's own resource group, a queue inside its own storage account), and worldwide names (GCS
 * buckets, Azure storage accounts, function apps, Key Vaults, API Management, Traffic Manager DNS labels, Front Door
 * endpoints), which carry their own component's random seed (lib/core/global-name.ts), so two components never
 * share one.
 */

/**
 * Azure compares resource names ignoring case: "Resource names are case-insensitive unless noted"
 * (https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules).
 */
const AZURE = { caseInsensitive: true } as const;
/** IAM: "Names are not distinguished by case" (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). */
const IAM = { kind: "AWS IAM role", caseInsensitive: true } as const;
/** DNS names compare ignoring case (RFC 4343 §3). */
const DNS = { caseInsensitive: true } as const;

const GCP_SERVICE_ACCOUNT = "Google service account"; // project-wide account ids
/**
 * The sink and `_Default` exclusion of a component's own log bucket (lib/gcp/log-bucket.ts), both named `<name>-logs`
 * per project. The bucket id itself carries a seed of its own, so it is not claimed.
 */
const gcpLogRouting = (...parts: string[]): PhysicalNameClaim[] => [
  { kind: "Cloud Logging sink", name: physicalName("gcpResource", ...parts, "logs") },
  { kind: "Cloud Logging exclusion", name: physicalName("gcpResource", ...parts, "logs") },
];
const logGroup = (region: string, name: string): PhysicalNameClaim => ({
  kind: `CloudWatch log group in ${region}`,
  name,
});

/** What of a validated ServerlessFunction decides which named resources it creates. */
export interface FunctionClaimInput {
  readonly name: string;
  readonly placement: ParsedPlacement;
  readonly queue?: object;
  readonly schedules: readonly unknown[];
  readonly secrets: Record<string, unknown>;
  readonly logRetentionDays: number;
  /** Whether `logRetentionDays` was given (Google Cloud gives the function a log bucket of its own then). @default false */
  readonly logRetentionGiven?: boolean;
  /** The Google platform (lib/core/function/gcp-options.ts). @default "cloud-functions" */
  readonly gcp?: { readonly platform: "cloud-functions" | "cloud-run" };
}

/** ServerlessFunction: the function's own name and every named resource beside it. */
export function functionNameClaims(fn: FunctionClaimInput): PhysicalNameClaim[] {
  const name = fn.name;
  const region = fn.placement.region ?? "";
  const secretKeys = Object.keys(fn.secrets);
  switch (fn.placement.cloud) {
    case "aws": {
      // lib/aws/serverless-function.ts, function-triggers.ts
      const functionName = physicalName("awsLambda", name);
      return [
        { kind: `AWS Lambda function in ${region}`, name: functionName },
        { ...IAM, name: physicalName("awsIamRole", name, "fn") },
        logGroup(region, `/aws/lambda/${functionName}`),
        ...(fn.queue
          ? [
              { kind: `SQS queue in ${region}`, name: physicalName("awsSqs", name, "queue") },
              { kind: `SQS queue in ${region}`, name: physicalName("awsSqs", name, "dlq") },
            ]
          : []),
        ...(fn.schedules.length > 0 ? [{ ...IAM, name: physicalName("awsIamRole", name, "scheduler") }] : []),
        // Schedules go to the account's "default" schedule group, where names are unique
        // (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html, GroupName).
        ...fn.schedules.map((_, i) => ({
          kind: `EventBridge schedule in ${region} (default group)`,
          name: physicalName("awsSchedule", name, String(i)),
        })),
      ];
    }
    case "gcp": // lib/gcp/serverless-function.ts, cloud-run-function.ts, function-triggers.ts, function-secrets.ts
      return [
        ...(fn.gcp?.platform === "cloud-run"
          ? [{ kind: `Cloud Run service in ${region}`, name: physicalName("gcpResource", name, "run") }]
          : [
              // A Cloud Run functions function is a Cloud Run service of that name, built by its own account.
              { kind: `Cloud Run service in ${region}`, name: physicalName("gcpResource", name) },
              { kind: GCP_SERVICE_ACCOUNT, name: physicalName("gcpServiceAccount", name, "build") },
            ]),
        { kind: GCP_SERVICE_ACCOUNT, name: physicalName("gcpServiceAccount", name) },
        ...(fn.queue ? [{ kind: "Pub/Sub topic", name: physicalName("gcpResource", name, "queue") }] : []),
        ...(fn.schedules.length > 0
          ? [{ kind: GCP_SERVICE_ACCOUNT, name: physicalName("gcpServiceAccount", name, "sched") }]
          : []),
        ...fn.schedules.map((_, i) => ({
          kind: `Cloud Scheduler job in ${region}`,
          name: physicalName("gcpResource", name, "schedule", String(i)),
        })),
        // The log bucket exists whenever logRetentionDays is given (gcpFunctionLogs), whatever the number of days.
        ...(fn.logRetentionGiven ? gcpLogRouting(name) : []),
        ...secretKeys.map((key) => ({ kind: "Secret Manager secret", name: physicalName("gcpSecretId", name, key) })),
      ];
    case "azure": // lib/azure/serverless-function.ts, function-secrets.ts
      return [{ kind: "Azure resource group", name: physicalName("azureResourceGroup", name), ...AZURE }];
    case "cloudflare": // lib/cloudflare/serverless-function.ts
      return [
        { kind: "Cloudflare Workers script", name: physicalName("cloudflareWorker", name) },
        ...(fn.queue
          ? [
              { kind: "Cloudflare queue", name: physicalName("cloudflareQueue", name, "queue") },
              { kind: "Cloudflare queue", name: physicalName("cloudflareQueue", name, "dlq") },
            ]
          : []),
      ];
  }
}

/**
 * Google Cloud global external load balancer pieces, named `<name>-<part>` (lib/gcp/api-gateway.ts and
 * lib/gcp/multi-region-service/front.ts): each kind of Compute Engine resource has its own project-wide names, so an
 * ApiGateway and a MultiRegionService of one name would share them.
 */
function gcpLoadBalancerClaims(name: string, parts: Record<string, string[]>): PhysicalNameClaim[] {
  return Object.entries(parts).flatMap(([kind, suffixes]) =>
    suffixes.map((suffix) => ({ kind, name: physicalName("gcpResource", name, suffix) })),
  );
}

/** ApiGateway: the gateway's names where the cloud keys on them (an AWS HTTP API name need not be unique). */
export function apiNameClaims(api: {
  readonly name: string;
  readonly placement: ParsedPlacement;
  readonly domain?: { readonly name: string };
  readonly accessLogs: { readonly enabled: boolean; readonly retentionDays?: number };
}): PhysicalNameClaim[] {
  const { name, placement, domain } = api;
  const region = placement.region ?? "";
  switch (placement.cloud) {
    case "aws": // lib/aws/api-gateway.ts
      return [
        ...(api.accessLogs.enabled
          ? [logGroup(region, `/aws/apigateway/${physicalName("awsLogGroupPart", name)}`)]
          : []),
        // A custom domain name exists once per account and region.
        ...(domain ? [{ kind: `API Gateway custom domain in ${region}`, name: domain.name, ...DNS }] : []),
      ];
    case "gcp": // lib/gcp/api-gateway.ts
      return [
        { kind: "Google API Gateway API", name: physicalName("gcpApiId", name) },
        { kind: `Google API Gateway gateway in ${region}`, name: physicalName("gcpApiId", name, "gw") },
        { kind: GCP_SERVICE_ACCOUNT, name: physicalName("gcpServiceAccount", name, "gw") },
        ...(api.accessLogs.retentionDays !== undefined ? gcpLogRouting(name) : []),
        ...(domain
          ? [
              { kind: `Compute network endpoint group in ${region}`, name: physicalName("gcpResource", name, "neg") },
              ...gcpLoadBalancerClaims(name, {
                "Compute global address": ["ip"],
                "Compute backend service": ["backend"],
                "Compute URL map": ["urlmap"],
                "Compute SSL policy": ["tls"],
                "Compute target HTTPS proxy": ["https"],
                "Compute global forwarding rule": ["https"],
              }),
            ]
          : []),
      ];
    case "azure": // lib/azure/api-gateway.ts
      return [{ kind: "Azure resource group", name: physicalName("azureResourceGroup", name, "api"), ...AZURE }];
    case "cloudflare": // lib/cloudflare/api-gateway.ts: the router is a Worker like any function's
      return [{ kind: "Cloudflare Workers script", name: physicalName("cloudflareWorker", name, "router") }];
  }
}

/** What of a resolved FailoverDns decides its named resources. */
export interface DnsClaimInput {
  readonly provider: string;
  readonly strategy: string;
  readonly fqdn: string;
  readonly zone: string;
  readonly endpoints: readonly { readonly id: string }[];
}

/**
 * FailoverDns: the public name itself (two components answering one name in one zone overwrite each other's records),
 * and the provider's named resources.
 */
export function dnsNameClaims(name: string, r: DnsClaimInput): PhysicalNameClaim[] {
  const record: PhysicalNameClaim = { kind: `${r.provider} DNS name`, name: r.fqdn, ...DNS };
  switch (r.provider) {
    case "azure-traffic-manager": // lib/azure/failover-dns.ts, traffic-manager-geo.ts
      return [
        record,
        { kind: "Azure Traffic Manager profile", name: physicalName("azureGeneric", name), ...AZURE },
        ...(r.strategy === "geo"
          ? r.endpoints.map((e) => ({
              kind: "Azure Traffic Manager profile",
              name: physicalName("azureGeneric", name, e.id),
              ...AZURE,
            }))
          : []),
      ];
    case "gcp-cloud-dns": // lib/gcp/failover-dns.ts
      return [record, { kind: "Compute health check", name: physicalName("gcpResource", name, "dns-health") }];
    case "cloudflare": // lib/cloudflare/failover-dns.ts: pools are named per account
      return [
        record,
        ...r.endpoints.map((e) => ({
          kind: "Cloudflare load balancer pool",
          name: physicalName("cloudflareLbPool", name, e.id),
        })),
      ];
    default:
      return [record];
  }
}

/**
 * The fields that force a new AWS target group, and its name carrying their hash (lib/aws/multi-region-service/
 * load-balancer.ts says why): one derivation for the expansion and the claim.
 */
export function awsTargetGroup(name: string, region: string, port: number) {
  const forcing = { port, protocol: "HTTP", targetType: "ip" } as const;
  return { forcing, name: physicalName("awsTargetGroup", name, region, shortHash(JSON.stringify(forcing), 6)) };
}

/** What of a validated MultiRegionService decides its named resources. */
export interface ServiceClaimInput {
  readonly name: string;
  readonly port: number;
  readonly front: string;
  readonly strategy: string;
  readonly regions: readonly { cloud: string; region: string; label: string; drained: boolean; weight: number }[];
  readonly dns?: { readonly provider: string; readonly fqdn: string; readonly zone: string };
  readonly logRetentionGiven: boolean;
}

/** MultiRegionService: per region, the service's compute and its load balancer, and the global front's names. */
export function serviceNameClaims(spec: ServiceClaimInput): PhysicalNameClaim[] {
  const name = spec.name;
  const clouds = new Set(spec.regions.map((r) => r.cloud));
  const regional = spec.regions.flatMap(({ cloud, region, label }): PhysicalNameClaim[] => {
    switch (cloud) {
      case "aws": // lib/aws/multi-region-service/load-balancer.ts, ecs.ts
        return [
          { kind: `AWS load balancer in ${region}`, name: physicalName("awsLoadBalancer", name, region) },
          { kind: `AWS target group in ${region}`, name: awsTargetGroup(name, region, spec.port).name },
          { kind: `ECS cluster in ${region}`, name: physicalName("awsEcs", name) },
          logGroup(region, `/meridian/ecs/${physicalName("awsEcs", name)}`),
        ];
      case "gcp": // lib/gcp/multi-region-service/region.ts
        return [
          { kind: `Cloud Run service in ${region}`, name: physicalName("gcpResource", name) },
          ...(spec.logRetentionGiven ? gcpLogRouting(name, label) : []),
          ...(spec.front === "gcp-lb"
            ? [{ kind: `Compute network endpoint group in ${region}`, name: physicalName("gcpResource", name, region) }]
            : []),
        ];
      case "azure": // lib/azure/multi-region-service/region.ts
        return [
          { kind: "Azure resource group", name: physicalName("azureResourceGroup", name, region), ...AZURE },
          {
            kind: `Azure Container App in ${region}`,
            name: physicalName("azureContainerApp", name, region),
            ...AZURE,
          },
        ];
      default:
        return [];
    }
  });
  const global: PhysicalNameClaim[] = [];
  // The public name: the nested FailoverDns's names (lib/multi-region-service.ts, dnsFront), or the Global
  // Accelerator's alias record.
  if (spec.dns && spec.front !== "azure-frontdoor") {
    const provider = spec.dns.provider;
    if (spec.front === "global-accelerator") global.push({ kind: `${provider} DNS name`, name: spec.dns.fqdn, ...DNS });
    else
      global.push(
        ...dnsNameClaims(`${name}-dns`, {
          provider,
          strategy: spec.front === "gcp-lb" ? "weighted" : spec.strategy,
          fqdn: spec.dns.fqdn,
          zone: spec.dns.zone,
          endpoints: spec.front === "gcp-lb" ? [{ id: "global" }] : spec.regions.map((r) => ({ id: r.label })),
        }),
      );
  }
  // lib/aws/multi-region-service/index.ts: one execution role for every region.
  if (clouds.has("aws")) global.push({ ...IAM, name: physicalName("awsIamRole", name, "execution") });
  // lib/gcp/multi-region-service/index.ts: one service account for every region.
  if (clouds.has("gcp")) global.push({ kind: GCP_SERVICE_ACCOUNT, name: physicalName("gcpServiceAccount", name) });
  if (spec.front === "gcp-lb") {
    // lib/gcp/multi-region-service/front.ts: weighted has a backend per serving region, named by region.
    const serving = spec.regions.filter((r) => !r.drained && (spec.strategy !== "weighted" || r.weight > 0));
    global.push(
      ...gcpLoadBalancerClaims(name, {
        "Compute global address": ["ip"],
        "Compute backend service": spec.strategy === "weighted" ? serving.map((r) => r.region) : ["backend"],
        "Compute URL map": ["urlmap", "redirect"],
        "Compute SSL policy": ["tls"],
        "Compute target HTTPS proxy": ["https"],
        "Compute target HTTP proxy": ["http"],
        "Compute global forwarding rule": ["https", "http"],
      }),
    );
  }
  if (spec.front === "azure-frontdoor")
    // lib/azure/multi-region-service/front.ts: the profile lives in the front's own resource group.
    global.push({ kind: "Azure resource group", name: physicalName("azureResourceGroup", name, "front"), ...AZURE });
  return [...regional, ...global];
}
