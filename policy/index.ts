/**
 * Meridian's policy pack: `pulumi preview --policy-pack policy`. Every policy is a rule from lib/policy — the
 * same functions `npm run policy -- --plan FILE` runs over a recorded plan (see docs/policy.md).
 */
import { PolicyPack } from "@pulumi/policy";
import { MANDATORY, PACK_POLICIES } from "./pack";

new PolicyPack("meridian", {
  description:
    "Meridian security and reliability policies: least privilege, HTTPS and TLS 1.2+, private encrypted storage, log retention, health-checked failover DNS, no plain-text secrets, intended public access, protected production data.",
  enforcementLevel: MANDATORY,
  policies: PACK_POLICIES,
});
