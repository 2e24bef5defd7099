import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedAlarms, ResolvedThreshold, sharedAlarmTarget } from "../core/alarms";
import { TransformsOf, withTransform } from "../core/transform";
import type { GcpAlarmChildren } from "./children";
import { enableApis } from "./apis";

/**
 * Cloud Monitoring alert policies → notification channels, for every component with `alarms`.
 *
 * Every condition aligns one-minute windows (`alignmentPeriod: 60s`) and fires when the value stays past the
 * threshold for `duration = forSeconds` (a multiple of a minute, as Cloud Monitoring requires). Error rates are
 * ratio conditions: `filter` (the 5xx requests) over `denominatorFilter` (all requests), both ALIGN_DELTA then
 * REDUCE_SUM. https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies#MetricThreshold
 * https://cloud.google.com/monitoring/alerts/types-of-conditions#metric-threshold (ratio conditions)
 */
export interface GcpAlarmContext {
  parent: pulumi.Resource;
  alarms: ResolvedAlarms;
  project: pulumi.Input<string>;
  transforms?: TransformsOf<GcpAlarmChildren>;
}

const WINDOW = "60s";

// One enablement of the Monitoring API per component (a MultiRegionService alarms in several regions).
const enabled = new WeakMap<pulumi.Resource, pulumi.Resource[]>();

/** Cloud Monitoring must be enabled in a fresh project before any alert policy, channel or uptime check. */
function monitoringApi(ctx: GcpAlarmContext): pulumi.Resource[] {
  let apis = enabled.get(ctx.parent);
  if (!apis) {
    apis = enableApis(
      ctx.alarms.component,
      `${ctx.alarms.name}-alarms`,
      ["monitoring"],
      ctx.parent,
      ctx.transforms,
      ctx.project,
    );
    enabled.set(ctx.parent, apis);
  }
  return apis;
}

/**
 * The notification channels of this notify: one `email` channel per address (label `email_address`) and one
 * `webhook_tokenauth` channel (label `url`, kept secret), created once per stack and notify and shared by every
 * component. https://cloud.google.com/monitoring/support/notification-options#email
 * https://cloud.google.com/monitoring/support/notification-options#webhooks
 */
function channels(ctx: GcpAlarmContext): pulumi.Input<string>[] {
  const { notify } = ctx.alarms;
  const out: pulumi.Input<string>[] = [];
  if (notify.email.length > 0 || notify.webhook) {
    const created = sharedAlarmTarget("gcp", notify.key, (suffix) => {
      // Stack-level resources (no parent): their URNs do not depend on which component created them.
      const base = `meridian-alarms-gcp${suffix}`;
      const channel = (name: string, type: string, labels: pulumi.Input<Record<string, pulumi.Input<string>>>) =>
        new gcp.monitoring.NotificationChannel(
          ...withTransform(
            ctx.transforms,
            "alarmChannel",
            name,
            {
              displayName: `Meridian alarms (${name})`,
              type,
              labels,
              project: ctx.project,
            } satisfies gcp.monitoring.NotificationChannelArgs,
            {
              additionalSecretOutputs: type === "webhook_tokenauth" ? ["labels"] : [],
              dependsOn: monitoringApi(ctx),
            },
          ),
        ).name;
      const names = notify.email.map((address, i) =>
        channel(`${base}-email-${i + 1}`, "email", { email_address: address }),
      );
      if (notify.webhook)
        names.push(channel(`${base}-webhook`, "webhook_tokenauth", pulumi.secret({ url: notify.webhook })));
      return names;
    });
    out.push(...created);
  }
  if (notify.topic !== undefined) out.push(notify.topic);
  return out;
}

function policy(
  ctx: GcpAlarmContext,
  key: "alarmErrorRate" | "alarmLatency" | "alarmHealth",
  name: string,
  severity: "CRITICAL" | "WARNING",
  summary: string,
  conditionThreshold: gcp.types.input.monitoring.AlertPolicyConditionConditionThreshold,
) {
  return new gcp.monitoring.AlertPolicy(
    ...withTransform(
      ctx.transforms,
      key,
      name,
      {
        displayName: `${name}: ${summary}`,
        combiner: "OR",
        severity,
        conditions: [{ displayName: summary, conditionThreshold }],
        notificationChannels: channels(ctx),
        documentation: {
          content: `${summary} (Meridian ${ctx.alarms.component}; docs/alarms.md)`,
          mimeType: "text/markdown",
        },
        project: ctx.project,
      } satisfies gcp.monitoring.AlertPolicyArgs,
      { parent: ctx.parent, dependsOn: monitoringApi(ctx) },
    ),
  );
}

const sum = (groupBy: string[] = []) => [
  {
    alignmentPeriod: WINDOW,
    perSeriesAligner: "ALIGN_DELTA",
    crossSeriesReducer: "REDUCE_SUM",
    groupByFields: groupBy,
  },
];
const duration = (t: ResolvedThreshold) => `${t.forSeconds}s`;

/** Where the request metrics come from. */
export type GcpRequestSource =
  | { kind: "cloudRun"; region: string; serviceName: pulumi.Input<string> }
  | { kind: "apiGateway"; gatewayId: pulumi.Input<string> }
  | { kind: "loadBalancer"; urlMapName: pulumi.Input<string> };

/**
 * Error rate and p99 latency of a Cloud Run service (a Cloud Functions 2nd gen function is one) or an API
 * Gateway gateway.
 *
 * - Cloud Run: `run.googleapis.com/request_count` (label `response_code_class`, e.g. "5xx") and
 *   `run.googleapis.com/request_latencies` (distribution, ms), resource `cloud_run_revision` by `service_name`
 *   and `location`. https://cloud.google.com/monitoring/api/metrics_gcp_p_z#gcp-run
 * - Global external Application Load Balancer: `loadbalancing.googleapis.com/https/request_count` (label
 *   `response_code_class`, an integer: 500) and `loadbalancing.googleapis.com/https/total_latencies`
 *   (distribution, ms), resource `https_lb_rule` by `url_map_name`.
 *   https://cloud.google.com/monitoring/api/metrics_gcp_i_o#gcp-loadbalancing
 * - API Gateway: `apigateway.googleapis.com/proxy/request_count` (label `response_code_class`) and
 *   `apigateway.googleapis.com/proxy/latencies` (distribution, ms), resource `apigateway.googleapis.com/Gateway`
 *   by `gateway_id`. https://cloud.google.com/monitoring/api/metrics_gcp_a_b#gcp-apigateway
 */
export function gcpRequestAlarms(ctx: GcpAlarmContext, name: string, source: GcpRequestSource): void {
  const m = requestMetrics(source);
  const { errorRate, p99LatencyMs } = ctx.alarms;
  if (errorRate)
    policy(
      ctx,
      "alarmErrorRate",
      `${name}-alarm-error-rate`,
      "CRITICAL",
      `more than ${errorRate.above * 100} % of requests answered 5xx for ${errorRate.forSeconds} s`,
      {
        filter: pulumi.interpolate`metric.type="${m.count}" AND ${m.resource} AND ${m.serverErrors}`,
        aggregations: sum(),
        denominatorFilter: pulumi.interpolate`metric.type="${m.count}" AND ${m.resource}`,
        denominatorAggregations: sum(),
        comparison: "COMPARISON_GT",
        thresholdValue: errorRate.above,
        duration: duration(errorRate),
        trigger: { count: 1 },
      },
    );
  if (p99LatencyMs)
    policy(
      ctx,
      "alarmLatency",
      `${name}-alarm-latency`,
      "WARNING",
      `p99 latency above ${p99LatencyMs.above} ms for ${p99LatencyMs.forSeconds} s`,
      {
        filter: pulumi.interpolate`metric.type="${m.latencies}" AND ${m.resource}`,
        // The 99th percentile of each revision's one-minute distribution; the worst revision decides.
        aggregations: [
          {
            alignmentPeriod: WINDOW,
            perSeriesAligner: "ALIGN_PERCENTILE_99",
            crossSeriesReducer: "REDUCE_MAX",
            groupByFields: [],
          },
        ],
        comparison: "COMPARISON_GT",
        thresholdValue: p99LatencyMs.above,
        duration: duration(p99LatencyMs),
        trigger: { count: 1 },
      },
    );
}

function requestMetrics(source: GcpRequestSource) {
  switch (source.kind) {
    case "cloudRun":
      return {
        resource: pulumi.interpolate`resource.type="cloud_run_revision" AND resource.label.service_name="${source.serviceName}" AND resource.label.location="${source.region}"`,
        count: "run.googleapis.com/request_count",
        latencies: "run.googleapis.com/request_latencies",
        serverErrors: 'metric.label.response_code_class="5xx"',
      };
    case "apiGateway":
      return {
        resource: pulumi.interpolate`resource.type="apigateway.googleapis.com/Gateway" AND resource.label.gateway_id="${source.gatewayId}"`,
        count: "apigateway.googleapis.com/proxy/request_count",
        latencies: "apigateway.googleapis.com/proxy/latencies",
        serverErrors: 'metric.label.response_code_class="5xx"',
      };
    case "loadBalancer":
      return {
        resource: pulumi.interpolate`resource.type="https_lb_rule" AND resource.label.url_map_name="${source.urlMapName}"`,
        count: "loadbalancing.googleapis.com/https/request_count",
        latencies: "loadbalancing.googleapis.com/https/total_latencies",
        serverErrors: "metric.label.response_code_class=500",
      };
  }
}

/**
 * Health of HTTPS endpoints: an uptime check per endpoint (every 60 s from Google's checker locations) and an
 * alert when more than one location sees it fail: `monitoring.googleapis.com/uptime_check/check_passed`
 * ALIGN_NEXT_OLDER, REDUCE_COUNT_FALSE grouped by check, COMPARISON_GT 1, for one minute, as Google's uptime
 * alerting does. https://cloud.google.com/monitoring/uptime-checks/uptime-alerting-policies
 * https://cloud.google.com/monitoring/api/metrics_gcp_i_o#gcp-monitoring (uptime_check/check_passed)
 */
export interface GcpUptimeEndpoint {
  id: string;
  host: pulumi.Input<string>;
  port: number;
  path: string;
  protocol: "HTTPS" | "HTTP" | "TCP";
  /** False for an IP address, whose certificate names the DNS name, not the IP. */
  validateSsl: boolean;
}

export function gcpUptimeAlarms(ctx: GcpAlarmContext, endpoints: GcpUptimeEndpoint[]): void {
  for (const e of endpoints) {
    const name = `${ctx.alarms.name}-${e.id}`;
    const check = new gcp.monitoring.UptimeCheckConfig(
      ...withTransform(
        ctx.transforms,
        "alarmUptimeCheck",
        `${name}-uptime`,
        {
          displayName: `${name} health (Meridian)`,
          period: "60s",
          timeout: "10s",
          monitoredResource: { type: "uptime_url", labels: { project_id: ctx.project, host: e.host } },
          ...(e.protocol === "TCP"
            ? { tcpCheck: { port: e.port } }
            : {
                httpCheck: {
                  path: e.path,
                  port: e.port,
                  useSsl: e.protocol === "HTTPS",
                  validateSsl: e.protocol === "HTTPS" && e.validateSsl,
                  requestMethod: "GET",
                },
              }),
          project: ctx.project,
        } satisfies gcp.monitoring.UptimeCheckConfigArgs,
        { parent: ctx.parent, dependsOn: monitoringApi(ctx) },
      ),
    );
    policy(ctx, "alarmHealth", `${name}-alarm-health`, "CRITICAL", `endpoint ${e.id} is failing its health check`, {
      filter: pulumi.interpolate`metric.type="monitoring.googleapis.com/uptime_check/check_passed" AND resource.type="uptime_url" AND metric.label.check_id="${check.uptimeCheckId}"`,
      aggregations: [
        {
          alignmentPeriod: WINDOW,
          perSeriesAligner: "ALIGN_NEXT_OLDER",
          crossSeriesReducer: "REDUCE_COUNT_FALSE",
          groupByFields: ["resource.label.project_id", "resource.label.host"],
        },
      ],
      comparison: "COMPARISON_GT",
      thresholdValue: 1,
      duration: "60s",
      trigger: { count: 1 },
    });
  }
}
