import type { Plan } from "../engine/plan";
import { applies, PolicyContext, PolicyResource, PolicyRule, stackOfUrn, Violation } from "./model";
import { POLICIES } from "./policies";
import { isObject } from "./values";

/** Runs `rule` over one resource and turns its reasons into violations. */
export function violationsOf(rule: PolicyRule, resource: PolicyResource, ctx: PolicyContext): Violation[] {
  if (!applies(rule, resource.type)) return [];
  return rule.check(resource, ctx).map((message) => ({
    policy: rule.name,
    urn: resource.urn,
    type: resource.type,
    message,
    enforcementLevel: "mandatory" as const,
  }));
}

/** Runs every policy over every resource of a stack. */
export function checkResources(
  resources: PolicyResource[],
  options: {
    stack?: string;
    secretsVisible: boolean;
    unknowns?: "violate" | "defer";
    policies?: readonly PolicyRule[];
  },
): Violation[] {
  const ctx: PolicyContext = {
    stack: options.stack ?? stackOfUrn(resources[0]?.urn ?? ""),
    resources,
    secretsVisible: options.secretsVisible,
    unknowns: options.unknowns ?? "violate",
  };
  const out: Violation[] = [];
  for (const rule of options.policies ?? POLICIES) {
    for (const r of resources) out.push(...violationsOf(rule, r, ctx));
  }
  return out;
}

/** The policy view of a plan's custom (provider) resources; components carry no settings to check. */
export function planResources(plan: Plan): PolicyResource[] {
  return plan.resources
    .filter((r) => r.custom !== false)
    .map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      inputs: isObject(r.inputs) ? r.inputs : {},
      protect: r.protect === true,
      retainOnDelete: r.retainOnDelete === true,
      dependencies: Array.isArray(r.dependencies) ? r.dependencies : [],
    }));
}

/**
 * Runs every mandatory policy over a recorded plan (`recordPlan` or `npm run plan -- --json`).
 * @example
 * const plan = await recordPlan(program, { stack: "prod" });
 * assert.deepStrictEqual(checkPlan(plan), []);
 */
export function checkPlan(plan: Plan, policies?: readonly PolicyRule[]): Violation[] {
  return checkResources(planResources(plan), { stack: plan.stack, secretsVisible: true, policies });
}

/** One line per violation: `[policy] urn: message`. */
export function formatViolation(v: Violation): string {
  return `[${v.policy}] ${v.urn}\n    ${v.message}`;
}
