import { criticalPath, TYPICAL_CREATE_SECONDS } from "../lib/core/service";
import { recordPlan } from "../lib/engine/record";
import type { Plan } from "../lib/engine/plan";
import { Row, ratio } from "./rows";
import { regionsOf, serviceProgram } from "./stacks";

export type ServiceCloud = "aws" | "gcp" | "azure";

export interface CriticalPathPoint {
  cloud: ServiceCloud;
  regions: number;
  seconds: number;
  /** Resource types on the path, first to last. */
  path: string[];
}

/** The estimated critical path of a plan, with the types on it (lib/core/service/timing.ts; sources cited there). */
export function pathOf(plan: Plan): { seconds: number; path: string[] } {
  const types = new Map(plan.resources.map((r) => [r.urn, r.type]));
  const cp = criticalPath(plan, TYPICAL_CREATE_SECONDS);
  return { seconds: cp.seconds, path: cp.urns.map((u) => types.get(u) ?? u) };
}

/** Records a MultiRegionService over 1 and `many` regions of each cloud (default fronts) and estimates both critical paths. */
export async function measureCriticalPaths(
  clouds: ServiceCloud[] = ["aws", "gcp", "azure"],
  many = 5,
): Promise<CriticalPathPoint[]> {
  const out: CriticalPathPoint[] = [];
  for (const cloud of clouds) {
    for (const n of [1, many]) {
      const plan = await recordPlan(serviceProgram(regionsOf(cloud, n)));
      out.push({ cloud, regions: n, ...pathOf(plan) });
    }
  }
  return out;
}

const FRONT: Record<ServiceCloud, string> = { aws: "Route 53", gcp: "global LB", azure: "Front Door" };

export function criticalPathRows(points: CriticalPathPoint[]): Row[] {
  const rows: Row[] = [];
  for (const cloud of [...new Set(points.map((p) => p.cloud))]) {
    const one = points.find((p) => p.cloud === cloud && p.regions === 1)!;
    for (const many of points.filter((p) => p.cloud === cloud && p.regions > 1)) {
      const r = ratio(many.seconds, one.seconds)!;
      rows.push({
        figure: "critical path",
        name: `${cloud.toUpperCase()} (${FRONT[cloud]}): ${many.regions} regions vs 1`,
        unit: "s",
        measured: many.seconds,
        baseline: one.seconds,
        ratio: r,
        goal: "ratio ≤ 1.1",
        ok: r <= 1.1,
        note: `path: ${shortPath(many.path)}`,
      });
    }
  }
  return rows;
}

/** `aws:acm/certificate:Certificate` → `Certificate`, joined with arrows. */
function shortPath(types: string[]): string {
  return types.map((t) => t.split(":").pop()).join(" → ");
}
