import * as pulumi from "@pulumi/pulumi";
import type { PolicyResource as PackResource, ResourceValidationArgs } from "@pulumi/policy";
import type { PolicyResource } from "../model";

/**
 * The engine's unknown-value sentinels (one per value type; the same constants in every Pulumi SDK's RPC
 * layer). `@pulumi/policy` leaves them in the props and throws when a policy touches one; we turn them into
 * the plan's `{ "unknown": true }` so a rule skips just that value instead of the whole policy.
 */
const UNKNOWN_SENTINELS = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The object under `@pulumi/policy`'s unknown-checking proxy (reading through the proxy throws on unknowns). */
function unproxied(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const target = (value as Record<string, unknown>)["__getSpecialProxyTarget"];
  return target !== undefined ? target : value;
}

/** Props as plan-form JSON: unknowns `{ unknown: true }`, assets and archives described, everything else copied. */
export function toPlanForm(value: unknown): unknown {
  const v = unproxied(value);
  if (typeof v === "string") return UNKNOWN_SENTINELS.has(v) ? { unknown: true } : v;
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map(toPlanForm);
  if (pulumi.asset.Asset.isInstance(v)) return { $asset: "asset" };
  if (pulumi.asset.Archive.isInstance(v)) return { $archive: "archive" };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) out[key] = toPlanForm((v as Record<string, unknown>)[key]);
  return out;
}

/** A resource as `validateResource` sees it. Dependencies are not sent per resource; resource policies need none. */
export function fromValidationArgs(args: ResourceValidationArgs): PolicyResource {
  return {
    urn: args.urn,
    type: args.type,
    name: args.name,
    inputs: toPlanForm(args.props) as Record<string, unknown>,
    protect: args.opts.protect === true,
    retainOnDelete: undefined,
    dependencies: [],
  };
}

/** A resource as `validateStack` sees it, with its dependencies as URNs. */
export function fromStackResource(r: PackResource): PolicyResource {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    inputs: toPlanForm(r.props) as Record<string, unknown>,
    protect: r.opts.protect === true,
    retainOnDelete: undefined,
    dependencies: (r.dependencies ?? []).map((d) => d.urn),
  };
}
