import { CLOUDFLARE_MIN_INTERVAL, HealthDefaults } from "./capabilities";
import type { CloudflarePlan, DnsProvider } from "./types";

/**
 * Health-check presets. `standard` is the per-provider default of `healthDefaults`; `fast` is the shortest interval,
 * threshold, timeout and TTL each provider documents, at the price each provider charges for it. Fields the user gives
 * always win over a preset: a preset only fills what was left out.
 */
export type HealthPreset = "standard" | "fast";
export const HEALTH_PRESETS: readonly HealthPreset[] = ["standard", "fast"];

/**
 * TTL of the `fast` preset wherever clients resolve the endpoint themselves (Route 53 records that are not aliases,
 * Traffic Manager, Cloud DNS, a DNS-only Cloudflare load balancer). Route 53, Traffic Manager and Cloud DNS accept 0,
 * but a zero TTL makes every lookup a billed query and many resolvers do not honour it (RFC 2308 §5 lets them clamp);
 * 10 s keeps the caching term of the worst case small without that.
 */
export const FAST_TTL_SECONDS = 10;

/** A probe timeout short enough for a health endpoint yet above a cross-continent TLS handshake. */
export const FAST_TIMEOUT_SECONDS = 2;

/**
 * `fast` defaults per provider:
 * - Route 53: the 10 s "fast" request interval (the other choice is 30 s; fast interval is an optional feature billed
 *   per health check per month, aws.amazon.com/route53/pricing) and a failure threshold of 1 (allowed 1-10,
 *   docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html). The probe timeout is fixed.
 * - Traffic Manager: the 10 s "fast probing" interval (10 or 30 s, billed as fast endpoint health checks,
 *   azure.microsoft.com/pricing/details/traffic-manager), toleratedNumberOfFailures 0 (threshold 1) and its minimum
 *   timeout of 5 s (5-9 s with a 10 s interval, learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring).
 * - Cloudflare: the plan's minimum monitor interval (pro 60, business 15, enterprise 10 s,
 *   developers.cloudflare.com/load-balancing/monitors), consecutive_down 1 and no retries.
 * - Cloud DNS: 30 s is already the floor for health checks with source regions (the only kind Cloud DNS routing can
 *   use for external endpoints, cloud.google.com/dns/docs/zones/manage-routing-policies); threshold 1.
 */
export function fastHealthDefaults(provider: DnsProvider, plan: CloudflarePlan = "pro"): HealthDefaults {
  switch (provider) {
    case "route53":
      return { intervalSeconds: 10, failureThreshold: 1 };
    case "azure-traffic-manager":
      return { intervalSeconds: 10, failureThreshold: 1, timeoutSeconds: 5 };
    case "cloudflare":
      return {
        intervalSeconds: CLOUDFLARE_MIN_INTERVAL[plan],
        failureThreshold: 1,
        timeoutSeconds: FAST_TIMEOUT_SECONDS,
      };
    case "gcp-cloud-dns":
      return { intervalSeconds: 30, failureThreshold: 1, timeoutSeconds: FAST_TIMEOUT_SECONDS };
  }
}

/** Immediate retries of a timed-out Cloudflare probe under `fast`: none, so one missed probe counts. */
export const FAST_CLOUDFLARE_RETRIES = 0;

/**
 * Why a provider's `fast` preset stays above 30 s, for the docs and the bench (undefined when it can reach 30 s).
 */
export function fastPresetFloorReason(provider: DnsProvider, plan: CloudflarePlan = "pro"): string | undefined {
  if (provider === "gcp-cloud-dns")
    return "Cloud DNS health checks with source regions take an interval of at least 30 s, so detection alone is 30 s plus the probe timeout";
  if (provider === "cloudflare" && plan === "pro")
    return "the Pro plan's shortest monitor interval is 60 s (Business 15 s, Enterprise 10 s)";
  return undefined;
}
