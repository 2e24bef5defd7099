/**
 * lib/policy rules wrapped for `@pulumi/policy`: resource-scoped rules in `validateResource`, rules that look
 * across the stack in `validateStack`. Kept apart from createPolicyPack (index.ts), which starts the pack's
 * server, so tests can drive these wrappers directly.
 */
import type { EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

export type PackPolicy = ResourceValidationPolicy | StackValidationPolicy;
import { applies, PolicyContext, PolicyRule, stackOfUrn } from "../model";
import { POLICIES } from "../policies";
import { fromStackResource, fromValidationArgs } from "./adapter";

export const MANDATORY: EnforcementLevel = "mandatory";

/**
 * The engine sends unknowns only under `pulumi preview`, and runs every policy again during the update "immediately
 * before [resources] are created or updated" (https://github.com/pulumi/pulumi-policy#readme), when inputs are
 * resolved: so a rule the pack cannot judge on an unknown is judged at `pulumi up`, before anything is created.
 */
const unknowns = (): PolicyContext["unknowns"] => "defer";

/** One lib/policy rule as a `@pulumi/policy` policy. */
export function toPackPolicy(rule: PolicyRule): PackPolicy {
  const base = { name: rule.name, description: rule.description, enforcementLevel: MANDATORY };
  if (rule.scope === "resource") {
    return {
      ...base,
      validateResource: (args, reportViolation) => {
        if (!applies(rule, args.type)) return;
        const resource = fromValidationArgs(args);
        const ctx: PolicyContext = {
          stack: stackOfUrn(args.urn),
          resources: [resource],
          secretsVisible: false,
          unknowns: unknowns(),
        };
        for (const message of rule.check(resource, ctx)) reportViolation(message);
      },
    };
  }
  return {
    ...base,
    validateStack: (args, reportViolation) => {
      const resources = args.resources.map(fromStackResource);
      const ctx: PolicyContext = {
        stack: stackOfUrn(resources[0]?.urn ?? ""),
        resources,
        secretsVisible: false,
        unknowns: unknowns(),
      };
      for (const r of resources) {
        if (!applies(rule, r.type)) continue;
        for (const message of rule.check(r, ctx)) reportViolation(message, r.urn);
      }
    },
  };
}

/** Every Meridian policy, ready for a PolicyPack. */
export const PACK_POLICIES: PackPolicy[] = POLICIES.map(toPackPolicy);
