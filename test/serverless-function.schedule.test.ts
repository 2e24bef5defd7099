import * as assert from "node:assert/strict";
import fc from "fast-check";
import { parseSchedule, toAwsSchedule } from "../lib/core/function/schedule";

/**
 * Cron on AWS (issue #14, defect 2). EventBridge Scheduler numbers day-of-week 1-7 = SUN-SAT and needs `?` in one
 * of the two day fields (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions);
 * Unix cron numbers 0-7 with 0 and 7 = Sunday (crontab(5), https://man7.org/linux/man-pages/man5/crontab.5.html).
 * The property: over a whole year, the AWS expression fires at exactly the minutes the Unix one does, each read
 * by an evaluator written here from its own documentation (not from the library's parser).
 */

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

type Matcher = (n: number) => boolean;

/** crontab(5): `*`, n, a-b, `*\/s`, a-b/s, lists; names for months and days; day-of-week 0-7, 7 = Sunday. */
function unixField(text: string, min: number, max: number, names?: string[], nameBase = 0): Matcher {
  const num = (t: string) => (names?.includes(t.toUpperCase()) ? names.indexOf(t.toUpperCase()) + nameBase : Number(t));
  const parts = text.split(",").map((part) => {
    const [range, stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    const [lo, hi] =
      range === "*" ? [min, max] : range.includes("-") ? range.split("-").map(num) : [num(range), num(range)];
    return (n: number) => n >= lo && n <= hi && (n - lo) % step === 0;
  });
  return (n) => parts.some((p) => p(n));
}

function unixFires(expr: string) {
  const [mi, h, dom, mon, dow] = expr.split(" ");
  const dowM = unixField(dow, 0, 7, DAYS);
  return {
    minute: unixField(mi, 0, 59),
    hour: unixField(h, 0, 23),
    day: (d: Date) =>
      unixField(dom, 1, 31)(d.getUTCDate()) &&
      unixField(mon, 1, 12, MONTHS, 1)(d.getUTCMonth() + 1) &&
      (dowM(d.getUTCDay()) || (d.getUTCDay() === 0 && dowM(7))),
  };
}

/** EventBridge: `*`, `?`, n, a-b, a/s, `*\/s`, lists; names JAN-DEC and SUN-SAT; day-of-week 1 = Sunday. */
function awsField(text: string, min: number, max: number, names?: string[]): Matcher {
  if (text === "?" || text === "*") return () => true;
  const num = (t: string) => (names?.includes(t) ? names.indexOf(t) + min : Number(t));
  const parts = text.split(",").map((part) => {
    const [range, stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    let lo: number;
    let hi: number;
    if (range === "*") [lo, hi] = [min, max];
    else if (range.includes("-")) [lo, hi] = range.split("-").map(num);
    else [lo, hi] = stepText ? [num(range), max] : [num(range), num(range)];
    return (n: number) => n >= lo && n <= hi && (n - lo) % step === 0;
  });
  return (n) => parts.some((p) => p(n));
}

function awsFires(expr: string) {
  const m = /^cron\((.+)\)$/.exec(expr);
  assert.ok(m, expr);
  const [mi, h, dom, mon, dow, year] = m[1].split(" ");
  assert.equal(year, "*");
  assert.ok((dom === "?") !== (dow === "?"), `exactly one day field is ? in ${expr}`);
  return {
    minute: awsField(mi, 0, 59),
    hour: awsField(h, 0, 23),
    day: (d: Date) =>
      awsField(dom, 1, 31)(d.getUTCDate()) &&
      awsField(mon, 1, 12, MONTHS)(d.getUTCMonth() + 1) &&
      awsField(dow, 1, 7, DAYS)(d.getUTCDay() + 1),
  };
}

/** Fire times over 2027 as (day, minute-of-day) pairs, compared day by day. */
function assertSameYear(unix: string) {
  const parsed = parseSchedule(`cron(${unix})`);
  assert.notEqual(typeof parsed, "string", `${unix}: ${String(parsed)}`);
  const aws = toAwsSchedule(parsed as Exclude<typeof parsed, string>);
  const u = unixFires(unix);
  const a = awsFires(aws);
  for (let i = 0; i < 60; i++) assert.equal(a.minute(i), u.minute(i), `${unix} -> ${aws}: minute ${i}`);
  for (let i = 0; i < 24; i++) assert.equal(a.hour(i), u.hour(i), `${unix} -> ${aws}: hour ${i}`);
  for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
    const d = new Date(t);
    assert.equal(a.day(d), u.day(d), `${unix} -> ${aws}: ${d.toISOString().slice(0, 10)}`);
  }
}

const num = (lo: number, hi: number) => fc.integer({ min: lo, max: hi });
function fieldArb(lo: number, hi: number, names?: string[], nameBase = 0) {
  const value = names
    ? fc.oneof(
        num(lo, hi).map(String),
        num(nameBase, nameBase + names.length - 1).map((i) => names[i - nameBase]),
      )
    : num(lo, hi).map(String);
  const range = fc.tuple(num(lo, hi), num(lo, hi)).map(([a, b]) => (a <= b ? `${a}-${b}` : `${b}-${a}`));
  const element = fc.oneof(
    value,
    range,
    num(1, hi).map((s) => `*/${s}`),
    fc.tuple(range, num(1, hi)).map(([r, s]) => `${r}/${s}`),
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant("*") },
    { weight: 5, arbitrary: fc.array(element, { minLength: 1, maxLength: 3 }).map((xs) => xs.join(",")) },
  );
}
const cronArb = fc
  .tuple(fieldArb(0, 59), fieldArb(0, 23), fieldArb(1, 31), fieldArb(1, 12, MONTHS, 1), fieldArb(0, 7, DAYS))
  // Both day fields set is refused (tested below): keep one of them `*`.
  .map(([mi, h, dom, mon, dow]) => [mi, h, dow === "*" ? dom : "*", mon, dow].join(" "));

describe("ServerlessFunction schedules: Unix cron translated for EventBridge Scheduler", () => {
  it("cron(0 9 * * 1-5) is Monday to Friday on AWS too, written by name", () => {
    assert.equal(toAwsSchedule(parseSchedule("cron(0 9 * * 1-5)") as any), "cron(0 9 ? * MON-FRI *)");
    assertSameYear("0 9 * * 1-5");
  });

  it("0 and 7 are both Sunday; names, lists, steps and wrap-around ranges keep their days", () => {
    for (const e of [
      "0 0 * * 0",
      "0 0 * * 7",
      "0 0 * * 5-7",
      "0 0 * * SAT,SUN",
      "30 6 * * mon-fri",
      "*/15 * * * *",
      "0 */6 1 * *",
      "5 4 1-10/3 JAN-MAR *",
      "0 12 * 2,8 */2",
      "0 0 29 2 *",
    ])
      assertSameYear(e);
    assert.equal(toAwsSchedule(parseSchedule("cron(*/15 * * * *)") as any), "cron(0/15 * * * ? *)");
    assert.equal(toAwsSchedule(parseSchedule("cron(0 0 * * 5-7)") as any), "cron(0 0 ? * SUN,FRI,SAT *)");
  });

  it("property: random Unix expressions fire at the same minutes of a year on AWS", () => {
    fc.assert(
      fc.property(cronArb, (e) => assertSameYear(e)),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });

  it("refuses what EventBridge cannot express or Unix does not have", () => {
    for (const [e, why] of [
      ["0 0 1 * 1", /both set/],
      ["0 0 */2 * MON", /both set/],
      ["0 0 ? * MON", /not Unix cron/],
      ["0 0 L * *", /not Unix cron/],
      ["0 0 * * 1#2", /not Unix cron/],
      ["0 0 * * 8", /allowed 0-7/],
      ["0 5-1 * * *", /low to high/],
      ["0 0/5 * * *", /step needs a range/],
      ["*/0 * * * *", /at least 1/],
      ["0 0 * *", /five fields/],
    ] as const) {
      const r = parseSchedule(`cron(${e})`);
      assert.equal(typeof r, "string", e);
      assert.match(r as string, why, e);
    }
  });
});
