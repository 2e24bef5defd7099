/**
 * The five-field Unix cron dialect (Vixie cron, crontab(5): https://man7.org/linux/man-pages/man5/crontab.5.html),
 * parsed into the set of values each field matches, so that every cloud's dialect can be written from the meaning
 * rather than from the text.
 *
 * Accepted per field: `*`, a number, a range `a-b`, a step `*\/n` or `a-b/n`, and comma lists of those; months
 * also by name (JAN-DEC), days of the week by name (SUN-SAT) or number 0-7 (0 and 7 are both Sunday). Refused: the
 * Quartz extensions `?`, `L`, `W`, `#` (not Unix; Cloud Scheduler and Cloudflare would read them differently or not
 * at all), reversed ranges, steps of 0 and values out of range.
 */

export interface CronField {
  /** The field as written. */
  readonly text: string;
  /** The values it matches, ascending, without duplicates (day of week: 0-6, Sunday = 0). */
  readonly values: readonly number[];
}

export interface UnixCron {
  readonly minute: CronField;
  readonly hour: CronField;
  readonly dayOfMonth: CronField;
  readonly month: CronField;
  readonly dayOfWeek: CronField;
}

interface FieldRule {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
export const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

const RULES: readonly FieldRule[] = [
  { label: "minute", min: 0, max: 59 },
  { label: "hour", min: 0, max: 23 },
  { label: "day-of-month", min: 1, max: 31 },
  { label: "month", min: 1, max: 12, names: MONTH_NAMES },
  // 7 is Sunday too (crontab(5)); it is folded into 0 below.
  { label: "day-of-week", min: 0, max: 7, names: DAY_NAMES },
];

/** Parses five Unix cron fields, or returns a message saying what is wrong and what is allowed. */
export function parseUnixCron(fields: readonly string[]): UnixCron | string {
  if (fields.length !== 5) return `cron needs exactly five fields "minute hour day-of-month month day-of-week"`;
  const parsed: CronField[] = [];
  for (let i = 0; i < 5; i++) {
    const values = parseField(fields[i], RULES[i]);
    if (typeof values === "string") return values;
    parsed.push({ text: fields[i], values });
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parsed;
  return { minute, hour, dayOfMonth, month, dayOfWeek };
}

function parseField(text: string, rule: FieldRule): number[] | string {
  if (/[?LW#]/i.test(text.replace(/[A-Z]{3}/gi, (m) => (rule.names?.includes(m.toUpperCase()) ? "" : m))))
    return `${rule.label} ${JSON.stringify(text)}: ?, L, W and # are not Unix cron; write the days out (e.g. 1-5 or MON-FRI)`;
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^(\*|([0-9A-Za-z]+)(?:-([0-9A-Za-z]+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return `${rule.label} ${JSON.stringify(text)}: expected *, n, a-b, */n or a-b/n (comma-separated)`;
    let lo = rule.min;
    let hi = rule.max === 7 ? 6 : rule.max;
    if (m[1] !== "*") {
      const a = value(m[2], rule);
      if (typeof a === "string") return a;
      lo = a;
      hi = a;
      if (m[3] !== undefined) {
        const b = value(m[3], rule);
        if (typeof b === "string") return b;
        hi = b;
      }
      if (hi < lo) return `${rule.label} ${JSON.stringify(part)}: a range goes from low to high`;
      if (m[3] === undefined && m[4] !== undefined)
        return `${rule.label} ${JSON.stringify(part)}: a step needs a range or * before it (e.g. */${m[4]} or ${m[2]}-${rule.max}/${m[4]})`;
    }
    const step = m[4] === undefined ? 1 : Number(m[4]);
    if (step < 1) return `${rule.label} ${JSON.stringify(part)}: a step is at least 1`;
    for (let v = lo; v <= hi; v += step) out.add(rule.max === 7 ? v % 7 : v);
  }
  return [...out].sort((x, y) => x - y);
}

function value(token: string, rule: FieldRule): number | string {
  const index = rule.names?.indexOf(token.toUpperCase()) ?? -1;
  if (index >= 0) return rule.min === 1 ? index + 1 : index;
  if (!/^\d+$/.test(token))
    return `${rule.label} ${JSON.stringify(token)}: expected a number${rule.names ? ` or ${rule.names[0]}-${rule.names[rule.names.length - 1]}` : ""}`;
  const n = Number(token);
  if (n < rule.min || n > rule.max) return `${rule.label} ${n}: allowed ${rule.min}-${rule.max}`;
  return n;
}

/** True when the field matches every value it can hold. */
export function isFull(field: CronField, size: number): boolean {
  return field.values.length === size;
}
