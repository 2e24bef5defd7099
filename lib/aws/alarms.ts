import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedAlarms, ResolvedThreshold, sharedAlarmTarget } from "../core/alarms";
import { commonTags } from "../core/tags";
import { TransformsOf, withTransform } from "../core/transform";
import type { AwsAlarmChildren } from "./children";

/**
 * CloudWatch alarms → SNS, for every component with `alarms`.
 *
 * Every alarm evaluates one-minute periods (the resolution AWS/Lambda, AWS/ApiGateway, AWS/ApplicationELB and
 * AWS/Route53 publish at) and fires when every period of `forSeconds` breaches: evaluationPeriods =
 * datapointsToAlarm = forSeconds / 60. Periods without traffic are missing data, treated as not breaching.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html (treat missing data)
 */
const PERIOD = 60;

export interface AwsAlarmContext {
  parent: pulumi.Resource;
  alarms: ResolvedAlarms;
  region: string;
  transforms?: TransformsOf<AwsAlarmChildren>;
}

/**
 * The SNS topic of this notify in `region`, created once per stack, region and notify. CloudWatch alarms
 * publish to a topic of their own region, so each region has its own (regions stay independent).
 * Email subscriptions wait for the recipient to confirm the mail SNS sends; HTTPS ones for the endpoint to
 * confirm the SubscriptionConfirmation request.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-email-notifications.html
 * https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html
 *
 * The topic is not KMS-encrypted: CloudWatch can publish to an encrypted topic only with a customer managed
 * key whose policy lets cloudwatch.amazonaws.com use it (not with the aws/sns key), and an alarm message carries
 * no data beyond the alarm's name, metric and state. https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger
 */
function alarmActions(ctx: AwsAlarmContext): pulumi.Input<string>[] {
  const { alarms, region } = ctx;
  const actions: pulumi.Input<string>[] = [];
  if (alarms.notify.email.length > 0 || alarms.notify.webhook) {
    const topic = sharedAlarmTarget(`aws:${region}`, alarms.notify.key, (suffix) => {
      // A stack-level resource (no parent): its URN does not depend on which component happened to create it.
      const name = `meridian-alarms-${region}${suffix}`;
      const t = new aws.sns.Topic(
        ...withTransform(
          ctx.transforms,
          "alarmTopic",
          name,
          { region, tags: commonTags("aws", "Alarms") } satisfies aws.sns.TopicArgs,
          {},
        ),
      );
      alarms.notify.email.forEach((address, i) =>
        subscription(ctx, `${name}-email-${i + 1}`, { topic: t.arn, protocol: "email", endpoint: address, region }),
      );
      if (alarms.notify.webhook)
        subscription(ctx, `${name}-webhook`, {
          topic: t.arn,
          protocol: "https",
          // Kept secret: the URL often carries the chat or pager integration's token.
          endpoint: alarms.notify.webhook,
          region,
        });
      return t;
    });
    actions.push(topic.arn);
  }
  if (alarms.notify.topic !== undefined) actions.push(alarms.notify.topic);
  return actions;
}

function subscription(ctx: AwsAlarmContext, name: string, args: aws.sns.TopicSubscriptionArgs) {
  return new aws.sns.TopicSubscription(
    ...withTransform(ctx.transforms, "alarmSubscription", name, args, {
      additionalSecretOutputs: args.protocol === "https" ? ["endpoint"] : [],
    }),
  );
}

/** The settings every Meridian alarm shares: one-minute periods, all of `forSeconds` breaching, actions on ALARM and OK. */
function window(t: ResolvedThreshold, actions: pulumi.Input<string>[]) {
  const periods = t.forSeconds / PERIOD;
  return {
    comparisonOperator: "GreaterThanThreshold",
    evaluationPeriods: periods,
    datapointsToAlarm: periods,
    treatMissingData: "notBreaching",
    alarmActions: actions,
    okActions: actions,
  } as const;
}

function metric(namespace: string, metricName: string, dimensions: Record<string, pulumi.Input<string>>, stat: string) {
  return { namespace, metricName, dimensions, period: PERIOD, stat };
}

/**
 * Error rate = FILL(errors, 0) / requests: CloudWatch metric math. FILL keeps periods where the error metric
 * has no data point (ALB error counts are reported only when non-zero) as 0 instead of dropping them.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html (FILL)
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create-alarm-on-metric-math-expression.html
 */
function errorRateAlarm(
  ctx: AwsAlarmContext,
  name: string,
  description: string,
  errors: ReturnType<typeof metric>[],
  requests: ReturnType<typeof metric>,
) {
  const t = ctx.alarms.errorRate!;
  const ids = errors.map((_, i) => `errors${i + 1}`);
  const sum = ids.map((id) => `FILL(${id}, 0)`).join(" + ");
  return new aws.cloudwatch.MetricAlarm(
    ...withTransform(
      ctx.transforms,
      "alarmErrorRate",
      name,
      {
        alarmDescription: `${description}: more than ${t.above * 100} % of requests failed for ${t.forSeconds} s (Meridian ${ctx.alarms.component})`,
        threshold: t.above,
        metricQueries: [
          ...errors.map((m, i) => ({ id: ids[i], metric: m, returnData: false })),
          { id: "requests", metric: requests, returnData: false },
          {
            id: "errorRate",
            expression: errors.length > 1 ? `(${sum}) / requests` : `${sum} / requests`,
            label: "Error rate",
            returnData: true,
          },
        ],
        ...window(t, alarmActions(ctx)),
        region: ctx.region,
        tags: commonTags("aws", "Alarms"),
      } satisfies aws.cloudwatch.MetricAlarmArgs,
      { parent: ctx.parent },
    ),
  );
}

/** p99 latency: the `p99` extended statistic of a latency metric. `scale` converts ms to the metric's unit. */
function latencyAlarm(
  ctx: AwsAlarmContext,
  name: string,
  description: string,
  m: { namespace: string; metricName: string; dimensions: Record<string, pulumi.Input<string>> },
  scale: number,
) {
  const t = ctx.alarms.p99LatencyMs!;
  return new aws.cloudwatch.MetricAlarm(
    ...withTransform(
      ctx.transforms,
      "alarmLatency",
      name,
      {
        alarmDescription: `${description}: p99 latency above ${t.above} ms for ${t.forSeconds} s (Meridian ${ctx.alarms.component})`,
        namespace: m.namespace,
        metricName: m.metricName,
        dimensions: m.dimensions,
        period: PERIOD,
        extendedStatistic: "p99",
        threshold: t.above * scale,
        ...window(t, alarmActions(ctx)),
        region: ctx.region,
        tags: commonTags("aws", "Alarms"),
      } satisfies aws.cloudwatch.MetricAlarmArgs,
      { parent: ctx.parent },
    ),
  );
}

/**
 * Lambda: Errors ÷ Invocations (both Sum) and p99 Duration (milliseconds), by FunctionName. `Errors` counts
 * invocations that failed (an exception, a timeout, out of memory); a handler that returns a 500 succeeded,
 * which the ApiGateway alarm sees. https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 */
export function awsFunctionAlarms(ctx: AwsAlarmContext, functionName: pulumi.Input<string>): void {
  const name = ctx.alarms.name;
  const dims = { FunctionName: functionName };
  if (ctx.alarms.errorRate)
    errorRateAlarm(
      ctx,
      `${name}-alarm-error-rate`,
      `Lambda ${name}`,
      [metric("AWS/Lambda", "Errors", dims, "Sum")],
      metric("AWS/Lambda", "Invocations", dims, "Sum"),
    );
  if (ctx.alarms.p99LatencyMs)
    latencyAlarm(
      ctx,
      `${name}-alarm-latency`,
      `Lambda ${name}`,
      { namespace: "AWS/Lambda", metricName: "Duration", dimensions: dims },
      1,
    );
}

/**
 * HTTP API: `5xx` ÷ `Count` (Sum) and p99 `Latency` (milliseconds), by ApiId (every stage; the API has one,
 * `$default`). https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
 */
export function awsApiAlarms(ctx: AwsAlarmContext, apiId: pulumi.Input<string>): void {
  const name = ctx.alarms.name;
  const dims = { ApiId: apiId };
  if (ctx.alarms.errorRate)
    errorRateAlarm(
      ctx,
      `${name}-alarm-error-rate`,
      `HTTP API ${name}`,
      [metric("AWS/ApiGateway", "5xx", dims, "Sum")],
      metric("AWS/ApiGateway", "Count", dims, "Sum"),
    );
  if (ctx.alarms.p99LatencyMs)
    latencyAlarm(
      ctx,
      `${name}-alarm-latency`,
      `HTTP API ${name}`,
      { namespace: "AWS/ApiGateway", metricName: "Latency", dimensions: dims },
      1,
    );
}

/**
 * One region's ALB: (HTTPCode_Target_5XX_Count + HTTPCode_ELB_5XX_Count) ÷ RequestCount (Sum) and p99
 * TargetResponseTime, which is in seconds, by LoadBalancer (the ARN suffix `app/<name>/<id>`).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
 */
export function awsLoadBalancerAlarms(
  ctx: AwsAlarmContext,
  label: string,
  arnSuffix: pulumi.Input<string>,
  health?: { targetGroupArnSuffix: pulumi.Input<string> },
): void {
  const name = `${ctx.alarms.name}-${label}`;
  const dims = { LoadBalancer: arnSuffix };
  if (health) targetHealthAlarm(ctx, name, arnSuffix, health.targetGroupArnSuffix);
  if (ctx.alarms.errorRate)
    errorRateAlarm(
      ctx,
      `${name}-alarm-error-rate`,
      `ALB ${name} (${ctx.region})`,
      [
        metric("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", dims, "Sum"),
        metric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", dims, "Sum"),
      ],
      metric("AWS/ApplicationELB", "RequestCount", dims, "Sum"),
    );
  if (ctx.alarms.p99LatencyMs)
    latencyAlarm(
      ctx,
      `${name}-alarm-latency`,
      `ALB ${name} (${ctx.region})`,
      { namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", dimensions: dims },
      1 / 1000,
    );
}

/**
 * Region health behind Global Accelerator: it routes away from an ALB endpoint when the ELB health checks find no
 * healthy target, so the alarm is the target group's `HealthyHostCount` Minimum below 1 for one minute, by
 * TargetGroup and LoadBalancer.
 * https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoint-groups-health-check-options.html
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
 */
function targetHealthAlarm(
  ctx: AwsAlarmContext,
  name: string,
  loadBalancer: pulumi.Input<string>,
  targetGroup: pulumi.Input<string>,
) {
  const actions = alarmActions(ctx);
  return new aws.cloudwatch.MetricAlarm(
    ...withTransform(
      ctx.transforms,
      "alarmHealth",
      `${name}-alarm-health`,
      {
        alarmDescription: `Region ${ctx.region} of ${ctx.alarms.component} has no healthy target: Global Accelerator sends its traffic elsewhere (Meridian)`,
        namespace: "AWS/ApplicationELB",
        metricName: "HealthyHostCount",
        dimensions: { TargetGroup: targetGroup, LoadBalancer: loadBalancer },
        statistic: "Minimum",
        period: PERIOD,
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        // No data means the load balancer reports no targets at all: as unhealthy as none healthy.
        treatMissingData: "breaching",
        alarmActions: actions,
        okActions: actions,
        region: ctx.region,
        tags: commonTags("aws", "Alarms"),
      } satisfies aws.cloudwatch.MetricAlarmArgs,
      { parent: ctx.parent },
    ),
  );
}

/**
 * Route 53 health: `HealthCheckStatus` (1 healthy, 0 unhealthy) Minimum below 1 for one minute, by
 * HealthCheckId. Route 53 publishes its metrics only in US East (N. Virginia), so these alarms, and the topic
 * they notify, are in us-east-1 whatever the endpoints' regions.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-cloudwatch.html (AWS/Route53 metrics)
 */
export const ROUTE53_METRICS_REGION = "us-east-1";

export function awsHealthCheckAlarms(
  ctx: Omit<AwsAlarmContext, "region">,
  checks: { id: string; healthCheckId: pulumi.Input<string> }[],
): void {
  const c: AwsAlarmContext = { ...ctx, region: ROUTE53_METRICS_REGION };
  const actions = alarmActions(c);
  for (const check of checks) {
    new aws.cloudwatch.MetricAlarm(
      ...withTransform(
        ctx.transforms,
        "alarmHealth",
        `${ctx.alarms.name}-${check.id}-alarm-health`,
        {
          alarmDescription: `Endpoint ${check.id} of ${ctx.alarms.component} is unhealthy: DNS has failed over (Meridian)`,
          namespace: "AWS/Route53",
          metricName: "HealthCheckStatus",
          dimensions: { HealthCheckId: check.healthCheckId },
          statistic: "Minimum",
          period: PERIOD,
          comparisonOperator: "LessThanThreshold",
          threshold: 1,
          evaluationPeriods: 1,
          datapointsToAlarm: 1,
          // No data from the health checkers is not health: it stays as it was.
          treatMissingData: "missing",
          alarmActions: actions,
          okActions: actions,
          region: ROUTE53_METRICS_REGION,
          tags: commonTags("aws", "Alarms"),
        } satisfies aws.cloudwatch.MetricAlarmArgs,
        { parent: ctx.parent },
      ),
    );
  }
}
