/**
 * One neutral schedule expression, translated to each cloud's dialect:
 * - `rate(5 minutes)` / `rate(1 hour)` / `rate(2 days)`
 * - `cron(M H DoM Mon DoW)`: standard five-field Unix cron (what GCP and Cloudflare take natively).
 */
export type ParsedSchedule =
  | { readonly kind: "rate"; readonly value: number; readonly unit: "minute" | "hour" | "day" }
  | { readonly kind: "cron"; readonly fields: readonly [string, string, string, string, string] };

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.+)\)$/;
const FIELD = /^[0-9A-Za-z*/,\-?#L]+$/;

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
    if (fields.length !== 5 || !fields.every((f) => FIELD.test(f))) {
      return `cron needs exactly five fields "minute hour day-of-month month day-of-week", e.g. cron(0 12 * * *)`;
    }
    return { kind: "cron", fields: fields as [string, string, string, string, string] };
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
 * EventBridge Scheduler: `rate(...)` as is; cron with six fields (a year) and `?` in one of the day fields,
 * which AWS requires when the other day field is set.
 */
export function toAwsSchedule(s: ParsedSchedule): string {
  if (s.kind === "rate") return `rate(${s.value} ${s.unit}${s.value === 1 ? "" : "s"})`;
  const [min, hour, dom, mon, dow] = s.fields;
  const awsDow = dow === "*" ? "?" : dow;
  const awsDom = dow === "*" ? dom : dom === "*" ? "?" : dom;
  return `cron(${min} ${hour} ${awsDom} ${mon} ${awsDow} *)`;
}
