import * as pulumi from "@pulumi/pulumi";
import type { ServiceAlarms } from "../alarms/args";
import type { ServiceChildrenByCloud } from "../children";
import type { HealthPreset } from "../dns/presets";
import type { Cloud, CloudOf, Placement } from "../placement";
import type { TransformsFor } from "../transform";

/** How the global front spreads traffic across regions. */
export type ServiceStrategy = "latency" | "failover" | "weighted";

/** DNS providers a `MultiRegionService` can front its regions with (through `FailoverDns`). */
export type ServiceDnsProvider = "route53" | "cloudflare";

/** The container every region runs. */
export interface ServiceContainer {
  /**
   * Image reference, pulled by every region (use a registry every region can reach, or a per-region mirror).
   * @example
   * image: "ghcr.io/acme/api:1.4.2"
   */
  image: pulumi.Input<string>;
  /**
   * Port the container listens on (HTTP). Default 8080.
   * @default 8080
   * @example
   * port: 3000
   */
  port?: number;
  /**
   * vCPUs per instance. Default 1. Checked against Fargate, Cloud Run and Container Apps sizes.
   * @default 1
   * @example
   * cpu: 0.5
   */
  cpu?: number;
  /**
   * Memory per instance in MiB. Default 2048. Checked together with `cpu` for each region's platform.
   * @default 2048
   * @example
   * memoryMb: 1024
   */
  memoryMb?: number;
  /**
   * Environment variables (values may be Pulumi outputs; secret outputs stay secret in the plan).
   * @default {}
   * @example
   * environment: { LOG_LEVEL: "info" }
   */
  environment?: Record<string, pulumi.Input<string>>;
  /**
   * Secret environment variables, kept secret end to end: each region stores them in its cloud's secret store
   * (AWS Secrets Manager, Google Secret Manager, Container Apps secrets) and the container references them, so no
   * value appears in the task definition, service or app configuration, nor in the plan. Only the service's own
   * identity may read them. A new value rolls the instances (AWS, Google Cloud). Put secrets here, not in
   * `environment`, whose values are stored in the service's configuration in clear.
   * @default {} (none)
   * @example
   * secrets: { DB_PASSWORD: config.requireSecret("dbPassword") }
   */
  secrets?: Record<string, pulumi.Input<string>>;
  /**
   * Overrides the image's command.
   * @default the image's command
   * @example
   * command: ["node", "server.js"]
   */
  command?: string[];
}

export type { HealthPreset } from "../dns/presets";

/** The application health check every layer uses (target group, probes, origin probes, DNS checks). */
export interface ServiceHealthCheck {
  /**
   * `standard` or `fast`: the defaults of the fields below, and of every front's own checks and TTL. `fast` takes
   * the shortest interval, threshold, timeout and TTL each provider documents (and its cost: Route 53 fast-interval
   * checks, a Cloudflare plan's monitor minimum, Front Door probe traffic); a field given here still wins.
   * @default "standard"
   * @example
   * preset: "fast"
   */
  preset?: HealthPreset;
  /**
   * HTTP path that answers 200 when the instance can serve. Default `/healthz`.
   * @default "/healthz"
   * @example
   * path: "/ready"
   */
  path?: string;
  /**
   * Seconds between checks (5-300). Default 10; 5 with preset `fast` or the Global Accelerator front (the ALB's fastest).
   * @default 10
   * @example
   * intervalSeconds: 10
   */
  intervalSeconds?: number;
  /**
   * Consecutive failures before an instance or region counts as unhealthy (2-10). Default 3; 2 with preset `fast` or
   * the Global Accelerator front (the ALB's minimum).
   * @default 3
   * @example
   * failureThreshold: 2
   */
  failureThreshold?: number;
  /**
   * Seconds a check may take (2-60, less than `intervalSeconds`). Default 5 (at most interval - 1); 2 with preset `fast`.
   * @default 5
   * @example
   * timeoutSeconds: 4
   */
  timeoutSeconds?: number;
}

/** DNS front options: the public name, and the provider account details `FailoverDns` needs. */
export interface ServiceDns {
  /**
   * DNS provider of the zone.
   * @example
   * provider: "route53"
   */
  provider: ServiceDnsProvider;
  /**
   * The zone (apex domain).
   * @example
   * zone: "example.com"
   */
  zone: string;
  /**
   * The record within the zone; the service answers on `<record>.<zone>`.
   * @example
   * record: "api"
   */
  record: string;
  /**
   * Route 53 options. Without `zoneId` the hosted zone is looked up by `zone`.
   * @default {} (the zone id looked up from `zone`)
   * @example
   * route53: { zoneId: "Z0123456789ABCDEF" }
   */
  route53?: { zoneId?: pulumi.Input<string> };
  /**
   * Cloudflare options (required with `provider: "cloudflare"`). Load Balancing is a paid add-on; `plan` sets
   * the fastest monitor interval (pro 60 s, business 15 s, enterprise 10 s). Default plan "pro".
   * @default undefined (required with provider "cloudflare")
   * @example
   * cloudflare: { accountId: "0123…", zoneId: "abcd…", plan: "business" }
   */
  cloudflare?: {
    accountId: pulumi.Input<string>;
    zoneId: pulumi.Input<string>;
    plan?: "pro" | "business" | "enterprise";
    /**
     * The account has Cloudflare's Traffic Steering add-on (needed for `latency` on plans other than Enterprise).
     * @default false (true is assumed on "enterprise")
     */
    trafficSteering?: boolean;
  };
}

/** What answers for the public name of an all-AWS service. */
export type ServiceFront = "route53" | "global-accelerator";

/** How traffic reaches the regions. */
export interface ServiceRouting {
  /**
   * AWS only. `route53` (the default with `dns.provider: "route53"`): DNS failover records over the regional ALBs.
   * `global-accelerator`: one AWS Global Accelerator (two static anycast IPs; one endpoint group per region holding
   * its ALB) with the name an alias (Route 53) or a DNS-only CNAME (Cloudflare) to it, so failover, drain and manual
   * failover change no DNS answer. It costs a fixed $0.025 per hour (about $18 a month) plus a data-transfer premium
   * per GB on top of normal data transfer (aws.amazon.com/global-accelerator/pricing). Switching replaces the
   * front's resources only (docs/multi-region-service.md, "Fronts").
   * @default "route53" (with a Cloudflare zone: Cloudflare's load balancer)
   * @example
   * front: "global-accelerator"
   */
  front?: ServiceFront;
  /**
   * `latency` (closest healthy region, default), `failover` (all traffic to the primary until it is unhealthy),
   * `weighted` (split by `perRegion[...].weight`, default 1 each).
   * @default "latency"
   * @example
   * strategy: "failover"
   */
  strategy?: ServiceStrategy;
  /**
   * Public DNS name and provider. Required for AWS (ACM certificate and Route 53 / Cloudflare records), for
   * mixed clouds and for Google Cloud (managed certificate); optional for Azure (Front Door gives an
   * `azurefd.net` name).
   * @default undefined (the front's own name: the load balancer's, accelerator's or Front Door's)
   * @example
   * dns: { provider: "route53", zone: "example.com", record: "api" }
   */
  dns?: ServiceDns;
}

/** Per-placement overrides. */
export interface ServiceRegionOverride {
  /**
   * @default `container.cpu`
   * @example cpu: 2
   */
  cpu?: number;
  /**
   * @default `container.memoryMb`
   * @example memoryMb: 4096
   */
  memoryMb?: number;
  /**
   * Instances kept running in this region (ECS desired count, Cloud Run / Container Apps min instances).
   * @default the service's `count`
   * @example
   * count: 4
   */
  count?: number;
  /**
   * Extra or replaced environment variables for this region.
   * @default {} (only `container.environment`)
   * @example
   * environment: { DB_HOST: "db.eu.internal" }
   */
  environment?: Record<string, pulumi.Input<string>>;
  /**
   * Share of traffic with `strategy: "weighted"`: 0-1000 behind Azure Front Door (its origin weights), 0-255 on the
   * other fronts (Route 53 and Global Accelerator weights). 0 takes the region out of rotation. Default 1.
   * @default 1
   * @example
   * weight: 3
   */
  weight?: number;
}

/** AWS-only options. */
export interface ServiceAwsOptions {
  /**
   * Run tasks in private subnets behind one NAT gateway per AZ instead of public subnets with public IPs.
   * Default false (cheaper, faster to create; tasks still only accept traffic from the ALB).
   * @example
   * aws: { privateNetworking: true }
   */
  privateNetworking?: boolean;
}

/** Azure-only options. */
export interface ServiceAzureOptions {
  /**
   * How the Container Apps that Front Door sends traffic to can be reached.
   *
   * - `"public"`: external ingress on the internet. Front Door is the way in, but **not the only one**: each app
   *   also answers at its own `*.azurecontainerapps.io` URL (the `endpoints` output). Container Apps ingress filters
   *   only by IPv4 CIDR ranges (https://learn.microsoft.com/azure/container-apps/ip-restrictions): no service tag such
   *   as `AzureFrontDoor.Backend` and no header rule for `X-Azure-FDID`, so it cannot tell one Front Door from
   *   another; Microsoft: "there is currently no way (other than in application code) to restrict access to the ACA
   *   public IP address from a single Azure Front Door instance"
   *   (https://techcommunity.microsoft.com/blog/fasttrackforazureblog/integrating-azure-front-door-waf-with-azure-container-apps/3729081).
   *   Check `X-Azure-FDID` in the app against the Front Door id if that matters
   *   (https://learn.microsoft.com/azure/frontdoor/origin-security).
   * - `"private-link"`: Front Door **Premium** reaches each region's environment over Private Link and the
   *   environments refuse public traffic (`publicNetworkAccess: "Disabled"`, a workload-profiles environment on the
   *   Consumption profile), as in "Create a private link to an Azure Container App with Azure Front Door"
   *   (https://learn.microsoft.com/azure/container-apps/how-to-integrate-with-azure-front-door). Each private endpoint
   *   connection must be **approved** once before Front Door can use it (https://learn.microsoft.com/azure/frontdoor/private-link):
   *   `az network private-endpoint-connection list --id <environment id>` then `... approve --id <connection id>`;
   *   until then Front Door answers with an error. Premium costs more than Standard (https://azure.microsoft.com/pricing/details/frontdoor/).
   *   The `endpoints` URLs then refuse requests: they are listed for reference only.
   * @default "public"
   * @example
   * azure: { originAccess: "private-link" }
   */
  originAccess?: "public" | "private-link";
}

/**
 * Per-child transforms of a MultiRegionService whose regions are on the clouds `C`: each key is a child one of
 * those clouds creates, typed with its SDK args (the key lists per cloud are in docs/transforms.md).
 */
export type MultiRegionServiceTransforms<C extends Cloud = Cloud> = TransformsFor<ServiceChildrenByCloud, C>;

export interface MultiRegionServiceArgs<P extends Placement = Placement> {
  /**
   * Where the service runs; the first entry is the primary for `failover`.
   * @example
   * regions: ["aws:us-east-1", "aws:eu-west-1", "aws:ap-southeast-1"]
   */
  regions: P[];
  /** @example container: { image: "ghcr.io/acme/api:1.4.2", port: 8080, cpu: 1, memoryMb: 2048 } */
  container: ServiceContainer;
  /**
   * @default {} (`preset` "standard" on path "/healthz")
   * @example healthCheck: { path: "/healthz", intervalSeconds: 10, failureThreshold: 3 }
   */
  healthCheck?: ServiceHealthCheck;
  /**
   * @default { strategy: "latency" }
   * @example routing: { strategy: "latency", dns: { provider: "route53", zone: "example.com", record: "api" } }
   */
  routing?: ServiceRouting;
  /**
   * Manual failover: the region that takes the traffic with `strategy: "failover"`. Changing it only moves
   * traffic; nothing is replaced or deleted.
   * @default the first of `regions`
   * @example
   * primary: "aws:eu-west-1"
   */
  primary?: Placement;
  /**
   * Regions kept deployed but sent no traffic (maintenance, incident, pre-warming).
   * @default []
   * @example
   * drained: ["aws:ap-southeast-1"]
   */
  drained?: Placement[];
  /**
   * Overrides by placement.
   * @default {}
   * @example
   * perRegion: { "aws:us-east-1": { count: 4, cpu: 2, memoryMb: 4096 } }
   */
  perRegion?: Partial<Record<Placement, ServiceRegionOverride>>;
  /**
   * Instances per region unless overridden. Default 2 on AWS (one per AZ), 1 on Cloud Run and Container Apps
   * (minimum instances, so health-based failover has a signal).
   * @default 2 on AWS, 1 on Cloud Run and Container Apps
   * @example
   * count: 3
   */
  count?: number;
  /**
   * Days to keep the containers' logs in every region, checked by each region's cloud rule (the same as
   * ServerlessFunction's): AWS CloudWatch Logs values (1, 3, 5, 7, 14, 30, ... 3653); Azure 30-730 (Log Analytics);
   * Google Cloud 1-3650 (each region's Cloud Run logs go to a log bucket of their own, excluded from `_Default`).
   * @default 30 (on Google Cloud: the project's `_Default` log bucket, 30 days unless the project changed it)
   * @example
   * logRetentionDays: 90
   */
  logRetentionDays?: number;
  /**
   * Error-rate and p99-latency alarms per region, and a health alarm per region when the front sees it
   * unhealthy (a failover), sent to `notify` (docs/alarms.md).
   * @default undefined (no alarms)
   * @example alarms: { notify: { email: ["oncall@example.com"] } }
   */
  alarms?: ServiceAlarms;
  /**
   * @default {}
   * @example aws: { privateNetworking: true }
   */
  aws?: ServiceAwsOptions;
  /**
   * @default {}
   * @example azure: { originAccess: "private-link" }
   */
  azure?: ServiceAzureOptions;
  /**
   * Changes the args of a child before it is created: an object merged over the args, or a function
   * `(args, opts, name) => void`. A key that no cloud of `regions` creates is refused.
   * @default {}
   * @example
   * transform: { service: { enableExecuteCommand: true } }
   * @example
   * transform: { service: (args) => { args.enableExecuteCommand = true; } }
   * (A name in a Cloudflare zone adds that zone's children: `acceleratorRecord` is then a Cloudflare record.)
   */
  transform?: MultiRegionServiceTransforms<CloudOf<P> | "cloudflare">;
}
