import {
  FailoverTime,
  cloudDnsFailoverTime,
  cloudflareFailoverTime,
  route53FailoverTime,
  trafficManagerFailoverTime,
} from "../failover-time";
import type { DnsProvider, HealthProtocol } from "./types";

export { route53ProbeTimeout } from "../failover-time";

/** What FailoverDns knows of a configuration, in its own (provider-neutral) names. */
export interface DnsTimingInputs {
  intervalSeconds: number;
  failureThreshold: number;
  /** The effective probe timeout (Route 53's fixed one included). */
  timeoutSeconds: number;
  protocol: HealthProtocol;
  ttlSeconds: number;
  /** Route 53: TTL of the alias targets, when any endpoint is an alias. */
  aliasTtlSeconds?: number;
  /** Cloudflare: monitor retries and whether the load balancer is proxied. */
  retries?: number;
  proxied?: boolean;
}

/**
 * FailoverDns's failover time: its neutral health-check fields mapped onto the provider's own parameters
 * (failureThreshold is Route 53's FailureThreshold, Cloudflare's consecutiveDown, Traffic Manager's
 * toleratedNumberOfFailures + 1 and Cloud DNS's unhealthyThreshold), then the provider's formula (lib/core/failover-time.ts).
 */
export function dnsFailoverTime(provider: DnsProvider, p: DnsTimingInputs): FailoverTime {
  switch (provider) {
    case "route53":
      return route53FailoverTime(p);
    case "cloudflare":
      return cloudflareFailoverTime({
        intervalSeconds: p.intervalSeconds,
        consecutiveDown: p.failureThreshold,
        timeoutSeconds: p.timeoutSeconds,
        retries: p.retries ?? 0,
        proxied: p.proxied ?? false,
        ttlSeconds: p.ttlSeconds,
      });
    case "azure-traffic-manager":
      return trafficManagerFailoverTime({
        intervalSeconds: p.intervalSeconds,
        toleratedNumberOfFailures: p.failureThreshold - 1,
        timeoutSeconds: p.timeoutSeconds,
        ttlSeconds: p.ttlSeconds,
      });
    case "gcp-cloud-dns":
      return cloudDnsFailoverTime({
        checkIntervalSeconds: p.intervalSeconds,
        unhealthyThreshold: p.failureThreshold,
        timeoutSeconds: p.timeoutSeconds,
        ttlSeconds: p.ttlSeconds,
      });
  }
}
