/**
 * How long clients keep being sent to a dead endpoint, per provider and per front: one formula each, every constant
 * from the provider's public documentation (cited beside it). Pure functions of the provider's own parameters
 * (interval, threshold, timeout, TTL, ...), so `failoverSeconds` is known at plan time, a preset or a new front is
 * only new inputs, and `npm run bench` and docs/failover-dns.md print numbers from the same code.
 *
 * Each result is the WORST case: the endpoint dies just after a passing probe, every probe of the detection waits its
 * full timeout (a hung origin), and every resolver keeps the previous answer for the whole TTL. What it leaves out
 * (resolvers that ignore TTLs, clients that never re-resolve, long-lived connections) is listed in the docs.
 */

export type ProbeProtocol = "HTTPS" | "HTTP" | "TCP";

/** A failover time and its parts. */
export interface FailoverTime {
  /** The worst case: what `failoverSeconds` reports. */
  readonly seconds: number;
  /** Seconds until the provider stops routing to the endpoint. */
  readonly detectionSeconds: number;
  /** Seconds clients may keep the previous answer (DNS TTL); 0 behind an anycast proxy or load balancer. */
  readonly cachingSeconds: number;
  /** The arithmetic, for docs and error messages, e.g. "(10 + 6) × 2 + 30". */
  readonly derivation: string;
  /**
   * Best case, where a provider can move some requests before detection (proxied Cloudflare: a connection that
   * fails is retried on the next pool). Undefined when it is the same as the worst case.
   */
  readonly bestCaseSeconds?: number;
}

function time(detectionSeconds: number, cachingSeconds: number, derivation: string, best?: number): FailoverTime {
  return {
    seconds: detectionSeconds + cachingSeconds,
    detectionSeconds,
    cachingSeconds,
    derivation,
    ...(best !== undefined ? { bestCaseSeconds: best } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Route 53
// ---------------------------------------------------------------------------------------------------------------

/**
 * Route 53's probe timeout is fixed: an HTTP(S) check must connect within 4 s and answer 2xx/3xx within 2 s after
 * connecting; a TCP check must connect within 10 s ("How Amazon Route 53 determines whether a health check is
 * healthy", https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html).
 */
export const ROUTE53_HTTP_CONNECT_SECONDS = 4;
export const ROUTE53_HTTP_RESPONSE_SECONDS = 2;
export const ROUTE53_TCP_CONNECT_SECONDS = 10;

/** The fixed probe timeout of a Route 53 health check of this protocol. */
export function route53ProbeTimeout(protocol: ProbeProtocol): number {
  return protocol === "TCP"
    ? ROUTE53_TCP_CONNECT_SECONDS
    : ROUTE53_HTTP_CONNECT_SECONDS + ROUTE53_HTTP_RESPONSE_SECONDS;
}

/**
 * TTL clients get for an alias record to an Elastic Load Balancer: an alias takes its target's TTL and cannot set
 * its own (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html), and the
 * load balancer's DNS entry has a TTL of 60 s
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html).
 */
export const ELB_DNS_TTL_SECONDS = 60;

export interface Route53Timing {
  /** `RequestInterval` (10 or 30). */
  intervalSeconds: number;
  /** `FailureThreshold` (1-10). */
  failureThreshold: number;
  protocol: ProbeProtocol;
  /** TTL of the records (for an alias: give the target's in `aliasTtlSeconds`). */
  ttlSeconds: number;
  /** TTL of an alias target (ELB: `ELB_DNS_TTL_SECONDS`); the larger of the two is what clients cache. */
  aliasTtlSeconds?: number;
}

/**
 * Route 53: `(RequestInterval + probe timeout) × FailureThreshold + TTL`. `RequestInterval` is "the number of seconds
 * between the time that Amazon Route 53 gets a response from your endpoint and the time that it sends the next health
 * check request" (HealthCheckConfig, https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html):
 * counted from the last response, so against a hung endpoint each failed check takes interval + timeout.
 */
export function route53FailoverTime(p: Route53Timing): FailoverTime {
  const timeout = route53ProbeTimeout(p.protocol);
  const ttl = Math.max(p.ttlSeconds, p.aliasTtlSeconds ?? 0);
  return time(
    (p.intervalSeconds + timeout) * p.failureThreshold,
    ttl,
    `(${p.intervalSeconds} + ${timeout}) × ${p.failureThreshold} + ${ttl}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Cloudflare Load Balancing
// ---------------------------------------------------------------------------------------------------------------

/**
 * Cloudflare's limit for completing the TCP connection to an origin, after which it answers 522: 19 s, not
 * configurable ("Connection limits", https://developers.cloudflare.com/fundamentals/reference/connection-limits/).
 */
export const CLOUDFLARE_ORIGIN_CONNECT_SECONDS = 19;

/**
 * The only errors zero-downtime failover retries on another endpoint: "521, 522, 523, 525 or 526 ... No other error
 * codes will trigger a zero-downtime failover operation" ("Adaptive routing",
 * https://developers.cloudflare.com/load-balancing/understand-basics/adaptive-routing/). An app behind a load balancer
 * that dies answers 502/503 from that load balancer, and a hung origin times out with 524: neither is retried, so
 * only the monitor moves that traffic.
 */
export const CLOUDFLARE_RETRIED_STATUS_CODES: readonly number[] = [521, 522, 523, 525, 526];

export interface CloudflareTiming {
  /** Monitor `interval`. */
  intervalSeconds: number;
  /** Monitor `consecutiveDown`: failed probes before the origin is unhealthy. */
  consecutiveDown: number;
  /** Monitor `timeout` of one probe. */
  timeoutSeconds: number;
  /** Monitor `retries`: "The number of retries to attempt in case of a timeout ... Retries are attempted immediately" (API schema). */
  retries: number;
  /** Orange-clouded: clients resolve to Cloudflare's anycast addresses, so no TTL is in the path. */
  proxied: boolean;
  /** Load balancer `ttl` (used only when not proxied). */
  ttlSeconds: number;
}

/**
 * Cloudflare: monitor detection `interval × consecutiveDown + timeout × (1 + retries)` (a timed-out probe is retried
 * at once, so a hung origin costs every try's timeout), plus the TTL when DNS-only. Proxied, the worst case is the
 * monitor alone (see CLOUDFLARE_RETRIED_STATUS_CODES); the best case is an origin that cannot be connected to, whose
 * requests zero-downtime failover retries on the next pool within the connect limit.
 */
export function cloudflareFailoverTime(p: CloudflareTiming): FailoverTime {
  const detection = p.intervalSeconds * p.consecutiveDown + p.timeoutSeconds * (1 + p.retries);
  const derivation = `${p.intervalSeconds} × ${p.consecutiveDown} + ${p.timeoutSeconds} × (1 + ${p.retries})`;
  if (p.proxied) {
    const best = Math.min(detection, CLOUDFLARE_ORIGIN_CONNECT_SECONDS);
    return time(detection, 0, derivation, best < detection ? best : undefined);
  }
  return time(detection, p.ttlSeconds, `${derivation} + ${p.ttlSeconds}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Azure Traffic Manager
// ---------------------------------------------------------------------------------------------------------------

export interface TrafficManagerTiming {
  /** `monitorConfig.intervalInSeconds` (10 or 30). */
  intervalSeconds: number;
  /** `toleratedNumberOfFailures` (0-9). */
  toleratedNumberOfFailures: number;
  /** `monitorConfig.timeoutInSeconds`. */
  timeoutSeconds: number;
  /** `dnsConfig.ttl`. */
  ttlSeconds: number;
}

/**
 * Traffic Manager: `interval × (toleratedNumberOfFailures + 1) + timeout + TTL`. An endpoint is Degraded after the
 * failure that follows `toleratedNumberOfFailures` consecutive ones (TrafficManagerMonitorConfig,
 * https://learn.microsoft.com/dotnet/api/azure.resourcemanager.trafficmanager.models.trafficmanagermonitorconfig.toleratednumberoffailures);
 * probes run every interval, the last one waits its timeout, then resolvers keep the old answer for the TTL
 * ("Traffic Manager endpoint monitoring", https://learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring).
 */
export function trafficManagerFailoverTime(p: TrafficManagerTiming): FailoverTime {
  const probes = p.toleratedNumberOfFailures + 1;
  return time(
    p.intervalSeconds * probes + p.timeoutSeconds,
    p.ttlSeconds,
    `${p.intervalSeconds} × (${p.toleratedNumberOfFailures} + 1) + ${p.timeoutSeconds} + ${p.ttlSeconds}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Google Cloud DNS
// ---------------------------------------------------------------------------------------------------------------

export interface CloudDnsTiming {
  /** Health check `checkIntervalSec`. */
  checkIntervalSeconds: number;
  /** Health check `unhealthyThreshold`. */
  unhealthyThreshold: number;
  /** Health check `timeoutSec`. */
  timeoutSeconds: number;
  /** Record set `ttl`. */
  ttlSeconds: number;
}

/**
 * Cloud DNS: `checkIntervalSec × unhealthyThreshold + timeoutSec + TTL`. The check interval runs "from the start of
 * one probe issued by one prober to the start of the next probe issued by the same prober", and an endpoint is
 * unhealthy after `unhealthyThreshold` consecutive failed probes ("Health checks overview",
 * https://cloud.google.com/load-balancing/docs/health-check-concepts).
 */
export function cloudDnsFailoverTime(p: CloudDnsTiming): FailoverTime {
  return time(
    p.checkIntervalSeconds * p.unhealthyThreshold + p.timeoutSeconds,
    p.ttlSeconds,
    `${p.checkIntervalSeconds} × ${p.unhealthyThreshold} + ${p.timeoutSeconds} + ${p.ttlSeconds}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Global fronts of MultiRegionService (anycast: no DNS TTL in the path)
// ---------------------------------------------------------------------------------------------------------------

export interface GoogleLoadBalancerTiming {
  /** Backend service `outlierDetection.interval`: "time interval between ejection analysis sweeps". */
  outlierIntervalSeconds: number;
}

/**
 * Google's global external Application Load Balancer over serverless NEGs (which take no health checks): outlier
 * detection ejects a backend after consecutive errors, at the next ejection analysis sweep (BackendService
 * `outlierDetection`, https://cloud.google.com/compute/docs/reference/rest/v1/backendServices). Worst case: the
 * errors are counted during one sweep interval and the ejection happens at the next, `2 × interval`. This assumes
 * requests are arriving (no traffic, no errors to count) and that failed requests return an error within the interval.
 */
export function googleLoadBalancerFailoverTime(p: GoogleLoadBalancerTiming): FailoverTime {
  return time(2 * p.outlierIntervalSeconds, 0, `2 × ${p.outlierIntervalSeconds}`);
}

/**
 * Seconds Meridian allows a Front Door probe to fail (the connection to time out or the error to come back). Front
 * Door does not document a probe timeout; this is Meridian's assumption, not a documented constant.
 */
export const FRONT_DOOR_PROBE_ALLOWANCE_SECONDS = 10;

export interface FrontDoorTiming {
  /** Origin group `healthProbeSettings.probeIntervalInSeconds`. */
  probeIntervalSeconds: number;
  /** `loadBalancingSettings.sampleSize`. */
  sampleSize: number;
  /** `loadBalancingSettings.successfulSamplesRequired`. */
  successfulSamplesRequired: number;
}

/**
 * Azure Front Door: an origin is healthy while at least `successfulSamplesRequired` of the last `sampleSize` probes
 * succeeded ("Health probes", https://learn.microsoft.com/azure/frontdoor/health-probes), so it takes
 * `sampleSize − successfulSamplesRequired + 1` failed probes, one per probe interval, plus the last probe's wait.
 */
export function frontDoorFailoverTime(p: FrontDoorTiming): FailoverTime {
  const failures = p.sampleSize - p.successfulSamplesRequired + 1;
  return time(
    p.probeIntervalSeconds * failures + FRONT_DOOR_PROBE_ALLOWANCE_SECONDS,
    0,
    `${p.probeIntervalSeconds} × (${p.sampleSize} − ${p.successfulSamplesRequired} + 1) + ${FRONT_DOOR_PROBE_ALLOWANCE_SECONDS}`,
  );
}

export interface GlobalAcceleratorTiming {
  /** The ALB target group's `healthCheck.interval` (HealthCheckIntervalSeconds, 5-300). */
  albIntervalSeconds: number;
  /** The ALB target group's `healthCheck.unhealthyThreshold` (UnhealthyThresholdCount, 2-10). */
  albUnhealthyThreshold: number;
  /** The ALB target group's `healthCheck.timeout` (HealthCheckTimeoutSeconds, 2-120, below the interval). */
  albTimeoutSeconds: number;
}

/**
 * AWS Global Accelerator in front of ALBs: the ALB's own detection, and no DNS term.
 * - For ALB endpoints the accelerator uses the load balancer's health checks: "For Network Load Balancer and
 *   Application Load Balancer endpoints, configure health check settings on the ELB console"
 *   (https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoint-groups.html).
 * - The ALB "sends a health check request to each registered target every HealthCheckIntervalSeconds seconds ... The
 *   time that it takes for the target to respond does not affect the interval for the next health check request",
 *   and takes a target out after UnhealthyThresholdCount consecutive failures
 *   (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html): the
 *   interval runs start to start, so `interval × threshold + timeout` (the last check waits its timeout).
 * - Clients keep the accelerator's two static anycast addresses ("static Anycast IP addresses that are globally
 *   unique for your application and do not change",
 *   https://aws.amazon.com/blogs/aws/new-aws-global-accelerator-for-availability-and-performance/): no TTL.
 * AWS documents no separate time for the accelerator to act on the ALB's health (the only figure it gives is "about
 * 30 seconds" for traffic to return to a recovered Region, about-endpoints-endpoint-weights.unhealthy-endpoints.html),
 * so none is added; docs/multi-region-service.md says so beside the figure.
 */
export function globalAcceleratorFailoverTime(p: GlobalAcceleratorTiming): FailoverTime {
  return time(
    p.albIntervalSeconds * p.albUnhealthyThreshold + p.albTimeoutSeconds,
    0,
    `${p.albIntervalSeconds} × ${p.albUnhealthyThreshold} + ${p.albTimeoutSeconds}`,
  );
}

/** The formula of each provider and front in words, as docs/failover-dns.md prints it next to the default figures. */
export const FAILOVER_FORMULAS = {
  route53:
    "`(RequestInterval + probe timeout) × FailureThreshold + TTL`; the interval counts from the last response; probe timeout 4 + 2 s HTTP(S), 10 s TCP; an alias to a load balancer caches for its 60 s TTL",
  cloudflareProxied:
    "`interval × consecutiveDown + timeout × (1 + retries)`: zero-downtime failover retries only 521/522/523/525/526, so a dead app behind a load balancer (502/503) or a hung origin (524) waits for the monitor; best case (origin unreachable, retried on the next pool): ≤ 19 s connect limit",
  cloudflareDnsOnly: "`interval × consecutiveDown + timeout × (1 + retries) + TTL`",
  trafficManager: "`interval × (toleratedNumberOfFailures + 1) + timeout + TTL`",
  cloudDns: "`checkIntervalSec × unhealthyThreshold + timeoutSec + TTL` (interval from probe start to probe start)",
  googleLoadBalancer:
    "`2 × outlierDetection.interval` (errors counted in one sweep, ejected at the next; needs traffic)",
  globalAccelerator:
    "`ALB interval × UnhealthyThresholdCount + ALB timeout` (the accelerator acts on the ALB's target health; static anycast IPs, no TTL; AWS documents no further propagation time)",
  frontDoor:
    "`probeInterval × (sampleSize − successfulSamplesRequired + 1) + 10 s` (10 s: Meridian's allowance for the last probe; Front Door documents no probe timeout)",
} as const;
