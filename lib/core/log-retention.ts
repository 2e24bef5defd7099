import { describe } from "./errors";
import { Cloud } from "./placement";
import { Validator } from "./validate";

/**
 * How long a cloud's log store can keep logs: the one rule every component applies to a retention it is given
 * (`logRetentionDays` on ServerlessFunction and MultiRegionService, `accessLogs.retentionDays` on ApiGateway), so
 * the same value is refused or kept the same way everywhere, and never silently rounded to another one.
 */
export type LogRetentionRule =
  | { readonly kind: "values"; readonly store: string; readonly values: readonly number[]; readonly source: string }
  | {
      readonly kind: "range";
      readonly store: string;
      readonly min: number;
      readonly max: number;
      readonly source: string;
    }
  | { readonly kind: "fixed"; readonly store: string; readonly fixedBy: string; readonly source: string };

export const LOG_RETENTION: Record<Cloud, LogRetentionRule> = {
  // PutRetentionPolicy retentionInDays "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
  // 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653".
  aws: {
    kind: "values",
    store: "CloudWatch Logs",
    values: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
    source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html",
  },
  // A log bucket keeps logs for a custom retention of 1 to 3650 days (LogBucket.retentionDays: "The minimum retention
  // period is 1 day", https://cloud.google.com/logging/docs/reference/v2/rest/v2/locations.buckets).
  gcp: {
    kind: "range",
    store: "a Cloud Logging bucket",
    min: 1,
    max: 3650,
    source: "https://cloud.google.com/logging/docs/buckets#custom-retention",
  },
  // The workspace's default (interactive) retention of Analytics tables goes "up to two years": 30 to 730 days on the
  // PerGB2018 tier. Longer needs long-term (archive) retention per table, which is not queried the same way.
  azure: {
    kind: "range",
    store: "a Log Analytics workspace",
    min: 30,
    max: 730,
    source: "https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure",
  },
  // Workers Logs keep logs for a period the plan sets, not one a Worker can choose (the page's "Limits").
  cloudflare: {
    kind: "fixed",
    store: "Workers Logs",
    fixedBy: "the account's plan (3 days Free, 7 days Paid)",
    source: "https://developers.cloudflare.com/workers/observability/logs/workers-logs/#limits",
  },
};

/** Retention (days) when none is given: a month, which every cloud above can keep. */
export const DEFAULT_LOG_RETENTION_DAYS = 30;

/** What `rule` allows, for a message. */
export function allowedRetention(rule: LogRetentionRule): string {
  if (rule.kind === "values") return `${rule.store} accepts ${rule.values.join(", ")} days`;
  if (rule.kind === "range") return `${rule.store} keeps logs ${rule.min} to ${rule.max} days`;
  return `${rule.store} retention is fixed by ${rule.fixedBy}: remove the field`;
}

/** Whether `rule` can keep logs exactly `days` days. */
export function retentionAllowed(rule: LogRetentionRule, days: number): boolean {
  if (rule.kind === "values") return rule.values.includes(days);
  if (rule.kind === "range") return days >= rule.min && days <= rule.max;
  return false;
}

/**
 * Checks a retention given for logs stored on each of `placements` (the clouds' rules, see `LOG_RETENTION`).
 * @returns the days to keep (the default when none is given) and whether the user gave them.
 * @throws ConfigError naming the field, the value and what the first cloud that cannot keep it allows.
 */
export function checkLogRetention(
  v: Validator,
  value: unknown,
  field: string,
  placements: readonly { readonly cloud: Cloud; readonly key: string }[],
): { days: number; given: boolean } {
  if (value === undefined) return { days: DEFAULT_LOG_RETENTION_DAYS, given: false };
  const days = v.integer(value, field, { min: 1 });
  for (const p of placements) {
    const rule = LOG_RETENTION[p.cloud];
    if (!retentionAllowed(rule, days))
      v.fail(field, `got ${describe(days)}; on ${describe(p.key)} ${allowedRetention(rule)} (${rule.source})`);
  }
  return { days, given: true };
}
