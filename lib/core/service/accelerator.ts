/**
 * AWS Global Accelerator as a MultiRegionService front, cloud-neutral part: how the routing strategy, `primary` and
 * `drained` become traffic dials and endpoint weights, and the worst-case failover time. Pure, so the plan's figures
 * are known before anything is deployed and tests can check them directly.
 */
import { globalAcceleratorFailoverTime } from "../failover-time";
import type { RegionSpec, ServiceSpec } from "./validate";

/**
 * The default endpoint weight (128 of 0-255): "By default, the weight for an endpoint is 128—that is, half the maximum
 * value for a weight, 255" (docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoints-endpoint-weights.html).
 */
export const ACCELERATOR_DEFAULT_WEIGHT = 128;

/** What one region's endpoint group gets. */
export interface AcceleratorRegionRouting {
  /** `trafficDialPercentage`, 0-100. */
  dial: number;
  /** The region's ALB endpoint weight, 0-255. */
  weight: number;
}

/**
 * Dials and weights, as the Global Accelerator developer guide defines them:
 * - A traffic dial is "applied only to the traffic that Global Accelerator is already directing to the endpoint group,
 *   not all traffic coming to a listener"; the rest goes to other groups (about-endpoint-groups.html). Clients are sent
 *   to the closest group first.
 * - Failover ignores dials: "if, for example, an endpoint group has a traffic dial set to zero, Global Accelerator
 *   still includes that endpoint group in the failover attempt" (about-endpoints-endpoint-weights.unhealthy-endpoints
 *   .html). So a dial of 0 keeps a region as a failover target.
 * - "An endpoint with 0 weight doesn't receive any traffic, even if the endpoint is healthy"
 *   (repost.aws/knowledge-center/global-accelerator-failover-different-region): weight 0 takes a region out of
 *   failover too, except for the fail-open rule below.
 *
 * Mapping:
 * - `latency`: every serving region dial 100: each client goes to the closest healthy region.
 * - `failover`: the primary dial 100, the others dial 0. When the primary has no healthy endpoint, its clients go to
 *   the closest healthy region (by proximity, not by the order of `regions`). Manual failover (`primary`) moves the
 *   100 to another region: no DNS change.
 * - `weighted`: dial = 100 x weight / the largest weight. A dial sheds part of the traffic a region would get from the
 *   clients closest to it; it is not a global split like Route 53's weights (see docs/multi-region-service.md). A
 *   weight of 0 is dial 0: no traffic while others are healthy, still a failover target (as Route 53 treats weight 0).
 * - `drained`: dial 0 and weight 0, so the region takes neither traffic nor failover traffic, and no DNS changes.
 * Fail open: when none of the three closest groups has a healthy endpoint with a weight above 0, Global Accelerator
 * "routes traffic to a random endpoint in the endpoint group that is closest to the client".
 */
export function acceleratorRouting(spec: ServiceSpec, region: RegionSpec): AcceleratorRegionRouting {
  if (region.drained) return { dial: 0, weight: 0 };
  switch (spec.strategy) {
    case "latency":
      return { dial: 100, weight: ACCELERATOR_DEFAULT_WEIGHT };
    case "failover":
      return { dial: region.primary ? 100 : 0, weight: ACCELERATOR_DEFAULT_WEIGHT };
    case "weighted": {
      const max = Math.max(...spec.regions.filter((r) => !r.drained).map((r) => r.weight));
      return { dial: Math.round((100 * region.weight) / max), weight: ACCELERATOR_DEFAULT_WEIGHT };
    }
  }
}

/**
 * The accelerator front's worst case, from the service's health check (the ALB target group runs it): the formula of
 * lib/core/failover-time.ts with these inputs.
 */
export function acceleratorFailoverSeconds(p: {
  intervalSeconds: number;
  failureThreshold: number;
  timeoutSeconds: number;
}): number {
  return globalAcceleratorFailoverTime({
    albIntervalSeconds: p.intervalSeconds,
    albUnhealthyThreshold: p.failureThreshold,
    albTimeoutSeconds: p.timeoutSeconds,
  }).seconds;
}
