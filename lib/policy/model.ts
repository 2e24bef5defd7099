/**
 * The policy model: one resource as a policy sees it, the stack around it, and a violation. Both runners
 * build these — the offline checker from a plan JSON (lib/policy/check.ts) and the `@pulumi/policy` pack
 * (policy/index.ts) from what the engine sends — so every rule is one pure function run unchanged by both.
 */
import type { Cloud as PlacementCloud } from "../core/placement";

/** The clouds a rule applies to: the placement clouds (one list for the whole library), or "any". */
export type Cloud = PlacementCloud | "any";

export interface PolicyResource {
  urn: string;
  /** Pulumi type token, e.g. `aws:iam/role:Role`. */
  type: string;
  /** Logical name. */
  name: string;
  /**
   * Inputs in plan form: secrets `{ "secret": true }` (offline only; the pack sees secret values unwrapped),
   * unknowns `{ "unknown": true }`, assets `{ "$asset": ... }`.
   */
  inputs: Record<string, unknown>;
  protect: boolean;
  /** `undefined` when the runner cannot observe it (the engine does not send it to policy packs). */
  retainOnDelete: boolean | undefined;
  /** URNs this resource depends on. */
  dependencies: string[];
}

export interface PolicyContext {
  /** Stack name (from the URNs: `urn:pulumi:<stack>::...`). */
  stack: string;
  /** Every resource of the stack (for resource-scoped policies in the pack: just the one being checked). */
  resources: PolicyResource[];
  /**
   * True when a secret input can be told from a plain one (plan JSON: `{ "secret": true }`). The pack gets
   * secret values unwrapped from `@pulumi/policy`, so it sets false and policies that need the distinction
   * skip that part.
   */
  secretsVisible: boolean;
  /**
   * What an unknown value (`{ "unknown": true }`) means to a rule that must see it. "violate" (offline plans, and
   * `pulumi up`): it cannot be shown to comply, so it is a violation — fail closed. "defer": only the policy pack
   * under `pulumi preview`, where the engine runs every policy again "immediately before [resources] are created
   * or updated" with resolved inputs (https://github.com/pulumi/pulumi-policy#readme), so the update still stops.
   */
  unknowns: "violate" | "defer";
}

export interface Violation {
  policy: string;
  urn: string;
  type: string;
  message: string;
  enforcementLevel: "mandatory";
}

/**
 * One policy. `check` returns the reasons the resource breaks it (empty when it complies). `scope: "stack"`
 * policies look at other resources through `ctx.resources` (the pack runs them in `validateStack`);
 * `scope: "resource"` policies look only at the resource (the pack runs them in `validateResource`).
 */
export interface PolicyRule {
  name: string;
  description: string;
  clouds: Cloud[];
  scope: "resource" | "stack";
  /** The resource types the policy looks at (used to skip others quickly and in the docs). */
  types: readonly string[];
  /** Overrides the `types` filter for families of types (e.g. every GCP `*IamMember`). */
  appliesTo?(type: string): boolean;
  check(resource: PolicyResource, ctx: PolicyContext): string[];
}

/** Stack name from a URN `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function stackOfUrn(urn: string): string {
  const m = /^urn:pulumi:([^:]*)::/.exec(urn);
  return m ? m[1] : "";
}

/** Whether `rule` looks at resources of `type`. */
export function applies(rule: PolicyRule, type: string): boolean {
  return rule.appliesTo ? rule.appliesTo(type) : rule.types.includes(type);
}
