import { Plan, PlanResource } from "../../lib/testing";

/** The region label a resource belongs to (`<service>-<region>-...`), or undefined for a global resource. */
export function regionOf(r: PlanResource, service: string, labels: string[]): string | undefined {
  return labels.find((l) => r.name.startsWith(`${service}-${l}-`));
}

/**
 * Every edge that ties one region to another: a regional resource whose dependencies (followed transitively,
 * through global resources too) or whose parent chain reach a resource of another region. Empty = the regions
 * deploy in parallel.
 */
export function crossRegionEdges(plan: Plan, service: string, labels: string[]): string[] {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const problems: string[] = [];
  for (const r of plan.resources) {
    const mine = regionOf(r, service, labels);
    if (!mine) continue;
    const seen = new Set<string>();
    const stack = [...r.dependencies];
    while (stack.length) {
      const urn = stack.pop()!;
      if (seen.has(urn)) continue;
      seen.add(urn);
      const d = byUrn.get(urn);
      if (!d) continue;
      const theirs = regionOf(d, service, labels);
      if (theirs && theirs !== mine) problems.push(`${r.name} (${mine}) -> ${d.name} (${theirs})`);
      stack.push(...d.dependencies);
    }
    for (let p = byUrn.get(r.parent); p; p = byUrn.get(p.parent)) {
      const theirs = regionOf(p, service, labels);
      if (theirs && theirs !== mine) problems.push(`${r.name} (${mine}) parent ${p.name} (${theirs})`);
    }
  }
  return problems;
}

/** Resource types (sorted, with counts) of one region: to compare regions with each other. */
export function regionTypes(plan: Plan, service: string, label: string, labels: string[]): string[] {
  return plan.resources
    .filter((r) => regionOf(r, service, labels) === label)
    .map((r) => r.type)
    .sort();
}
