/** What a policy pack may override in Meridian's pack. */
export interface PolicyPackOptions {
  /**
   * The pack's description, shown by `pulumi preview`.
   * @default a summary of Meridian's policies
   */
  description?: string;
}

/**
 * Starts Meridian's policy pack: every rule of `POLICIES` as a mandatory `@pulumi/policy` policy (resource rules
 * in `validateResource`, stack-wide rules in `validateStack`). Call it once from the `index.ts` of a policy pack
 * folder (one with a `PulumiPolicy.yaml`), then run `pulumi preview --policy-pack <folder>`. Needs `@pulumi/policy`
 * installed in that folder; nothing else in `meridian/policy` does.
 *
 * @example
 * // policy/index.ts
 * import { createPolicyPack } from "meridian/policy";
 * createPolicyPack();
 * @param name the pack's name.
 */
export function createPolicyPack(name = "meridian", options: PolicyPackOptions = {}): void {
  const { PolicyPack } = require("@pulumi/policy") as typeof import("@pulumi/policy");
  const { MANDATORY, PACK_POLICIES } = require("./policies") as typeof import("./policies");
  new PolicyPack(name, {
    description:
      options.description ??
      "Meridian security and reliability policies: least privilege, HTTPS and TLS 1.2+, private encrypted storage, log retention, health-checked failover DNS, no plain-text secrets, intended public access, protected production data.",
    enforcementLevel: MANDATORY,
    policies: PACK_POLICIES,
  });
}
