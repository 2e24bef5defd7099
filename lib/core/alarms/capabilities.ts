import type { Cloud } from "../placement";
import type { AlarmedKind } from "./model";

/** Which alarms a cloud's native alarm service can evaluate for one kind of component. */
export interface AlarmCapability {
  readonly errorRate: boolean;
  readonly p99LatencyMs: boolean;
  readonly health: boolean;
  /** Why an alarm the cloud cannot evaluate is missing (shown in ConfigErrors and warnings, and in docs/alarms.md). */
  readonly gap?: string;
}

const REQUEST = { errorRate: true, p99LatencyMs: true, health: false } as const;
const HEALTH_ONLY = { errorRate: false, p99LatencyMs: false, health: true } as const;

const WORKERS_GAP =
  "Cloudflare Notifications have no alert type on Workers errors or latency (the alert types are listed at " +
  "https://developers.cloudflare.com/notifications/notification-available/); use Workers Observability or an " +
  "external monitor";
const FRONT_DOOR_P99_GAP =
  "Azure Front Door metrics give latency as an average, not a percentile " +
  "(https://learn.microsoft.com/azure/frontdoor/front-door-reports#metrics), and metric alerts evaluate only " +
  "the aggregations a metric has";

/**
 * What each cloud can alarm on, per component kind. Each `true` is implemented in `lib/<cloud>/alarms.ts` with
 * the metric's documentation cited there; each `false` on a request alarm is a documented gap (docs/alarms.md).
 */
export const ALARM_CAPABILITIES: Record<Cloud, Record<AlarmedKind, AlarmCapability>> = {
  aws: { function: REQUEST, api: REQUEST, service: { ...REQUEST, health: true }, dns: HEALTH_ONLY },
  gcp: { function: REQUEST, api: REQUEST, service: { ...REQUEST, health: true }, dns: HEALTH_ONLY },
  azure: {
    function: REQUEST,
    api: REQUEST,
    service: { errorRate: true, p99LatencyMs: false, health: true, gap: FRONT_DOOR_P99_GAP },
    dns: HEALTH_ONLY,
  },
  cloudflare: {
    function: { errorRate: false, p99LatencyMs: false, health: false, gap: WORKERS_GAP },
    api: { errorRate: false, p99LatencyMs: false, health: false, gap: WORKERS_GAP },
    service: HEALTH_ONLY,
    dns: HEALTH_ONLY,
  },
};

/**
 * The windows (`forSeconds`) each cloud's alarm service can evaluate.
 *
 * - AWS: CloudWatch periods are 10, 20, 30 or a multiple of 60 s, the sub-minute ones only for high-resolution
 *   custom metrics; Lambda, API Gateway, ALB and Route 53 publish one-minute data. For periods under an hour,
 *   period × evaluation periods may not exceed one day.
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (Period)
 * - Google Cloud: a condition's `duration` must be a multiple of a minute.
 *   https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies#MetricThreshold (duration)
 * - Azure: metric alerts take a window of PT1M, PT5M, PT15M, PT30M, PT1H, PT6H, PT12H or PT24H, and log search
 *   alerts one of 1, 5, 10, 15, 30, 45 minutes, 1-6 hours, 1 or 2 days: only the sizes both accept are offered,
 *   so every Azure alarm (metric or log) can take any allowed value.
 *   https://learn.microsoft.com/rest/api/monitor/metric-alerts/create-or-update (windowSize)
 *   https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-log-alert-rule (aggregation granularity)
 * - Cloudflare: health notifications fire on the pool/origin state change itself: no window to set.
 */
export const ALARM_WINDOWS: Record<Cloud, { multipleOf?: number; min: number; max?: number; allowed?: number[] }> = {
  aws: { multipleOf: 60, min: 60, max: 86_400 },
  gcp: { multipleOf: 60, min: 60 },
  azure: { min: 60, allowed: [60, 300, 900, 1800, 3600, 21_600, 86_400] },
  cloudflare: { min: 60 },
};
