/** One line of the benchmark table: a measured value next to the baseline taken in the same run. */
export interface Row {
  /** Which of the six figures: "synthesis", "load", "critical-path", "functions", "failover", "tests". */
  figure: string;
  /** What was measured, e.g. "20 AWS regions: time". */
  name: string;
  unit: string;
  measured: number;
  /** The same measurement without Meridian (or the smaller stack, for growth figures); undefined when there is none. */
  baseline?: number;
  /** measured / baseline. */
  ratio?: number;
  /** The goal, in words (e.g. "ratio ≤ 1.25"). */
  goal?: string;
  /** Whether the goal is met (undefined when the row has no goal). */
  ok?: boolean;
  /** Anything the reader needs to interpret the row. */
  note?: string;
}

/** measured / baseline, rounded to 2 decimals (undefined without a usable baseline). */
export function ratio(measured: number, baseline: number | undefined): number | undefined {
  return baseline ? Math.round((measured / baseline) * 100) / 100 : undefined;
}

/** The median of numbers (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const fmt = (n: number | undefined, unit = ""): string => {
  if (n === undefined) return "—";
  const v = Math.abs(n) >= 100 ? Math.round(n).toString() : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
  return unit ? `${v} ${unit}` : v;
};

/** The rows as a Markdown table (what `npm run bench` prints and docs/performance.md shows). */
export function toMarkdown(rows: Row[]): string {
  const lines = ["| Figure | Measurement | Meridian | Baseline | Ratio | Goal | |", "|---|---|---:|---:|---:|---|---|"];
  for (const r of rows) {
    const status = r.ok === undefined ? "" : r.ok ? "ok" : "**MISSED**";
    const goal = r.goal ?? "";
    lines.push(
      `| ${r.figure} | ${r.name}${r.note ? ` (${r.note})` : ""} | ${fmt(r.measured, r.unit)} | ${fmt(r.baseline, r.baseline === undefined ? "" : r.unit)} | ${r.ratio === undefined ? "—" : `${r.ratio.toFixed(2)}×`} | ${goal} | ${status} |`,
    );
  }
  return lines.join("\n");
}
