/** One row of the real-cloud suite's table: one step of one example. */
export interface StepRow {
  readonly example: string;
  readonly step: string;
  readonly ok: boolean;
  /** Not run, with the reason (missing configuration, an earlier step failed...). */
  readonly skipped?: string;
  readonly seconds?: number;
  readonly detail?: string;
}

/** The table printed at the end of a run: fixed-width columns, one line per step. */
export function formatReport(rows: readonly StepRow[]): string {
  const cells = rows.map((r) => [
    r.example,
    r.step,
    r.skipped !== undefined ? "skip" : r.ok ? "ok" : "FAIL",
    r.seconds === undefined ? "" : r.seconds.toFixed(1),
    r.skipped ?? r.detail ?? "",
  ]);
  const header = ["example", "step", "result", "seconds", "detail"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => (i === 3 ? x.padStart(widths[i]) : x.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

/** Exit status of a run: non-zero as soon as one step failed (a skip is not a failure). */
export function exitCode(rows: readonly StepRow[]): number {
  return rows.some((r) => !r.ok && r.skipped === undefined) ? 1 : 0;
}
