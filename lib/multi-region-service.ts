import * as pulumi from "@pulumi/pulumi";
import { requireCloudSdks } from "./core/cloud-sdk";
import type { FailoverDnsArgs } from "./failover-dns";
import { MultiRegionServiceArgs, RegionEndpoint, ServiceSpec, validateServiceArgs } from "./core/service";
import {
  checkDnsFront,
  dnsFrontArgs,
  dnsFrontName,
  frontPrimary,
  regionalFrontEndpoints,
} from "./core/service/dns-front";
import { serviceFrontAlarms, serviceRegionAlarms, warnGaps } from "./alarms";
import { AWS_SERVICE_CHILDREN } from "./aws/children";
import { AZURE_SERVICE_CHILDREN } from "./azure/children";
import { CLOUDFLARE_SERVICE_CHILDREN } from "./cloudflare/children";
import { ResolvedAlarms, resolveAlarms } from "./core/alarms";
import type { DnsAlarms } from "./core/alarms/args";
import { DNS_PROVIDER_CLOUD, ServiceBackend } from "./core/backend";
import { ConfigError } from "./core/errors";
import { claimPhysicalNames, delegateClaims } from "./core/physical-names";
import { claimDefaultSinkExclusions } from "./core/log-exclusions";
import { serviceNameClaims } from "./core/physical-name-claims";
import { CLOUDS, Cloud, Placement } from "./core/placement";
import { checkTransformKeys } from "./core/transform";
import { GCP_SERVICE_CHILDREN } from "./gcp/children";

export type {
  MultiRegionServiceArgs,
  ServiceContainer,
  ServiceHealthCheck,
  ServiceRouting,
  ServiceDns,
  ServiceRegionOverride,
  ServiceStrategy,
  MultiRegionServiceTransforms,
} from "./core/service";

/**
 * Each cloud's regional expansion, loaded only when a region is on it. Cloudflare runs no containers here:
 * validation refuses a Cloudflare region, and the entry says so, so a new cloud must decide.
 */
const SERVICE_BACKENDS: Record<Cloud, (() => ServiceBackend) | undefined> = {
  aws: () => (require("./aws/multi-region-service") as typeof import("./aws/multi-region-service")).createAwsService,
  gcp: () => (require("./gcp/multi-region-service") as typeof import("./gcp/multi-region-service")).createGcpService,
  azure: () =>
    (require("./azure/multi-region-service") as typeof import("./azure/multi-region-service")).createAzureService,
  cloudflare: undefined,
};

/** The children `transform` may name, per cloud (checked against the types in each lib/<cloud>/children.ts). */
const SERVICE_CHILDREN: Record<Cloud, readonly string[]> = {
  aws: AWS_SERVICE_CHILDREN,
  gcp: GCP_SERVICE_CHILDREN,
  azure: AZURE_SERVICE_CHILDREN,
  cloudflare: CLOUDFLARE_SERVICE_CHILDREN,
};

/**
 * One containerized service in many regions behind one global front, with health-based failover.
 *
 * Each region is expanded natively and on its own (no region depends on another, so all regions deploy in
 * parallel): AWS = VPC + ALB (HTTPS, ACM) + ECS Fargate; Google Cloud = Cloud Run v2 (+ serverless NEG);
 * Azure = Container Apps. The front: Route 53 or Cloudflare through `FailoverDns` for AWS and mixed clouds,
 * Google's global external load balancer for Google Cloud, Azure Front Door for Azure.
 *
 * @example
 * const api = new MultiRegionService("api", {
 *   regions: ["aws:us-east-1", "aws:eu-west-1"],
 *   container: { image: "ghcr.io/acme/api:1.4.2", port: 8080 },
 *   healthCheck: { path: "/healthz" },
 *   routing: { strategy: "latency", dns: { provider: "route53", zone: "example.com", record: "api" } },
 * });
 * export const url = api.url;
 */
export class MultiRegionService<P extends Placement = Placement> extends pulumi.ComponentResource {
  /** The global URL (`https://<record>.<zone>`, or the Front Door endpoint). */
  public readonly url: pulumi.Output<string>;
  /**
   * Placement → the region's own URL (for smoke tests and debugging a region directly). On Azure with Front Door
   * these URLs are public by default: Container Apps ingress cannot be limited to one Front Door, so clients can
   * go around it; with `azure: { originAccess: "private-link" }` they refuse public requests and are listed for
   * reference only (docs/multi-region-service.md).
   */
  public readonly endpoints: pulumi.Output<Record<string, string>>;
  /** Worst-case seconds from a region failing to clients being served elsewhere, for the front in use. */
  public readonly failoverSeconds: pulumi.Output<number>;
  /** Health alarms of the DNS front, when `alarms.health` is on. */
  private readonly frontAlarms?: DnsAlarms;

  constructor(name: string, args: MultiRegionServiceArgs<P>, opts?: pulumi.ComponentResourceOptions) {
    const spec = validateServiceArgs(name, args);
    const alarms = serviceAlarms(spec, args);
    const clouds = CLOUDS.filter((c) => spec.regions.some((r) => r.cloud === c));
    // A name in a Cloudflare zone adds Cloudflare children (the record at the accelerator) to the regions' clouds.
    const childClouds = spec.dns?.provider === "cloudflare" ? [...new Set([...clouds, "cloudflare" as const])] : clouds;
    checkTransformKeys(
      spec.transform,
      [...new Set(childClouds.flatMap((c) => SERVICE_CHILDREN[c]))],
      spec.component,
      `regions on ${clouds.join(", ")}${spec.dns?.provider === "cloudflare" ? " with a Cloudflare zone" : ""}`,
    );
    // The FailoverDns composed below, checked whole now: what it would refuse is this component's ConfigError.
    checkDnsFront(
      spec,
      alarms[spec.regions[0].cloud]?.health ? { health: true, notify: args.alarms!.notify } : undefined,
    );
    claimPhysicalNames(spec.component, serviceNameClaims(spec));
    // Each Google region's own log bucket adds an exclusion to the project's _Default sink (at most 50).
    claimDefaultSinkExclusions(
      spec.component,
      "logRetentionDays",
      spec.logRetentionGiven ? spec.regions.filter((r) => r.cloud === "gcp").length : 0,
    );
    // The nested FailoverDns's names were claimed just now, as this component's.
    if (spec.dns && spec.front !== "azure-frontdoor" && spec.front !== "global-accelerator")
      delegateClaims(`FailoverDns "${dnsFrontName(spec)}"`, spec.component);
    requireCloudSdks(spec.component, "regions", clouds);
    if (spec.dns) requireCloudSdks(spec.component, "routing.dns.provider", [DNS_PROVIDER_CLOUD[spec.dns.provider]]);
    const backends = clouds.map((cloud) => {
      const load = SERVICE_BACKENDS[cloud];
      // Validation refuses a region on a cloud without a service backend; this keeps the table honest.
      if (!load) throw new Error(`${spec.component}: no MultiRegionService backend for ${cloud}`);
      return { cloud, backend: load() };
    });
    super("meridian:index:MultiRegionService", name, {}, opts);
    for (const resolved of Object.values(alarms)) warnGaps(this, resolved);
    if (alarms[spec.regions[0].cloud]?.health) this.frontAlarms = { health: true, notify: args.alarms!.notify };

    const endpoints: RegionEndpoint[] = [];
    let url: pulumi.Output<string> | undefined;
    let failoverSeconds: pulumi.Output<number> | undefined;
    if (spec.front === "global-accelerator" && this.frontAlarms) {
      // The front's health alarms are Route 53 health-check alarms; this front has no health checks of its own
      // (it acts on the ALBs' target health), so say so instead of dropping the alarm silently.
      pulumi.log.warn(
        `${spec.component}: alarms.health is not created with routing.front "global-accelerator" yet (the ALB request alarms are); see docs/alarms.md`,
        this,
      );
    }
    for (const { cloud, backend } of backends) {
      const regions = spec.regions.filter((r) => r.cloud === cloud);
      const cloudflareZone = cloud === "aws" && spec.dns?.provider === "cloudflare";
      const result = backend(this, {
        service: spec,
        regions,
        externalRecord: cloudflareZone ? this.cloudflareRecordFactory(spec) : undefined,
        externalFrontRecord: cloudflareZone ? this.cloudflareFrontRecord(spec) : undefined,
      });
      endpoints.push(...result.endpoints);
      const regionAlarms = alarms[cloud];
      for (const region of result.endpoints)
        if (regionAlarms && region.alarmTarget)
          // Behind Global Accelerator no DNS health check watches the regions: each alarms on its own health.
          serviceRegionAlarms(
            this,
            regionAlarms,
            cloud,
            region.alarmTarget,
            spec.transform,
            spec.front === "global-accelerator",
          );
      if (result.front) {
        if (regionAlarms && result.front.alarmTarget)
          serviceFrontAlarms(this, regionAlarms, cloud, result.front.alarmTarget, regions[0].region, spec.transform);
        if (result.front.dns) {
          // DNS only (never proxied): a Google-managed certificate provisions only while the name resolves to the LB.
          // The anycast address is an IPv4 address: an A record (a CNAME's value must be a name, RFC 1034 §3.6.2).
          this.dnsFront(spec, [{ id: "global", ...result.front.dns }], "weighted", undefined, { dnsOnly: true });
        }
        url = result.front.url;
        failoverSeconds = pulumi.output(result.front.failoverSeconds);
      }
    }
    if (spec.front === "dns") {
      const byKey = new Map(endpoints.map((e) => [e.key, e]));
      const dns = this.dnsFront(
        spec,
        regionalFrontEndpoints(spec, (key) => byKey.get(key)!),
        spec.strategy,
        frontPrimary(spec),
      );
      url = pulumi.interpolate`https://${dns.fqdn}`;
      failoverSeconds = dns.failoverSeconds;
    }

    // Ordered as `regions` lists them, so the output is stable.
    const order = spec.regions.map((r) => r.key);
    endpoints.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    this.url = url!;
    this.failoverSeconds = failoverSeconds!;
    this.endpoints = pulumi
      .all(endpoints.map((e) => e.url))
      .apply((urls) => Object.fromEntries(endpoints.map((e, i) => [e.key, urls[i]])));
    this.registerOutputs({ url: this.url, endpoints: this.endpoints, failoverSeconds: this.failoverSeconds });
  }

  /**
   * The public name in a Cloudflare zone pointing at an AWS Global Accelerator (a DNS-only CNAME). Drain, manual
   * failover and failover itself change only the accelerator's dials, never the DNS answer.
   */
  private cloudflareFrontRecord(spec: ServiceSpec) {
    const { cloudflareAcceleratorRecord } =
      require("./cloudflare/multi-region-service/accelerator-record") as typeof import("./cloudflare/multi-region-service/accelerator-record");
    const dns = spec.dns!;
    return (target: pulumi.Output<string>) => {
      cloudflareAcceleratorRecord(this, `${spec.name}-accelerator-record`, {
        zoneId: dns.cloudflare!.zoneId,
        fqdn: dns.fqdn,
        target,
        transform: spec.transform,
      });
    };
  }

  /** Composes `FailoverDns` for the service's public name: the DNS front (or the name of a global front). */
  private dnsFront(
    spec: ServiceSpec,
    endpoints: FailoverDnsArgs["endpoints"],
    strategy: FailoverDnsArgs["strategy"],
    primary?: string,
    options: { dnsOnly?: boolean } = {},
  ) {
    const { FailoverDns } = require("./failover-dns") as typeof import("./failover-dns");
    let route53ZoneId: pulumi.Input<string> | undefined;
    if (spec.dns!.provider === "route53") {
      const aws = require("./aws/multi-region-service") as typeof import("./aws/multi-region-service");
      route53ZoneId = aws.route53ZoneId(spec, this);
    }
    const args = dnsFrontArgs(spec, endpoints, strategy, primary, {
      ...options,
      route53ZoneId,
      alarms: this.frontAlarms,
    });
    return new FailoverDns(dnsFrontName(spec), args, { parent: this });
  }

  /** ACM validation records for AWS regions whose name lives in a Cloudflare zone. */
  private cloudflareRecordFactory(spec: ServiceSpec) {
    const { cloudflareValidationRecord } =
      require("./cloudflare/multi-region-service/acm-validation") as typeof import("./cloudflare/multi-region-service/acm-validation");
    return (recordName: string, record: Parameters<typeof cloudflareValidationRecord>[3]) =>
      cloudflareValidationRecord(this, spec.dns!.cloudflare!.zoneId, recordName, record);
  }
}

/**
 * Validates `alarms` for every cloud the service spans, and for the DNS front's health alarms, before anything
 * is registered: request alarms per region on the region's cloud, health alarms on the front.
 */
function serviceAlarms(
  spec: ServiceSpec,
  args: MultiRegionServiceArgs,
): Partial<Record<Cloud, ResolvedAlarms & { gaps: string[] }>> {
  const out: Partial<Record<Cloud, ResolvedAlarms & { gaps: string[] }>> = {};
  if (args.alarms === undefined) return out;
  for (const cloud of new Set(spec.regions.map((r) => r.cloud)))
    out[cloud] = resolveAlarms(spec.component, spec.name, args.alarms, cloud, "service");
  // Azure's error rate is Front Door's: behind a DNS front, Container Apps have no ratio a metric alert evaluates.
  const azure = out.azure;
  if (azure?.errorRate && spec.front !== "azure-frontdoor") {
    const gap =
      "the Azure error rate is Front Door's Percentage5XX; behind a DNS front Container Apps publish 5xx only as counts, and a metric alert cannot divide";
    if (args.alarms.errorRate !== undefined)
      throw new ConfigError(spec.component, "alarms.errorRate", `${gap}; set it to false`);
    out.azure = { ...azure, errorRate: undefined, gaps: [...azure.gaps, `errorRate (azure): ${gap}`] };
  }
  const health = out[spec.regions[0].cloud]?.health;
  if (health && spec.dns && spec.front !== "azure-frontdoor") {
    const dnsCloud = DNS_PROVIDER_CLOUD[spec.dns.provider];
    resolveAlarms(spec.component, spec.name, { health: true, notify: args.alarms.notify }, dnsCloud, "dns");
  }
  return out;
}
