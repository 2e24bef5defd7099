import * as pulumi from "@pulumi/pulumi";
import { CLOUDFLARE_MIN_INTERVAL, DEFAULT_CLOUDFLARE_RETRIES } from "../dns/capabilities";
import { FAST_CLOUDFLARE_RETRIES } from "../dns/presets";
import type { FailoverDnsArgs } from "../dns/types";
import { resolveFailoverDns } from "../dns/validate";
import { ConfigError, isConfigError } from "../errors";
import { ELB_DNS_TTL_SECONDS } from "../failover-time";
import type { DnsAlarms } from "../alarms/args";
import type { ServiceSpec } from "./validate";

/** What the DNS front needs of one region's endpoint (its expansion's outputs, or placeholders for the check). */
export interface FrontEndpointSource {
  readonly address: pulumi.Input<string>;
  /** What `address` is, declared by the expansion that makes it (an output's text cannot be classified here). */
  readonly addressKind: "ipv4" | "hostname";
  /** Route 53 alias zone of an AWS load balancer. */
  readonly aliasZoneId?: pulumi.Input<string>;
}

/** The name of the FailoverDns a MultiRegionService composes for its public name. */
export const dnsFrontName = (spec: Pick<ServiceSpec, "name">) => `${spec.name}-dns`;

/** The front's endpoints when DNS is the front: one per region, in the listed order. */
export function regionalFrontEndpoints(
  spec: ServiceSpec,
  source: (key: string) => FrontEndpointSource,
): FailoverDnsArgs["endpoints"] {
  return spec.regions.map((r, i) => ({
    id: r.label,
    address: source(r.key).address,
    addressKind: source(r.key).addressKind,
    region: r.key,
    // Priorities follow the listed order and never change: a manual failover is FailoverDns's `primary`,
    // which moves traffic without swapping record roles (Route 53 cannot swap PRIMARY/SECONDARY in place).
    priority: i + 1,
    weight: spec.strategy === "weighted" ? r.weight : undefined,
    enabled: !r.drained,
    aliasZoneId: spec.dns!.provider === "route53" ? source(r.key).aliasZoneId : undefined,
  }));
}

/** The manual failover override the DNS front carries, if any. */
export function frontPrimary(spec: ServiceSpec): string | undefined {
  return spec.strategy === "failover" && !spec.regions[0].primary
    ? spec.regions.find((r) => r.primary)!.label
    : undefined;
}

export interface DnsFrontOptions {
  /** The Route 53 hosted zone id (given or looked up). */
  readonly route53ZoneId?: pulumi.Input<string>;
  /** Never proxied (a Google-managed certificate provisions only while the name resolves to the LB). */
  readonly dnsOnly?: boolean;
  readonly alarms?: DnsAlarms;
}

/** The args of the composed FailoverDns: the service's public name, health check and routing, per provider. */
export function dnsFrontArgs(
  spec: ServiceSpec,
  endpoints: FailoverDnsArgs["endpoints"],
  strategy: FailoverDnsArgs["strategy"],
  primary: string | undefined,
  options: DnsFrontOptions,
): FailoverDnsArgs {
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
    alarms: options.alarms,
  };
  const given = (k: (typeof hc.explicit)[number]) => hc.explicit.includes(k);
  const fast = hc.preset === "fast";
  if (dns.provider === "route53") {
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
    else args.endpoints = endpoints.map(({ aliasZoneId: _alias, ...e }) => e);
    args.route53 = { zoneId: options.route53ZoneId! };
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
        .map((e) => [`${dnsFrontName(spec)}-${e.id}-pool`, e.address]),
    );
    args.transform = {
      pool: (poolArgs, _opts, poolName) => {
        const host = hostRouted.get(poolName);
        if (host !== undefined)
          poolArgs.origins = pulumi
            .output(poolArgs.origins)
            .apply((origins) => origins.map((o) => ({ ...o, header: { hosts: [host] } })));
      },
    };
  }
  return args;
}

/**
 * Validates, before the service registers anything, the FailoverDns it will compose: the same args with each
 * region's endpoint as a placeholder of the kind its expansion declares. Whatever the inner component would refuse
 * halfway through (after the regions were registered) is this component's ConfigError on `routing.dns` instead.
 */
export function checkDnsFront(spec: ServiceSpec, alarms: DnsAlarms | undefined): void {
  if (!spec.dns || spec.front === "azure-frontdoor" || spec.front === "global-accelerator") return;
  // As the expansions declare them: an ALB (with its alias zone), Cloud Run and Container Apps hostnames, and the
  // anycast IPv4 address of Google's load balancer.
  const placeholder = (addressKind: FrontEndpointSource["addressKind"], alias: boolean): FrontEndpointSource => ({
    address: pulumi.output("placeholder.invalid"),
    addressKind,
    ...(alias ? { aliasZoneId: pulumi.output("Z0000000000000000000") } : {}),
  });
  const cloudOf = (key: string) => spec.regions.find((r) => r.key === key)!.cloud;
  const route53ZoneId = spec.dns.route53?.zoneId ?? pulumi.output("Z0000000000000000000");
  const args =
    spec.front === "gcp-lb"
      ? dnsFrontArgs(spec, [{ id: "global", ...placeholder("ipv4", false) }], "weighted", undefined, {
          route53ZoneId,
          dnsOnly: true,
          alarms,
        })
      : dnsFrontArgs(
          spec,
          regionalFrontEndpoints(spec, (key) => placeholder("hostname", cloudOf(key) === "aws")),
          spec.strategy,
          frontPrimary(spec),
          { route53ZoneId, alarms },
        );
  try {
    resolveFailoverDns(dnsFrontName(spec), args);
  } catch (err) {
    if (!isConfigError(err)) throw err;
    const reason = err.message.slice(`${err.component}: ${err.field}: `.length);
    throw new ConfigError(
      spec.component,
      "routing.dns",
      `the FailoverDns "${dnsFrontName(spec)}" this service composes for its public name refuses ${err.field}: ${reason}`,
    );
  }
}
