import { CLOUDFLARE_GEO_REGIONS } from "./geo";
import type { CloudflarePlan, DnsProvider, DnsStrategy, HealthProtocol } from "./types";

/**
 * What each provider can do natively (Route 53: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html; Cloud DNS: https://cloud.google.com/dns/docs/routing-policies-overview; Traffic Manager: https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods; Cloudflare: https://developers.cloudflare.com/load-balancing/understand-basics/traffic-steering/steering-policies/). A combination that is not here is a
 * ConfigError that names the alternative, never an approximation the user did not ask for.
 */
export const STRATEGY_SUPPORT: Record<DnsProvider, Partial<Record<DnsStrategy, string>>> = {
  route53: {
    failover: "failoverRoutingPolicies PRIMARY/SECONDARY (chained aliases beyond two tiers)",
    latency: "latencyRoutingPolicies",
    weighted: "weightedRoutingPolicies",
    geo: "geolocationRoutingPolicies + default (*) record",
  },
  cloudflare: {
    failover: 'steeringPolicy "off" (defaultPools in priority order)',
    latency: 'steeringPolicy "dynamic_latency"',
    weighted: 'steeringPolicy "random" + randomSteering.poolWeights',
    geo: 'steeringPolicy "geo" + regionPools/countryPools',
  },
  "azure-traffic-manager": {
    failover: "trafficRoutingMethod Priority",
    latency: "trafficRoutingMethod Performance",
    weighted: "trafficRoutingMethod Weighted",
    geo: "trafficRoutingMethod Geographic + WORLD catch-all",
  },
  "gcp-cloud-dns": {
    failover: "routingPolicy.primaryBackup",
    weighted: "routingPolicy.wrrs",
    geo: "routingPolicy.geos",
  },
};

/** Why a strategy is missing on a provider, and what to use instead. */
export const STRATEGY_ALTERNATIVES: Partial<Record<DnsProvider, Partial<Record<DnsStrategy, string>>>> = {
  "gcp-cloud-dns": {
    latency:
      'Cloud DNS has no latency routing; use strategy "geo" (each endpoint answers for its GCP region and Cloud DNS picks the region nearest the resolver), or provider "route53", "cloudflare" or "azure-traffic-manager" for measured latency',
  },
};

/** Health-probe limits of one provider (sources beside each provider's entry). */
export interface HealthLimits {
  /** Allowed intervals: an explicit set, or a minimum. */
  intervals: { oneOf: readonly number[] } | { min: number; max: number };
  threshold: { min: number; max: number };
  /** Undefined when the timeout is fixed by the provider (Route 53). */
  timeout?: { min: number; max: (intervalSeconds: number) => number; help: string };
  protocols: readonly HealthProtocol[];
}

/**
 * Minimum Cloudflare monitor interval per plan (60 / 15 / 10 s):
 * https://developers.cloudflare.com/load-balancing/monitors/create-monitor/ ("Interval").
 */
export const CLOUDFLARE_MIN_INTERVAL: Record<CloudflarePlan, number> = { pro: 60, business: 15, enterprise: 10 };

export function healthLimits(provider: DnsProvider, plan: CloudflarePlan = "pro"): HealthLimits {
  const protocols: readonly HealthProtocol[] = ["HTTPS", "HTTP", "TCP"];
  switch (provider) {
    case "route53":
      // RequestInterval 10 or 30, FailureThreshold 1-10: https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
      return { intervals: { oneOf: [10, 30] }, threshold: { min: 1, max: 10 }, protocols };
    case "azure-traffic-manager":
      // Traffic Manager: 5-10 s with a 30 s interval, 5-9 s with the 10 s "fast" interval; 0-9 tolerated failures
      // (https://learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring#configure-endpoint-monitoring).
      return {
        intervals: { oneOf: [10, 30] },
        threshold: { min: 1, max: 10 },
        timeout: {
          min: 5,
          max: (i) => (i === 10 ? 9 : 10),
          help: "5-10 s with a 30 s interval, 5-9 s with a 10 s interval",
        },
        protocols,
      };
    case "cloudflare":
      // Retries and timeout: https://developers.cloudflare.com/api/resources/load_balancers/subresources/monitors/
      return {
        intervals: { min: CLOUDFLARE_MIN_INTERVAL[plan], max: 3600 },
        threshold: { min: 1, max: 10 },
        timeout: { min: 1, max: () => 10, help: "1-10 s" },
        protocols,
      };
    case "gcp-cloud-dns":
      // A health check with sourceRegions (the only kind Cloud DNS can use for external endpoints) needs >= 30 s
      // (https://cloud.google.com/compute/docs/reference/rest/v1/healthChecks, "sourceRegions").
      return {
        intervals: { min: 30, max: 300 },
        threshold: { min: 1, max: 10 },
        timeout: { min: 1, max: (i) => i, help: "1 s up to the interval" },
        protocols,
      };
  }
}

/** Defaults per provider; the failover time each gives is in docs/failover-dns.md (generated from lib/core/failover-time.ts). */
export interface HealthDefaults {
  intervalSeconds: number;
  failureThreshold: number;
  /** Undefined for Route 53: its probe timeout is fixed. */
  timeoutSeconds?: number;
}

export function healthDefaults(provider: DnsProvider, plan: CloudflarePlan = "pro"): HealthDefaults {
  switch (provider) {
    case "route53":
      // RequestInterval 10 or 30, FailureThreshold 1-10: https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
      return { intervalSeconds: 10, failureThreshold: 2 };
    case "azure-traffic-manager":
      return { intervalSeconds: 10, failureThreshold: 2, timeoutSeconds: 5 };
    case "cloudflare":
      // Retries and timeout: https://developers.cloudflare.com/api/resources/load_balancers/subresources/monitors/
      return { intervalSeconds: CLOUDFLARE_MIN_INTERVAL[plan], failureThreshold: 1, timeoutSeconds: 5 };
    case "gcp-cloud-dns":
      return { intervalSeconds: 30, failureThreshold: 1, timeoutSeconds: 5 };
  }
}

/**
 * Endpoint weights each provider takes. Route 53: 0-255 (ResourceRecordSet Weight,
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html). Traffic Manager: 1-1000
 * ("Possible values are from 1 to 1000",
 * https://learn.microsoft.com/rest/api/trafficmanager/endpoints/create-or-update). Cloudflare: pool weights are 0-1
 * with three decimals, relative to the other pools (API schema load-balancing_random_steering); Meridian scales them
 * against the largest, so up to 1000 the smallest positive one is still at least 0.001. Cloud DNS: any non-negative
 * weight, traffic in proportion (WrrPolicyItem,
 * https://cloud.google.com/dns/docs/reference/rest/v1/resourceRecordSets); Meridian caps it at 1000 as well.
 */
export const WEIGHT_RANGE: Record<DnsProvider, { min: number; max: number }> = {
  route53: { min: 0, max: 255 },
  "azure-traffic-manager": { min: 1, max: 1000 },
  cloudflare: { min: 0, max: 1000 },
  "gcp-cloud-dns": { min: 0, max: 1000 },
};

/** Default DNS TTL of the answers. */
export const DEFAULT_TTL_SECONDS = 30;
/** Default immediate retries of a timed-out Cloudflare probe. */
export const DEFAULT_CLOUDFLARE_RETRIES = 1;
/** Default Cloud DNS health-check source regions: one per continent with GCP's DNS checkers. */
export const DEFAULT_GCP_HEALTH_REGIONS = ["us-east4", "europe-west1", "asia-southeast1"] as const;
/** Default Cloudflare probe regions (Pro/Business cannot probe from every data centre). */
export const DEFAULT_CLOUDFLARE_CHECK_REGIONS = ["WNAM", "ENAM", "WEU", "EEU", "SEAS"] as const;
/**
 * Cloudflare monitor regions (pool checkRegions): the load-balancing regions geo steering uses, plus ALL_REGIONS,
 * which probes from every region and is for Enterprise accounts only (API schema load-balancing_check_regions:
 * "ALL_REGIONS: all regions (ENTERPRISE customers only)",
 * https://developers.cloudflare.com/api/resources/load_balancers/subresources/pools/methods/create/; monitors,
 * "All Regions": https://developers.cloudflare.com/load-balancing/monitors/).
 */
export const CLOUDFLARE_REGIONS = [...CLOUDFLARE_GEO_REGIONS, "ALL_REGIONS"] as const;
/** Route 53 health-checker regions. */
export const ROUTE53_CHECKER_REGIONS = [
  "us-east-1",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "sa-east-1",
] as const;
