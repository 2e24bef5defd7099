import { stableStringify } from "../core/hash";
import { Plan, PlanResource } from "../engine/plan";

/** Every resource of a type (exact type token, e.g. `aws:lambda/function:Function`). */
export function findResources(plan: Plan, type: string): PlanResource[] {
  return plan.resources.filter((r) => r.type === type);
}

/** The one resource of a type (optionally with a given logical name); throws a readable error otherwise. */
export function getResource(plan: Plan, type: string, name?: string): PlanResource {
  const found = findResources(plan, type).filter((r) => name === undefined || r.name === name);
  if (found.length !== 1) {
    const names = findResources(plan, type).map((r) => r.name);
    throw new Error(
      `expected exactly one ${type}${name ? ` named "${name}"` : ""}, found ${found.length}${names.length ? ` (have: ${names.join(", ")})` : ""}`,
    );
  }
  return found[0];
}

/** A resource by URN, or undefined. */
export function byUrn(plan: Plan, urn: string): PlanResource | undefined {
  return plan.resources.find((r) => r.urn === urn);
}

/**
 * True when `actual` contains `expected`: objects match on the keys `expected` names (recursively), arrays
 * element by element with the same length, anything else by equality.
 */
export function matches(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e))
    );
  }
  if (expected && typeof expected === "object") {
    if (!actual || typeof actual !== "object" || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([k, v]) => matches((actual as Record<string, unknown>)[k], v));
  }
  return actual === expected;
}

/**
 * CDK-style assertion: the plan has at least one resource of `type` whose inputs contain `partialInputs`.
 * On failure the message lists each candidate with the fields that differ, so the fix is obvious.
 *
 * @example
 * hasResource(plan, "aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 30 });
 */
export function hasResource(plan: Plan, type: string, partialInputs: Record<string, unknown> = {}): PlanResource {
  const candidates = findResources(plan, type);
  const hit = candidates.find((r) => matches(r.inputs, partialInputs));
  if (hit) return hit;
  if (candidates.length === 0) {
    const types = [...new Set(plan.resources.map((r) => r.type))].sort();
    throw new Error(
      `hasResource: no resource of type ${type} in the plan.\nTypes present: ${types.join(", ") || "(none)"}`,
    );
  }
  const lines = candidates.map((r) => {
    const diffs = Object.entries(partialInputs)
      .filter(([k, v]) => !matches(r.inputs[k], v))
      .map(
        ([k, v]) =>
          `    ${k}: expected ${stableStringify(v)}, got ${r.inputs[k] === undefined ? "undefined" : stableStringify(r.inputs[k])}`,
      );
    return `  ${r.urn}\n${diffs.join("\n")}`;
  });
  throw new Error(`hasResource: no ${type} matches.\n${candidates.length} candidate(s):\n${lines.join("\n")}`);
}

/** Throws unless the plan has exactly `count` resources of `type`. */
export function resourceCountIs(plan: Plan, type: string, count: number): void {
  const n = findResources(plan, type).length;
  if (n !== count) throw new Error(`expected ${count} ${type}, found ${n}`);
}

/** True when `from` depends on `to`, directly or through other resources (dependency edges only). */
export function dependsOn(plan: Plan, from: PlanResource, to: PlanResource): boolean {
  const seen = new Set<string>();
  const stack = [from.urn];
  while (stack.length > 0) {
    const urn = stack.pop()!;
    const r = byUrn(plan, urn);
    if (!r) continue;
    for (const dep of r.dependencies) {
      if (dep === to.urn) return true;
      if (!seen.has(dep)) {
        seen.add(dep);
        stack.push(dep);
      }
    }
  }
  return false;
}

/** Every resource below a component (children, grandchildren...). */
export function descendants(plan: Plan, ancestorUrn: string): PlanResource[] {
  const below = new Set<string>([ancestorUrn]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of plan.resources) {
      if (!below.has(r.urn) && below.has(r.parent)) {
        below.add(r.urn);
        grew = true;
      }
    }
  }
  return plan.resources.filter((r) => r.urn !== ancestorUrn && below.has(r.urn));
}

/** Every string in a value, depth first: the haystack for "this secret must not appear in clear" checks. */
export function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(allStrings);
  return [];
}
