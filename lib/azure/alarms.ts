import * as monitor from "@pulumi/azure-native/monitor";
import type * as types from "@pulumi/azure-native/types";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedAlarms, ResolvedThreshold, sharedAlarmTarget } from "../core/alarms";
import { physicalName } from "../core/naming";
import { commonTags } from "../core/tags";
import { TransformsOf, withTransform } from "../core/transform";
import type {
  AzureFrontAlarmChildren,
  AzureHealthAlarmChildren,
  AzureNotifyChildren,
  AzureRequestAlarmChildren,
} from "./children";

/**
 * Azure Monitor alerts → one action group, for every component with `alarms`.
 *
 * - Request alarms (ServerlessFunction, ApiGateway) are log search alerts on the component's Application
 *   Insights `requests` table: an error *rate* and a p99 need a query, since a metric alert evaluates one metric
 *   with the aggregations it has (Function App `Http5xx` is a count and `HttpResponseTime` an average; APIM
 *   `Duration` an average). https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-web-sites-metrics
 *   https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-types#log-alerts
 * - Health and the Front Door error rate are metric alerts.
 * Severity 1 (critical) for errors and health, 2 (warning) for latency: the operations design's levels.
 * https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-overview#alert-severity
 */
export interface AzureAlarmContext<Children extends AzureNotifyChildren = AzureNotifyChildren> {
  parent: pulumi.Resource;
  alarms: ResolvedAlarms;
  resourceGroupName: pulumi.Input<string>;
  /** Where the shared action group's resource group goes when this component creates it. */
  location: string;
  transforms?: TransformsOf<Children>;
}

const iso = (seconds: number) =>
  seconds >= 86_400 ? `P${seconds / 86_400}D` : seconds >= 3600 ? `PT${seconds / 3600}H` : `PT${seconds / 60}M`;
/** Evaluated every minute up to a five-minute window, every five minutes beyond (frequency ≤ window). */
const frequency = (t: ResolvedThreshold) => (t.forSeconds <= 60 ? "PT1M" : "PT5M");

/**
 * The action group of this notify: email receivers and a webhook receiver (its URI kept secret), common alert
 * schema, in a resource group of its own (location `global`), created once per stack and notify.
 * https://learn.microsoft.com/azure/azure-monitor/alerts/action-groups
 */
function actionGroups(ctx: AzureAlarmContext): pulumi.Input<string>[] {
  const { notify } = ctx.alarms;
  const out: pulumi.Input<string>[] = [];
  if (notify.email.length > 0 || notify.webhook) {
    const group = sharedAlarmTarget("azure", notify.key, (suffix) => {
      // Stack-level resources (no parent): their URNs do not depend on which component created them.
      const base = `meridian-alarms-azure${suffix}`;
      const rg = new resources.ResourceGroup(`${base}-rg`, {
        resourceGroupName: physicalName("azureResourceGroup", `alarms${suffix}`),
        location: ctx.location,
        tags: commonTags("azure", "Alarms"),
      } satisfies resources.ResourceGroupArgs);
      return new monitor.ActionGroup(
        ...withTransform(
          ctx.transforms,
          "alarmActionGroup",
          base,
          {
            resourceGroupName: rg.name,
            location: "global",
            enabled: true,
            // At most 12 characters (shown in SMS and email subjects).
            groupShortName: `meridian${suffix}`.slice(0, 12),
            emailReceivers: notify.email.map((address, i) => ({
              name: `email-${i + 1}`,
              emailAddress: address,
              useCommonAlertSchema: true,
            })),
            webhookReceivers: notify.webhook
              ? [{ name: "webhook", serviceUri: notify.webhook, useCommonAlertSchema: true }]
              : [],
            tags: commonTags("azure", "Alarms"),
          } satisfies monitor.ActionGroupArgs,
          { additionalSecretOutputs: notify.webhook ? ["webhookReceivers"] : [] },
        ),
      ).id;
    });
    out.push(group);
  }
  if (notify.topic !== undefined) out.push(notify.topic);
  return out;
}

/**
 * Error rate and p99 latency from Application Insights `requests` (a Function App's invocations, or every APIM
 * request through its Application Insights logger). `itemCount` weighs sampled rows; `duration` is in ms.
 * https://learn.microsoft.com/azure/azure-monitor/app/data-model-complete#request
 * https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-log-alert-rule
 */
export function azureInsightsRequestAlarms(
  ctx: AzureAlarmContext<AzureRequestAlarmChildren>,
  name: string,
  target: { region: string; insightsId: pulumi.Input<string> },
): void {
  const { errorRate, p99LatencyMs } = ctx.alarms;
  const rule = (
    key: "alarmErrorRate" | "alarmLatency",
    child: string,
    severity: number,
    t: ResolvedThreshold,
    description: string,
    query: string,
    column: string,
  ) =>
    new monitor.ScheduledQueryRule(
      ...withTransform(
        ctx.transforms,
        key,
        child,
        {
          resourceGroupName: ctx.resourceGroupName,
          location: target.region,
          kind: "LogAlert",
          description: `${description} (Meridian ${ctx.alarms.component}; docs/alarms.md)`,
          severity,
          enabled: true,
          scopes: [target.insightsId],
          windowSize: iso(t.forSeconds),
          evaluationFrequency: frequency(t),
          criteria: {
            allOf: [
              {
                query,
                timeAggregation: "Maximum",
                metricMeasureColumn: column,
                operator: "GreaterThan",
                threshold: t.above,
                failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
              },
            ],
          },
          autoMitigate: true,
          actions: { actionGroups: actionGroups(ctx) },
          tags: commonTags("azure", "Alarms"),
        } satisfies monitor.ScheduledQueryRuleArgs,
        { parent: ctx.parent },
      ),
    );
  if (errorRate)
    rule(
      "alarmErrorRate",
      `${name}-alarm-error-rate`,
      1,
      errorRate,
      `more than ${errorRate.above * 100} % of requests answered 5xx over ${errorRate.forSeconds} s`,
      "requests | summarize total = sum(itemCount), failed = sumif(itemCount, toint(resultCode) >= 500) " +
        "| where total > 0 | extend errorRate = todouble(failed) / total",
      "errorRate",
    );
  if (p99LatencyMs)
    rule(
      "alarmLatency",
      `${name}-alarm-latency`,
      2,
      p99LatencyMs,
      `p99 latency above ${p99LatencyMs.above} ms over ${p99LatencyMs.forSeconds} s`,
      "requests | summarize p99 = percentile(duration, 99) | where isnotnull(p99)",
      "p99",
    );
}

/** A Function App's request alarms: on the Application Insights component the app reports to. */
export function azureFunctionAlarms(
  ctx: AzureAlarmContext<AzureRequestAlarmChildren>,
  app: { region: string; insightsId?: pulumi.Input<string> },
): void {
  azureInsightsRequestAlarms(ctx, ctx.alarms.name, { region: app.region, insightsId: app.insightsId! });
}

/**
 * Traffic Manager endpoint health: `ProbeAgentCurrentEndpointStateByProfileResourceId` (1 up, 0 down) by
 * `EndpointName`, Maximum below 1 over one minute, one series per endpoint.
 * https://learn.microsoft.com/azure/traffic-manager/traffic-manager-metrics-alerts#endpoint-status-by-endpoint
 */
export function azureTrafficManagerAlarms(
  ctx: AzureAlarmContext<AzureHealthAlarmChildren>,
  target: { profileId: pulumi.Input<string>; endpoints: { id: string; name: string }[] },
): void {
  if (target.endpoints.length === 0) return;
  metricAlert(ctx, "alarmHealth", `${ctx.alarms.name}-alarm-health`, {
    scope: target.profileId,
    severity: 1,
    description: `An endpoint of ${ctx.alarms.component} is unhealthy: Traffic Manager has failed over`,
    windowSize: "PT1M",
    evaluationFrequency: "PT1M",
    criterion: {
      criterionType: "StaticThresholdCriterion",
      name: "endpoint-down",
      metricNamespace: "Microsoft.Network/trafficManagerProfiles",
      metricName: "ProbeAgentCurrentEndpointStateByProfileResourceId",
      timeAggregation: "Maximum",
      operator: "LessThan",
      threshold: 1,
      dimensions: [{ name: "EndpointName", operator: "Include", values: target.endpoints.map((e) => e.name) }],
    },
  });
}

/**
 * Front Door: the error rate is `Percentage5XX` (percent of requests answered 5xx, Average), the health of
 * each origin `OriginHealthPercentage` (percent of health probes that succeed, Average) by `Origin`, below 50 %
 * over five minutes: most probes fail, and Front Door sends the region no traffic. Front Door gives latency only
 * as averages: no p99 (a documented gap).
 * https://learn.microsoft.com/azure/frontdoor/monitor-front-door-reference#metrics
 */
export function azureFrontDoorAlarms(
  ctx: AzureAlarmContext<AzureFrontAlarmChildren>,
  target: { profileId: pulumi.Input<string>; origins: { id: string; name: pulumi.Input<string> }[] },
): void {
  const { errorRate, health } = ctx.alarms;
  const ns = "Microsoft.Cdn/profiles";
  if (errorRate)
    metricAlert(ctx, "alarmErrorRate", `${ctx.alarms.name}-front-alarm-error-rate`, {
      scope: target.profileId,
      severity: 1,
      description: `more than ${errorRate.above * 100} % of requests answered 5xx over ${errorRate.forSeconds} s`,
      windowSize: iso(errorRate.forSeconds),
      evaluationFrequency: frequency(errorRate),
      criterion: {
        criterionType: "StaticThresholdCriterion",
        name: "error-rate",
        metricNamespace: ns,
        metricName: "Percentage5XX",
        timeAggregation: "Average",
        operator: "GreaterThan",
        // The metric is a percentage; `above` is a fraction.
        threshold: errorRate.above * 100,
      },
    });
  if (health && target.origins.length > 0)
    metricAlert(ctx, "alarmHealth", `${ctx.alarms.name}-front-alarm-health`, {
      scope: target.profileId,
      severity: 1,
      description: "a region's origin is failing most Front Door health probes: Front Door has failed over",
      windowSize: "PT5M",
      evaluationFrequency: "PT1M",
      criterion: {
        criterionType: "StaticThresholdCriterion",
        name: "origin-unhealthy",
        metricNamespace: ns,
        metricName: "OriginHealthPercentage",
        timeAggregation: "Average",
        operator: "LessThan",
        threshold: 50,
        dimensions: [{ name: "Origin", operator: "Include", values: target.origins.map((o) => o.name) }],
      },
    });
}

/** One static-threshold metric alert with one criterion, one series per dimension value. */
function metricAlert(
  ctx: AzureAlarmContext<AzureFrontAlarmChildren>,
  key: "alarmErrorRate" | "alarmHealth",
  child: string,
  a: {
    scope: pulumi.Input<string>;
    severity: number;
    description: string;
    windowSize: string;
    evaluationFrequency: string;
    criterion: types.input.monitor.MetricCriteriaArgs;
  },
) {
  return new monitor.MetricAlert(
    ...withTransform(
      ctx.transforms,
      // The alarm's own key: the Front Door error-rate alarm was transformed by `alarmHealth` before.
      key,
      child,
      {
        resourceGroupName: ctx.resourceGroupName,
        location: "global",
        description: `${a.description} (Meridian ${ctx.alarms.component}; docs/alarms.md)`,
        severity: a.severity,
        enabled: true,
        scopes: [a.scope],
        windowSize: a.windowSize,
        evaluationFrequency: a.evaluationFrequency,
        criteria: { odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria", allOf: [a.criterion] },
        autoMitigate: true,
        actions: actionGroups(ctx).map((id) => ({ actionGroupId: id })),
        tags: commonTags("azure", "Alarms"),
      } satisfies monitor.MetricAlertArgs,
      { parent: ctx.parent },
    ),
  );
}
