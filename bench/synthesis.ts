import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ChildResult, runChild } from "./measure";
import { COMPILED_LIB } from "./compile";
import { Row, median, ratio } from "./rows";
import type { StackKind } from "./stacks";

/** One stack size: both sides' median wall time and peak RSS, and the resource count. */
export interface SynthesisPoint {
  kind: StackKind;
  size: number;
  resources: number;
  componentMs: number;
  baselineMs: number;
  componentRssMiB: number;
  baselineRssMiB: number;
}

const LABEL: Record<StackKind, (n: number) => string> = {
  regions: (n) => `MultiRegionService, ${n} AWS region${n > 1 ? "s" : ""}`,
  functions: (n) => `${n} ServerlessFunctions + ${Math.ceil(n / 10)} ApiGateway${n > 10 ? "s" : ""}`,
};

/**
 * Evaluates each stack `runs` times through the components and `runs` times through the SDK baseline (replaying
 * the plan the components produced), alternating the two so that load from other processes hits both alike.
 * Every run is a fresh compiled Node process.
 */
export function measureSynthesis(
  kind: StackKind,
  sizes: number[],
  runs: number,
  compiledRoot: string,
): SynthesisPoint[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-bench-"));
  try {
    return sizes.map((size) => {
      const planFile = path.join(dir, `${kind}-${size}.json`);
      const comp: ChildResult[] = [];
      const base: ChildResult[] = [];
      for (let i = 0; i < runs; i++) {
        comp.push(runChild("synth", [COMPILED_LIB, "component", kind, String(size), planFile], { compiledRoot }));
        base.push(runChild("synth", [COMPILED_LIB, "baseline", planFile], { compiledRoot }));
        if (base[i].resources !== comp[i].resources) {
          throw new Error(
            `baseline registered ${base[i].resources} resources, the components ${comp[i].resources} (${kind} ${size})`,
          );
        }
      }
      return {
        kind,
        size,
        resources: comp[0].resources as number,
        componentMs: median(comp.map((r) => r.ms)),
        baselineMs: median(base.map((r) => r.ms)),
        componentRssMiB: median(comp.map((r) => r.rssMiB)),
        baselineRssMiB: median(base.map((r) => r.rssMiB)),
      };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Time ratio per doubling of the resource count between two sizes: (t2/t1)^(1/log2(n2/n1)). */
export function growthPerDoubling(a: SynthesisPoint, b: SynthesisPoint, ms: (p: SynthesisPoint) => number): number {
  const doublings = Math.log2(b.resources / a.resources);
  return Math.round(Math.pow(ms(b) / ms(a), 1 / doublings) * 100) / 100;
}

/** Table rows: time and memory per size against the baseline, the 500-function memory cap, and growth per doubling. */
export function synthesisRows(points: SynthesisPoint[]): Row[] {
  const rows: Row[] = [];
  for (const p of points) {
    const timeRatio = ratio(p.componentMs, p.baselineMs)!;
    rows.push({
      figure: "synthesis",
      name: `${LABEL[p.kind](p.size)}: time`,
      unit: "ms",
      measured: Math.round(p.componentMs),
      baseline: Math.round(p.baselineMs),
      ratio: timeRatio,
      goal: "ratio ≤ 1.25",
      ok: timeRatio <= 1.25,
      note: `${p.resources} resources`,
    });
    const big = p.kind === "functions" && p.size >= 500;
    rows.push({
      figure: "synthesis",
      name: `${LABEL[p.kind](p.size)}: peak RSS`,
      unit: "MiB",
      measured: p.componentRssMiB,
      baseline: p.baselineRssMiB,
      ratio: ratio(p.componentRssMiB, p.baselineRssMiB),
      goal: big ? "< 1024 MiB" : undefined,
      ok: big ? p.componentRssMiB < 1024 : undefined,
    });
  }
  for (const kind of ["regions", "functions"] as StackKind[]) {
    const series = points.filter((p) => p.kind === kind);
    for (let i = 1; i < series.length; i++) {
      const [a, b] = [series[i - 1], series[i]];
      const g = growthPerDoubling(a, b, (p) => p.componentMs);
      const gBase = growthPerDoubling(a, b, (p) => p.baselineMs);
      rows.push({
        figure: "synthesis",
        name: `growth per doubling, ${kind} ${a.size} → ${b.size}`,
        unit: "×",
        measured: g,
        baseline: gBase,
        ratio: ratio(g, gBase),
        goal: "≤ 2.2× per doubling",
        ok: g <= 2.2,
        note: `${a.resources} → ${b.resources} resources`,
      });
    }
  }
  return rows;
}
