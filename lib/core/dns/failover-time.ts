import type { HealthProtocol } from "./types";

/**
 * Worst-case seconds for clients to move off a dead endpoint, per provider: detection (probe interval × consecutive
 * failures + probe timeout) plus the DNS TTL wherever clients resolve the endpoint themselves. Pure functions, so the
 * `failoverSeconds` output is known at plan time and tests can check them directly. Formulas: docs/failover-dns.md.
 */

/** Route 53's probe timeout is fixed: connect in 4 s + answer in 2 s for HTTP(S); connect in 10 s for TCP. */
export function route53ProbeTimeout(protocol: HealthProtocol): number {
  return protocol === "TCP" ? 10 : 6;
}

/** Route 53: `interval × failureThreshold + probe timeout + TTL` (TTL of an alias = its target's, 60 s for ELB/API Gateway). */
export function route53FailoverSeconds(p: {
  intervalSeconds: number;
  failureThreshold: number;
  protocol: HealthProtocol;
  ttlSeconds: number;
  aliasTtlSeconds?: number;
}): number {
  const ttl = Math.max(p.ttlSeconds, p.aliasTtlSeconds ?? 0);
  return p.intervalSeconds * p.failureThreshold + route53ProbeTimeout(p.protocol) + ttl;
}

/**
 * Cloudflare's limit for completing the TCP connection to an origin before it answers 522 (developers.cloudflare.com,
 * "Connection limits": Complete TCP Connection 15 s, not configurable).
 */
export const CLOUDFLARE_ORIGIN_CONNECT_SECONDS = 15;

/**
 * Cloudflare: monitor detection `interval × consecutiveDown + timeout × (1 + retries)`, plus the LB TTL when not proxied.
 * A proxied load balancer also has zero-downtime failover (`adaptiveRouting.failoverAcrossPools`, which Meridian turns
 * on whenever it proxies): a request whose origin cannot be reached is retried on the next pool as soon as the
 * connection fails, at most `CLOUDFLARE_ORIGIN_CONNECT_SECONDS` later, before any monitor has noticed. For a dead
 * endpoint that bound is the worst case; an endpoint that still accepts connections but fails its health check is
 * moved off after the monitor detection time (`cloudflareMonitorSeconds`).
 */
export function cloudflareFailoverSeconds(p: {
  intervalSeconds: number;
  failureThreshold: number;
  timeoutSeconds: number;
  retries: number;
  proxied: boolean;
  ttlSeconds: number;
}): number {
  const monitor = cloudflareMonitorSeconds(p);
  return p.proxied ? Math.min(monitor, CLOUDFLARE_ORIGIN_CONNECT_SECONDS) : monitor;
}

/** Cloudflare monitor-based detection (plus the TTL when DNS-only): what an unhealthy-but-reachable endpoint costs. */
export function cloudflareMonitorSeconds(p: {
  intervalSeconds: number;
  failureThreshold: number;
  timeoutSeconds: number;
  retries: number;
  proxied: boolean;
  ttlSeconds: number;
}): number {
  return p.intervalSeconds * p.failureThreshold + p.timeoutSeconds * (1 + p.retries) + (p.proxied ? 0 : p.ttlSeconds);
}

/** Traffic Manager: `interval × (toleratedNumberOfFailures + 1) + timeout + TTL`, where tolerated = failureThreshold − 1. */
export function azureFailoverSeconds(p: {
  intervalSeconds: number;
  failureThreshold: number;
  timeoutSeconds: number;
  ttlSeconds: number;
}): number {
  return p.intervalSeconds * p.failureThreshold + p.timeoutSeconds + p.ttlSeconds;
}

/** Cloud DNS: `checkIntervalSec × unhealthyThreshold + timeoutSec + TTL`. */
export function gcpFailoverSeconds(p: {
  intervalSeconds: number;
  failureThreshold: number;
  timeoutSeconds: number;
  ttlSeconds: number;
}): number {
  return p.intervalSeconds * p.failureThreshold + p.timeoutSeconds + p.ttlSeconds;
}
