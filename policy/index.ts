/**
 * Meridian's policy pack: `pulumi preview --policy-pack policy`. Every policy is a rule from lib/policy — the
 * same functions `npm run policy -- --plan FILE` runs over a recorded plan (see docs/policy.md). A project using
 * the package does the same with `import { createPolicyPack } from "meridian/policy"`.
 */
import { createPolicyPack } from "../lib/policy/pack";

createPolicyPack("meridian");
