import { cloudOfTokenPackage } from "../core/cloud-sdk";
import type { PlanResource } from "./plan";

/**
 * Where a recorded resource lives, as a placement-like label: `aws:us-east-1`, `gcp:europe-west1`,
 * `azure:westeurope`, `cloudflare`, or `<cloud> (global)` for global resources (IAM, global LBs, DNS).
 * Components have no location (""); Pulumi dynamic resources (name seeds) live in the stack's state only: `(state)`.
 */
export function locationOf(r: PlanResource): string {
  if (!r.custom) return "";
  const pkg = r.type.split(":")[0];
  if (pkg === "pulumi-nodejs") return "(state)";
  const cloud = cloudOfTokenPackage(pkg) ?? pkg;
  if (cloud === "cloudflare") return "cloudflare";
  const region =
    typeof r.inputs.region === "string"
      ? r.inputs.region
      : typeof r.inputs.location === "string"
        ? r.inputs.location
        : undefined;
  if (!region || region === "global") return `${cloud} (global)`;
  return `${cloud}:${region.toLowerCase()}`;
}
