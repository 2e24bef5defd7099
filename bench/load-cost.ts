import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ChildResult, runChild } from "./measure";
import { COMPILED_LIB } from "./compile";
import { Row, median, ratio } from "./rows";

export interface LoadCost {
  componentMs: number;
  baselineMs: number;
  componentRssMiB: number;
  baselineRssMiB: number;
  /** Provider SDKs in the module cache of the AWS-only Meridian program. */
  sdks: string[];
}

/**
 * An AWS-only program (one ServerlessFunction on AWS, importing the whole library) against a program that
 * imports only @pulumi/pulumi and @pulumi/aws and registers the same resources: time from process start to
 * the recorded plan, peak RSS, and which provider SDKs got loaded. Alternating runs, medians.
 */
export function measureLoadCost(runs: number, compiledRoot: string): LoadCost {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-load-"));
  const planFile = path.join(dir, "plan.json");
  try {
    const comp: ChildResult[] = [];
    const base: ChildResult[] = [];
    for (let i = 0; i < runs; i++) {
      comp.push(runChild("load", [COMPILED_LIB, "component", planFile], { compiledRoot }));
      base.push(runChild("load", [COMPILED_LIB, "baseline", planFile], { compiledRoot }));
    }
    return {
      componentMs: median(comp.map((r) => r.ms)),
      baselineMs: median(base.map((r) => r.ms)),
      componentRssMiB: median(comp.map((r) => r.rssMiB)),
      baselineRssMiB: median(base.map((r) => r.rssMiB)),
      sdks: [...new Set(comp.flatMap((r) => r.sdks as string[]))].sort(),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function loadCostRows(l: LoadCost): Row[] {
  const others = l.sdks.filter((s) => s !== "@pulumi/aws");
  const t = ratio(l.componentMs, l.baselineMs)!;
  const m = ratio(l.componentRssMiB, l.baselineRssMiB)!;
  return [
    {
      figure: "load",
      name: "AWS-only program: other clouds' SDKs loaded",
      unit: "",
      measured: others.length,
      goal: "0",
      ok: others.length === 0,
      note: others.length ? others.join(", ") : `module cache holds ${l.sdks.join(", ") || "no provider SDK"}`,
    },
    {
      figure: "load",
      name: "AWS-only program: start to plan",
      unit: "ms",
      measured: Math.round(l.componentMs),
      baseline: Math.round(l.baselineMs),
      ratio: t,
      goal: "ratio ≤ 1.1",
      ok: t <= 1.1,
    },
    {
      figure: "load",
      name: "AWS-only program: peak RSS",
      unit: "MiB",
      measured: l.componentRssMiB,
      baseline: l.baselineRssMiB,
      ratio: m,
      goal: "ratio ≤ 1.1",
      ok: m <= 1.1,
    },
  ];
}
