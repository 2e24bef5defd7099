import * as pulumi from "@pulumi/pulumi";

/**
 * One threshold alarm: it fires when the value stays above `above` for `forSeconds` (every one-minute
 * data point in that window breaching).
 */
export interface AlarmThreshold {
  /**
   * The value that must be exceeded.
   * @default 0.05 for errorRate, 1000 for p99LatencyMs
   */
  above?: number;
  /**
   * How long, in seconds, every data point must breach before the alarm fires (a multiple of 60).
   * @default 300 for errorRate, 60 for p99LatencyMs
   */
  forSeconds?: number;
}

/**
 * Where alarms go. The native target (an SNS topic per AWS region, a Cloud Monitoring notification channel
 * per address, an Azure action group, Cloudflare webhook destination) is created once per stack and cloud and
 * shared by every component that gives the same `notify`.
 */
export interface AlarmNotify {
  /**
   * Addresses that receive every alarm (on AWS, SNS first mails a confirmation link that must be followed).
   * @default []
   * @example email: ["oncall@example.com"]
   */
  email?: string[];
  /**
   * An HTTPS URL that receives every alarm as a JSON POST (chat or pager integration). Treated as a
   * secret end to end: wrapped in `pulumi.secret`, never in clear in the plan or in an error message.
   * @default undefined
   * @example webhook: config.requireSecret("alarmWebhook")
   */
  webhook?: pulumi.Input<string>;
  /**
   * An existing native target alarms also go to: an SNS topic ARN (AWS), a notification channel name
   * `projects/<p>/notificationChannels/<id>` (Google Cloud), an action group id (Azure), a notification
   * webhook destination id (Cloudflare).
   * @default undefined
   * @example topic: "arn:aws:sns:us-east-1:123456789012:pager"
   */
  topic?: pulumi.Input<string>;
}

/** Request alarms of a ServerlessFunction or an ApiGateway. Given without its fields, both alarms are on. */
export interface RequestAlarms {
  /**
   * Share of requests answered with a server error (5xx, or a failed invocation) above which the alarm fires,
   * as a fraction. `false` turns it off.
   * @default { above: 0.05, forSeconds: 300 }
   * @example errorRate: { above: 0.01, forSeconds: 600 }
   */
  errorRate?: AlarmThreshold | false;
  /**
   * 99th-percentile latency in milliseconds above which the alarm fires. `false` turns it off.
   * @default { above: 1000, forSeconds: 60 }
   * @example p99LatencyMs: { above: 500, forSeconds: 300 }
   */
  p99LatencyMs?: AlarmThreshold | false;
  /** Where the alarms go (required: an alarm nobody hears is not made). */
  notify: AlarmNotify;
}

/** Alarms of a MultiRegionService: request alarms per region, and region health. */
export interface ServiceAlarms extends RequestAlarms {
  /**
   * An alarm per region that fires when the front's health check sees the region unhealthy, i.e. when a
   * failover happens.
   * @default true
   * @example health: false
   */
  health?: boolean;
}

/** Alarms of a FailoverDns: endpoint health (DNS sees no requests, so it has no error rate or latency). */
export interface DnsAlarms {
  /**
   * An alarm per endpoint that fires when its health check fails, i.e. when DNS fails over.
   * @default true
   * @example health: true
   */
  health?: boolean;
  /** Where the alarms go. */
  notify: AlarmNotify;
}
