import type { HealthPreset } from "../dns/presets";
import type { FrontKind } from "./front";

/** The service health check's defaults: what a field left out becomes. */
export interface ServiceHealthDefaults {
  intervalSeconds: number;
  failureThreshold: number;
  /** Undefined: 5 s, at most the interval minus one. */
  timeoutSeconds?: number;
}

/**
 * The fastest target-group health check an ALB accepts: HealthCheckIntervalSeconds 5-300, UnhealthyThresholdCount 2-10,
 * HealthCheckTimeoutSeconds 2-120 and below the interval (docs.aws.amazon.com/elasticloadbalancing/latest/application/
 * target-group-health-checks.html, "Health check settings"). The service's own limits (5-300, 2-10, 2-60) are these.
 */
export const ALB_FASTEST_HEALTH = { intervalSeconds: 5, failureThreshold: 2, timeoutSeconds: 2 } as const;

/**
 * Defaults per preset and front. `standard` keeps today's 10 s x 3 except on the Global Accelerator front: there the
 * ALB's own target health is the only signal the accelerator uses (docs.aws.amazon.com/global-accelerator/latest/dg/
 * about-endpoint-groups.html: "For Network Load Balancer and Application Load Balancer endpoints, configure health
 * check settings on the ELB console"), so it defaults to the fastest interval and threshold the ALB allows. `fast`
 * is the ALB's fastest everywhere (the probes of Cloud Run and the origin probes of Front Door follow the same fields).
 */
export function serviceHealthDefaults(preset: HealthPreset, front: FrontKind): ServiceHealthDefaults {
  if (preset === "fast") return { ...ALB_FASTEST_HEALTH };
  if (front === "global-accelerator")
    return {
      intervalSeconds: ALB_FASTEST_HEALTH.intervalSeconds,
      failureThreshold: ALB_FASTEST_HEALTH.failureThreshold,
    };
  return { intervalSeconds: 10, failureThreshold: 3 };
}
