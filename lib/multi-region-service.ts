import * as pulumi from "@pulumi/pulumi";
import { requireCloudSdks } from "./core/cloud-sdk";
import type { FailoverDnsArgs } from "./failover-dns";
import type { AwsRegionEndpoint } from "./aws/multi-region-service";
import { CLOUDFLARE_MIN_INTERVAL, DEFAULT_CLOUDFLARE_RETRIES } from "./core/dns/capabilities";
import { ELB_DNS_TTL_SECONDS } from "./core/failover-time";
import { FAST_CLOUDFLARE_RETRIES } from "./core/dns/presets";
import { MultiRegionServiceArgs, RegionSpec, ServiceSpec, validateServiceArgs } from "./core/service";
import { serviceFrontAlarms, serviceRegionAlarms, warnGaps } from "./alarms";
import { claimPhysicalNames, delegateClaims } from "./core/physical-names";
import { serviceNameClaims } from "./core/physical-name-claims";
import { ResolvedAlarms, resolveAlarms } from "./core/alarms";
import { ConfigError } from "./core/errors";
import type { Cloud } from "./core/placement";
import type { DnsAlarms } from "./core/alarms/args";

export type {
  MultiRegionServiceArgs,
  ServiceContainer,
  ServiceHealthCheck,
  ServiceRouting,
  ServiceDns,
  ServiceRegionOverride,
  ServiceStrategy,
} from "./core/service";
export { criticalPathSeconds, criticalPath, TYPICAL_CREATE_SECONDS } from "./core/service";

/** A front-facing endpoint of one region: what DNS or a global front points at. */
interface RegionEndpoint {
  key: string;
  address: pulumi.Output<string>;
  url: pulumi.Output<string>;
  /** What `address` is, declared by the expansion that makes it (an output's text cannot be classified here). */
  addressKind: "ipv4" | "hostname";
  /** Route 53 alias zone of an AWS load balancer. */
  aliasZoneId?: pulumi.Output<string>;
}

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
export class MultiRegionService extends pulumi.ComponentResource {
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

  constructor(name: string, args: MultiRegionServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    const spec = validateServiceArgs(name, args);
    const alarms = serviceAlarms(spec, args);
    claimPhysicalNames(spec.component, serviceNameClaims(spec));
    // The nested FailoverDns's names were claimed just now, as this component's.
    if (spec.dns && spec.front !== "azure-frontdoor" && spec.front !== "global-accelerator")
      delegateClaims(`FailoverDns "${name}-dns"`, spec.component);
    requireCloudSdks(
      spec.component,
      "regions",
      spec.regions.map((r) => r.cloud),
    );
    if (spec.dns)
      requireCloudSdks(spec.component, "routing.dns.provider", [
        spec.dns.provider === "route53" ? "aws" : "cloudflare",
      ]);
    super("meridian:index:MultiRegionService", name, {}, opts);
    for (const resolved of Object.values(alarms)) warnGaps(this, resolved);
    if (alarms[spec.regions[0].cloud]?.health) this.frontAlarms = { health: true, notify: args.alarms!.notify };

    const of = (cloud: RegionSpec["cloud"]) => spec.regions.filter((r) => r.cloud === cloud);
    const endpoints: RegionEndpoint[] = [];
    let url: pulumi.Output<string> | undefined;
    let failoverSeconds: pulumi.Output<number> | undefined;

    if (of("aws").length > 0) {
      const { createAwsService, route53ZoneId } =
        require("./aws/multi-region-service") as typeof import("./aws/multi-region-service");
      const certificateDns =
        spec.dns!.provider === "route53"
          ? { kind: "route53" as const, zoneId: route53ZoneId(spec, this) }
          : { kind: "external" as const, createRecord: this.cloudflareRecordFactory(spec) };
      const aws = createAwsService(this, spec, of("aws"), certificateDns);
      // An ALB is reached through its DNS name.
      endpoints.push(...aws.map((e) => ({ ...e, addressKind: "hostname" as const })));
      for (const region of aws)
        if (alarms.aws)
          serviceRegionAlarms(
            this,
            alarms.aws,
            region.alarmTarget,
            spec.transform,
            spec.front === "global-accelerator",
          );
      if (spec.front === "global-accelerator") {
        // The front's health alarms are Route 53 health-check alarms; this front has no health checks of its own
        // (it acts on the ALBs' target health), so say so instead of dropping the alarm silently.
        if (this.frontAlarms)
          pulumi.log.warn(
            `${spec.component}: alarms.health is not created with routing.front "global-accelerator" yet (the ALB request alarms are); see docs/alarms.md`,
            this,
          );
        const front = this.acceleratorFront(spec, new Map(aws.map((e) => [e.key, e.loadBalancer])));
        url = pulumi.output(`https://${spec.dns!.fqdn}`);
        failoverSeconds = pulumi.output(front.failoverSeconds);
      }
    }
    if (of("gcp").length > 0) {
      const { createGcpService } = require("./gcp/multi-region-service") as typeof import("./gcp/multi-region-service");
      const gcp = createGcpService(this, spec, of("gcp"));
      endpoints.push(...gcp.endpoints);
      for (const region of gcp.endpoints)
        if (alarms.gcp) serviceRegionAlarms(this, alarms.gcp, region.alarmTarget, spec.transform);
      if (gcp.front) {
        if (alarms.gcp)
          serviceFrontAlarms(this, alarms.gcp, gcp.front.alarmTarget, of("gcp")[0].region, spec.transform);
        // The load balancer is the front; DNS only maps the name to its anycast address.
        // DNS only (never proxied): a Google-managed certificate provisions only while the name resolves to the LB.
        // The anycast address is an IPv4 address: an A record (a CNAME's value must be a name, RFC 1034 §3.6.2).
        this.dnsFront(
          spec,
          [{ id: "global", address: gcp.front.address.address, addressKind: gcp.front.addressKind }],
          "weighted",
          undefined,
          { dnsOnly: true },
        );
        url = gcp.front.url;
        failoverSeconds = pulumi.output(gcp.front.failoverSeconds);
      }
    }
    if (of("azure").length > 0) {
      const { createAzureService } =
        require("./azure/multi-region-service") as typeof import("./azure/multi-region-service");
      const azure = createAzureService(this, spec, of("azure"));
      endpoints.push(...azure.endpoints);
      if (azure.front) {
        if (alarms.azure)
          serviceFrontAlarms(this, alarms.azure, azure.front.alarmTarget, of("azure")[0].region, spec.transform);
        url = azure.front.url;
        failoverSeconds = pulumi.output(azure.front.failoverSeconds);
      }
    }
    if (spec.front === "dns") {
      const byKey = new Map(endpoints.map((e) => [e.key, e]));
      const dns = this.dnsFront(
        spec,
        spec.regions.map((r, i) => ({
          id: r.label,
          address: byKey.get(r.key)!.address,
          addressKind: byKey.get(r.key)!.addressKind,
          region: r.key,
          // Priorities follow the listed order and never change: a manual failover is FailoverDns's `primary`,
          // which moves traffic without swapping record roles (Route 53 cannot swap PRIMARY/SECONDARY in place).
          priority: i + 1,
          weight: spec.strategy === "weighted" ? r.weight : undefined,
          enabled: !r.drained,
          aliasZoneId: spec.dns!.provider === "route53" ? byKey.get(r.key)!.aliasZoneId : undefined,
        })),
        spec.strategy,
        spec.strategy === "failover" && !spec.regions[0].primary
          ? spec.regions.find((r) => r.primary)!.label
          : undefined,
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
   * The Global Accelerator front and the public name pointing at it: a Route 53 alias, or a DNS-only Cloudflare CNAME.
   * Drain, manual failover and failover itself change only dials, never the DNS answer.
   */
  private acceleratorFront(spec: ServiceSpec, albs: Map<string, AwsRegionEndpoint["loadBalancer"]>) {
    const { acceleratorAliasRecord, createAcceleratorFront, route53ZoneId } =
      require("./aws/multi-region-service") as typeof import("./aws/multi-region-service");
    const front = createAcceleratorFront(this, spec, albs);
    const dns = spec.dns!;
    if (dns.provider === "route53") {
      acceleratorAliasRecord(this, spec, route53ZoneId(spec, this), front);
    } else {
      const { cloudflareAcceleratorRecord } =
        require("./cloudflare/multi-region-service/accelerator-record") as typeof import("./cloudflare/multi-region-service/accelerator-record");
      cloudflareAcceleratorRecord(this, `${spec.name}-accelerator-record`, {
        zoneId: dns.cloudflare!.zoneId,
        fqdn: dns.fqdn,
        target: front.dnsName,
        transform: spec.transform,
      });
    }
    return front;
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
    const dns = spec.dns!;
    const hc = spec.healthCheck;
    const args: FailoverDnsArgs = {
      provider: dns.provider,
      zone: dns.zone,
      record: dns.record,
      strategy,
      endpoints,
      primary,
      // The front's health checks are the regions' health: a failing one is a failover (docs/alarms.md).
      alarms: this.frontAlarms,
    };
    const given = (k: (typeof hc.explicit)[number]) => hc.explicit.includes(k);
    const fast = hc.preset === "fast";
    if (dns.provider === "route53") {
      const { route53ZoneId } = require("./aws/multi-region-service") as typeof import("./aws/multi-region-service");
      // Route 53 checks every 10 or 30 s and its probe timeout is fixed. `fast` leaves interval, threshold and TTL to
      // FailoverDns's fast preset (10 s x 1, TTL 10 s) and sends no alias zone, so the records are health-checked
      // CNAMEs with that TTL instead of aliases pinned to the ALB's 60 s (the name is never the apex here).
      args.healthCheck = {
        preset: hc.preset,
        path: hc.path,
        protocol: "HTTPS",
        port: 443,
        intervalSeconds: !fast || given("intervalSeconds") ? (hc.intervalSeconds <= 10 ? 10 : 30) : undefined,
        failureThreshold: !fast || given("failureThreshold") ? hc.failureThreshold : undefined,
      };
      if (!fast) args.ttlSeconds = ELB_DNS_TTL_SECONDS;
      else endpoints = endpoints.map(({ aliasZoneId: _alias, ...e }) => e);
      args.endpoints = endpoints;
      args.route53 = { zoneId: route53ZoneId(spec, this) };
    } else {
      const plan = dns.cloudflare!.plan ?? "pro";
      const retries = fast ? FAST_CLOUDFLARE_RETRIES : DEFAULT_CLOUDFLARE_RETRIES;
      const intervalSeconds = Math.max(hc.intervalSeconds, CLOUDFLARE_MIN_INTERVAL[plan]);
      // Timeout x (1 + retries) must stay under the interval; Cloudflare allows 1-10 s.
      const timeoutSeconds = Math.max(
        1,
        Math.min(hc.timeoutSeconds, 10, Math.floor((intervalSeconds - 1) / (1 + retries))),
      );
      args.healthCheck = {
        preset: hc.preset,
        path: hc.path,
        protocol: "HTTPS",
        port: 443,
        intervalSeconds: !fast || given("intervalSeconds") ? intervalSeconds : undefined,
        failureThreshold: !fast || given("failureThreshold") ? hc.failureThreshold : undefined,
        timeoutSeconds: !fast || given("timeoutSeconds") ? timeoutSeconds : undefined,
      };
      args.cloudflare = {
        accountId: dns.cloudflare!.accountId,
        zoneId: dns.cloudflare!.zoneId,
        plan,
        ...(dns.cloudflare!.trafficSteering !== undefined ? { trafficSteering: dns.cloudflare!.trafficSteering } : {}),
        ...(options.dnsOnly ? { proxied: false } : {}),
      };
      // Cloud Run and Container Apps route by Host: the proxy must present each origin's own name to it.
      const hostRouted = new Map(
        endpoints
          .filter((e) => spec.regions.some((r) => r.label === e.id && r.cloud !== "aws"))
          .map((e) => [`${spec.name}-dns-${e.id}-pool`, e.address]),
      );
      args.transform = {
        pool: (poolArgs: any, _opts, poolName) => {
          const host = hostRouted.get(poolName);
          if (host !== undefined)
            poolArgs.origins = poolArgs.origins.map((o: any) => ({ ...o, header: { hosts: [host] } }));
        },
      };
    }
    return new FailoverDns(`${spec.name}-dns`, args, { parent: this });
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
    const dnsCloud: Cloud = spec.dns!.provider === "route53" ? "aws" : "cloudflare";
    resolveAlarms(spec.component, spec.name, { health: true, notify: args.alarms.notify }, dnsCloud, "dns");
  }
  return out;
}
