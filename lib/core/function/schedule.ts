import { CronField, DAY_NAMES, UnixCron, isFull, parseUnixCron } from "./cron";

/**
 * One neutral schedule expression, translated to each cloud's dialect:
 * - `rate(5 minutes)` / `rate(1 hour)` / `rate(2 days)`
 * - `cron(M H DoM Mon DoW)`: standard five-field Unix cron (what GCP and Cloudflare take natively).
 */
export type ParsedSchedule =
  | { readonly kind: "rate"; readonly value: number; readonly unit: "minute" | "hour" | "day" }
  | {
      readonly kind: "cron";
      readonly fields: readonly [string, string, string, string, string];
      /** What each field matches. */
      readonly cron: UnixCron;
    };

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.+)\)$/;

/** Parses a neutral schedule, or returns an error message saying what is allowed. */
export function parseSchedule(expression: string): ParsedSchedule | string {
  const rate = RATE.exec(expression.trim());
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2].replace(/s$/, "") as "minute" | "hour" | "day";
    if (value < 1) return `rate must be at least 1 ${unit}`;
    const cycle = unit === "minute" ? 60 : unit === "hour" ? 24 : 31;
    // Unix cron steps only divide their own field evenly; other rates cannot be expressed on GCP/Azure/Cloudflare.
    if (value > 1 && (cycle % value !== 0 || value >= cycle)) {
      return `rate(${value} ${rate[2]}) cannot be written as cron on every cloud; use a value that divides ${cycle} or write cron(...)`;
    }
    return { kind: "rate", value, unit };
  }
  const cron = CRON.exec(expression.trim());
  if (cron) {
    const fields = cron[1].trim().split(/\s+/);
    if (fields.length !== 5)
      return `cron needs exactly five fields "minute hour day-of-month month day-of-week", e.g. cron(0 12 * * *)`;
    const parsed = parseUnixCron(fields);
    if (typeof parsed === "string") return parsed;
    // With both day fields set, Unix cron fires when EITHER matches (crontab(5)); EventBridge cannot say that (one
    // of the two must be `?`, https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based).
    if (fields[2] !== "*" && fields[4] !== "*")
      return `day-of-month ${JSON.stringify(fields[2])} and day-of-week ${JSON.stringify(fields[4])} are both set: Unix cron fires when either matches, which EventBridge Scheduler cannot express; set one of them to * (use two schedules for both)`;
    return { kind: "cron", fields: fields as [string, string, string, string, string], cron: parsed };
  }
  return `expected "rate(N minutes|hours|days)" or "cron(M H DoM Mon DoW)"`;
}

/** Five-field Unix cron (GCP Cloud Scheduler, Cloudflare cron triggers). */
export function toUnixCron(s: ParsedSchedule): string {
  if (s.kind === "cron") return s.fields.join(" ");
  const step = (n: number) => (n === 1 ? "*" : `*/${n}`);
  if (s.unit === "minute") return `${step(s.value)} * * * *`;
  if (s.unit === "hour") return `0 ${step(s.value)} * * *`;
  return `0 0 ${step(s.value)} * *`;
}

/** Azure NCRONTAB (six fields, seconds first). */
export function toNcrontab(s: ParsedSchedule): string {
  return `0 ${toUnixCron(s)}`;
}

/**
 * EventBridge Scheduler `cron(minutes hours day-of-month month day-of-week year)`, written from what the Unix
 * expression matches (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based and
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions):
 * - day-of-week is numbered 1-7 = SUN-SAT there (Unix: 0-7, 0 and 7 = Sunday), so days are written by name
 *   (SUN-SAT), which both dialects read the same way;
 * - one of day-of-month and day-of-week must be `?`: the one left `*` in the Unix expression;
 * - values are written as `*`, `a`, `a-b`, `a/step` (documented forms) or a comma list of single values.
 */
export function toAwsSchedule(s: ParsedSchedule): string {
  if (s.kind === "rate") return `rate(${s.value} ${s.unit}${s.value === 1 ? "" : "s"})`;
  const c = s.cron;
  const minute = awsField(c.minute, 0, 59);
  const hour = awsField(c.hour, 0, 23);
  const month = awsField(c.month, 1, 12);
  if (s.fields[4] === "*") return `cron(${minute} ${hour} ${awsField(c.dayOfMonth, 1, 31)} ${month} ? *)`;
  return `cron(${minute} ${hour} ? ${month} ${awsDays(c.dayOfWeek)} *)`;
}

function awsField(field: CronField, min: number, max: number): string {
  const v = field.values;
  if (isFull(field, max - min + 1)) return "*";
  if (v.length === 1) return String(v[0]);
  const step = v[1] - v[0];
  const arithmetic = v.every((x, i) => i === 0 || x - v[i - 1] === step);
  if (arithmetic && step === 1) return `${v[0]}-${v[v.length - 1]}`;
  // `a/step` runs to the end of the field: only when the next value would be past it.
  if (arithmetic && v[v.length - 1] + step > max) return `${v[0]}/${step}`;
  return v.join(",");
}

function awsDays(field: CronField): string {
  const v = field.values;
  if (isFull(field, 7)) return "*";
  const contiguous = v.every((x, i) => i === 0 || x - v[i - 1] === 1);
  if (contiguous && v.length > 1) return `${DAY_NAMES[v[0]]}-${DAY_NAMES[v[v.length - 1]]}`;
  return v.map((d) => DAY_NAMES[d]).join(",");
}
