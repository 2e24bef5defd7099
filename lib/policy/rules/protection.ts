import { STATEFUL_TYPES } from "../../core/stateful";
import type { PolicyRule } from "../model";

/** Stack names treated as production: `prod`, `production`, or ending in `-prod` / `-production` (also `_`, `.`). */
export function isProductionStack(stack: string): boolean {
  return /(^|[-_.])(prod|production)$/i.test(stack);
}

export const prodStatefulProtected: PolicyRule = {
  name: "prod-stateful-protected",
  description:
    "In a production stack (name `prod`, `production` or ending in `-prod`), every stateful resource (buckets, databases, queues, secrets, key vaults, DNS zones, certificates, log groups and workspaces — the STATEFUL_TYPES list shared with `npm run plan -- --diff`) must have the `protect` or `retainOnDelete` resource option. Why: deleting or replacing one loses data; in production that must take a deliberate step. `pulumi preview` does not pass retainOnDelete to policy packs, so there only `protect` satisfies it.",
  clouds: ["aws", "gcp", "azure", "cloudflare"],
  scope: "resource",
  types: [...STATEFUL_TYPES],
  check(r, ctx) {
    if (!isProductionStack(ctx.stack) || r.protect || r.retainOnDelete === true) return [];
    return [
      r.retainOnDelete === undefined
        ? "stateful resource in production is not protected: set the protect resource option"
        : "stateful resource in production has neither protect nor retainOnDelete: a delete or replace would lose its data",
    ];
  },
};
