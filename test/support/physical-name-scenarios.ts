import * as path from "node:path";
import { ApiGateway, FailoverDns, MultiRegionService, ServerlessFunction } from "../../lib";
import { NAME_RULES } from "../../lib/core/naming";
import type { PlanResource } from "../../lib/testing";
import { FakeFunction } from "../fixtures/api-fake-function";

/**
 * Programs that, between them, create every kind of resource Meridian gives a unique physical name, and a table that
 * reads those names back out of a plan. test/physical-names.kinds.test.ts checks the claims of lib/core/
 * physical-name-claims.ts against it, and test/property.names.test.ts generates hostile names for the same programs.
 */

const ENTRY = path.join(__dirname, "..", "fixtures", "function-hello.ts");
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const every = "rate(5 minutes)";

/** A named resource as the plan shows it: what must be unique where, its name, and whether the cloud ignores case. */
export interface PlannedName {
  readonly kind: string;
  readonly name: string;
  readonly caseInsensitive: boolean;
  /** The longest name the cloud takes for this kind. */
  readonly max: number;
}

type Inputs = Record<string, any>;
const at = (kind: string, field: string, max: number, region?: (i: Inputs) => string, caseInsensitive = false) => ({
  kind,
  field,
  max,
  region,
  caseInsensitive,
});
/** The longest names the expansions may set, from lib/core/naming.ts (each rule's limit is the cloud's). */
const R = NAME_RULES;
/** "Log group names can be between 1 and 512 characters long" (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html). */
const LOG_GROUP_MAX = 512;
const aws = (i: Inputs) => i.region;
const loc = (i: Inputs) => i.location;
const reg = (i: Inputs) => i.region;

/**
 * Resource type → the input that holds its unique name and the claim kind it must appear under. Worldwide names
 * (GCS buckets, Azure storage accounts, function apps, Key Vaults, APIM, Traffic Manager labels, Front Door endpoints)
 * are left out: each carries its component's random seed (lib/core/global-name.ts), so none is shared. Case rules: Azure
 * names are case-insensitive (https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/
 * resource-name-rules), IAM role names too (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
 */
export const NAMED_RESOURCES: Record<string, ReturnType<typeof at>[]> = {
  "aws:lambda/function:Function": [at("AWS Lambda function in", "name", R.awsLambda.max, aws)],
  "aws:iam/role:Role": [at("AWS IAM role", "name", R.awsIamRole.max, undefined, true)],
  "aws:cloudwatch/logGroup:LogGroup": [at("CloudWatch log group in", "name", LOG_GROUP_MAX, aws)],
  "aws:sqs/queue:Queue": [at("SQS queue in", "name", R.awsSqs.max, aws)],
  "aws:scheduler/schedule:Schedule": [
    at("EventBridge schedule in", "name", R.awsSchedule.max, (i) => `${i.region} (default group)`),
  ],
  "aws:lb/loadBalancer:LoadBalancer": [at("AWS load balancer in", "name", R.awsLoadBalancer.max, aws)],
  "aws:lb/targetGroup:TargetGroup": [at("AWS target group in", "name", R.awsTargetGroup.max, aws)],
  "aws:ecs/cluster:Cluster": [at("ECS cluster in", "name", R.awsEcs.max, aws)],
  "aws:apigatewayv2/domainName:DomainName": [at("API Gateway custom domain in", "domainName", 253, aws, true)],
  "gcp:cloudfunctionsv2/function:Function": [at("Cloud Run service in", "name", R.gcpResource.max, loc)],
  "gcp:cloudrunv2/service:Service": [at("Cloud Run service in", "name", R.gcpResource.max, loc)],
  "gcp:serviceaccount/account:Account": [at("Google service account", "accountId", R.gcpServiceAccount.max)],
  "gcp:pubsub/topic:Topic": [at("Pub/Sub topic", "name", R.gcpResource.max)],
  "gcp:cloudscheduler/job:Job": [at("Cloud Scheduler job in", "name", R.gcpResource.max, reg)],
  // Log bucket ids are left out too: each carries the hash of a seed of its own (lib/gcp/log-bucket.ts).
  "gcp:logging/projectSink:ProjectSink": [at("Cloud Logging sink", "name", R.gcpResource.max)],
  "gcp:logging/projectExclusion:ProjectExclusion": [at("Cloud Logging exclusion", "name", R.gcpResource.max)],
  "gcp:secretmanager/secret:Secret": [at("Secret Manager secret", "secretId", R.gcpSecretId.max)],
  "gcp:apigateway/api:Api": [at("Google API Gateway API", "apiId", R.gcpApiId.max)],
  "gcp:apigateway/gateway:Gateway": [at("Google API Gateway gateway in", "gatewayId", R.gcpApiId.max, reg)],
  "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup": [
    at("Compute network endpoint group in", "name", R.gcpResource.max, reg),
  ],
  "gcp:compute/globalAddress:GlobalAddress": [at("Compute global address", "name", R.gcpResource.max)],
  "gcp:compute/backendService:BackendService": [at("Compute backend service", "name", R.gcpResource.max)],
  "gcp:compute/uRLMap:URLMap": [at("Compute URL map", "name", R.gcpResource.max)],
  "gcp:compute/sSLPolicy:SSLPolicy": [at("Compute SSL policy", "name", R.gcpResource.max)],
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy": [at("Compute target HTTPS proxy", "name", R.gcpResource.max)],
  "gcp:compute/targetHttpProxy:TargetHttpProxy": [at("Compute target HTTP proxy", "name", R.gcpResource.max)],
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": [
    at("Compute global forwarding rule", "name", R.gcpResource.max),
  ],
  "gcp:compute/healthCheck:HealthCheck": [at("Compute health check", "name", R.gcpResource.max)],
  "azure-native:resources:ResourceGroup": [
    at("Azure resource group", "resourceGroupName", R.azureResourceGroup.max, undefined, true),
  ],
  "azure-native:trafficmanager:Profile": [
    at("Azure Traffic Manager profile", "profileName", R.azureGeneric.max, undefined, true),
  ],
  "azure-native:app:ContainerApp": [
    at("Azure Container App in", "containerAppName", R.azureContainerApp.max, loc, true),
  ],
  "cloudflare:index/workersScript:WorkersScript": [
    at("Cloudflare Workers script", "scriptName", R.cloudflareWorker.max),
  ],
  "cloudflare:index/queue:Queue": [at("Cloudflare queue", "queueName", R.cloudflareQueue.max)],
  "cloudflare:index/loadBalancerPool:LoadBalancerPool": [
    at("Cloudflare load balancer pool", "name", R.cloudflareLbPool.max),
  ],
};

/** Every unique physical name the plan's resources set, by the table above. */
export function plannedNames(resources: readonly PlanResource[]): PlannedName[] {
  return resources.flatMap((r) =>
    (NAMED_RESOURCES[r.type] ?? []).map((f) => {
      const name = f.field.split(".").reduce<any>((o, k) => o?.[k], r.inputs);
      const where = f.region?.(r.inputs);
      const kind = where === undefined ? f.kind : `${f.kind} ${where}`;
      return { kind, name, caseInsensitive: f.caseInsensitive, max: f.max };
    }),
  );
}

/** The key two names collide on: their kind and the name, folded where the cloud ignores case. */
export const nameKey = (n: { kind: string; name: string; caseInsensitive?: boolean }) =>
  `${n.kind}\u0000${n.caseInsensitive ? n.name.toLowerCase() : n.name}`;

/** One program per component and cloud, with the options that make each named resource kind appear. */
export interface NameScenario {
  readonly label: string;
  readonly component: "ServerlessFunction" | "ApiGateway" | "FailoverDns" | "MultiRegionService";
  /** Creates the component named `name` (ApiGateway scenarios also create the fake function it routes to). */
  readonly make: (name: string) => void;
}

const fn = (target: string, extra: Record<string, unknown>) => (name: string) =>
  void new ServerlessFunction(name, {
    target,
    entry: ENTRY,
    ...(target === "cloudflare" ? { cloudflare: { accountId: ACCOUNT } } : {}),
    ...extra,
  } as never);
const api =
  (target: string, domain?: string, extra: Record<string, unknown> = {}) =>
  (name: string) =>
    void new ApiGateway(name, {
      target,
      routes: { "GET /x": new FakeFunction(`${name}-target`, target) },
      ...(domain ? { domain } : {}),
      ...extra,
    } as never);
// Each program answers its own record, so two programs never share a DNS name unless a test means them to.
let records = 0;
const record = () => `r${++records}`;
const dns = (args: Record<string, unknown>) => (name: string) =>
  void new FailoverDns(name, { zone: "example.com", record: record(), ...args } as never);
const service = (args: Record<string, unknown>) => (name: string) =>
  void new MultiRegionService(name, { container: { image: "ghcr.io/acme/api:1" }, ...args } as never);
const route53 = () => ({ dns: { provider: "route53", zone: "example.com", record: record() } });

export const NAME_SCENARIOS: NameScenario[] = [
  {
    label: "AWS function with a queue, a schedule and secrets",
    component: "ServerlessFunction",
    make: fn("aws:us-east-1", {
      secrets: { TOKEN: "x" },
      triggers: [{ type: "queue" }, { type: "schedule", schedule: every }],
    }),
  },
  {
    label: "Google function with a schedule, secrets and 60-day logs",
    component: "ServerlessFunction",
    make: fn("gcp:europe-west1", {
      secrets: { TOKEN: "x" },
      logRetentionDays: 60,
      triggers: [{ type: "http" }, { type: "schedule", schedule: every }],
    }),
  },
  {
    label: "Google queue function",
    component: "ServerlessFunction",
    make: fn("gcp:europe-west1", { triggers: [{ type: "queue" }] }),
  },
  {
    label: "Azure function with secrets and a queue",
    component: "ServerlessFunction",
    make: fn("azure:westeurope", { secrets: { TOKEN: "x" }, triggers: [{ type: "http" }, { type: "queue" }] }),
  },
  {
    label: "Cloudflare queue function",
    component: "ServerlessFunction",
    make: fn("cloudflare", { triggers: [{ type: "queue" }] }),
  },
  { label: "AWS API with a domain", component: "ApiGateway", make: api("aws:us-east-1", "api.example.com") },
  {
    label: "Google API with a domain and 90-day logs",
    component: "ApiGateway",
    make: api("gcp:europe-west1", "api.example.com", { accessLogs: { retentionDays: 90 } }),
  },
  { label: "Azure API", component: "ApiGateway", make: api("azure:westeurope") },
  { label: "Cloudflare API", component: "ApiGateway", make: api("cloudflare") },
  {
    label: "Traffic Manager geo",
    component: "FailoverDns",
    make: dns({
      provider: "azure-traffic-manager",
      strategy: "geo",
      endpoints: [
        { id: "eu", address: "eu.northwind-origins.net", geo: ["GEO-EU"] },
        { id: "world", address: "us.northwind-origins.net", geo: ["WORLD"] },
      ],
      azure: { resourceGroupName: "rg-dns" },
    }),
  },
  {
    label: "Cloud DNS failover",
    component: "FailoverDns",
    make: dns({
      provider: "gcp-cloud-dns",
      strategy: "failover",
      endpoints: [
        { id: "a", address: "34.1.1.1", region: "gcp:us-east4" },
        { id: "b", address: "34.1.1.2", region: "gcp:europe-west1" },
      ],
      gcp: { managedZone: "example-com" },
    }),
  },
  {
    label: "Cloudflare load balancer",
    component: "FailoverDns",
    make: dns({
      provider: "cloudflare",
      strategy: "failover",
      endpoints: [
        { id: "a", address: "a.northwind-origins.net" },
        { id: "b", address: "b.northwind-origins.net" },
      ],
      cloudflare: { accountId: ACCOUNT, zoneId: ACCOUNT },
    }),
  },
  {
    label: "AWS service behind Route 53",
    component: "MultiRegionService",
    make: (name) => service({ regions: ["aws:us-east-1"], routing: route53() })(name),
  },
  {
    label: "Google service behind the global load balancer (weighted, 14-day logs)",
    component: "MultiRegionService",
    make: (name) =>
      service({
        regions: ["gcp:europe-west1", "gcp:us-east4"],
        logRetentionDays: 14,
        routing: { strategy: "weighted", ...route53() },
      })(name),
  },
  {
    label: "Google service behind the global load balancer (latency)",
    component: "MultiRegionService",
    make: (name) =>
      service({
        regions: ["gcp:europe-west1"],
        routing: { strategy: "latency", ...route53() },
      })(name),
  },
  {
    label: "Azure service behind Front Door",
    component: "MultiRegionService",
    make: service({ regions: ["azure:westeurope", "azure:northeurope"] }),
  },
];
