import * as pulumi from "@pulumi/pulumi";
import type { Plan, PlanResource } from "../lib/engine/plan";

/**
 * The synthesis baseline: a program that registers exactly the resources of a recorded plan — same types,
 * names, parents, inputs and dependency edges — straight through the provider SDK classes, with none of
 * Meridian's component logic (validation, naming, bundling, output chaining). Comparing the two recordings
 * isolates what the library itself costs.
 */
export function baselineProgram(plan: Plan): () => void {
  return () => {
    const byUrn = new Map<string, pulumi.Resource>();
    for (const r of inCreationOrder(plan.resources)) {
      const parent = r.parent ? byUrn.get(r.parent) : undefined;
      const dependsOn = r.dependencies.map((d) => byUrn.get(d)).filter((d): d is pulumi.Resource => !!d);
      const opts: pulumi.CustomResourceOptions = {
        parent,
        dependsOn,
        protect: r.protect,
        retainOnDelete: r.retainOnDelete,
      };
      const res = r.custom
        ? new (sdkClass(r.type))(r.name, revive(r.inputs), opts)
        : new pulumi.ComponentResource(r.type, r.name, {}, opts);
      byUrn.set(r.urn, res);
    }
  };
}

/** Parents before children, dependencies before dependents (the plan is sorted by URN, not by creation). */
function inCreationOrder(resources: PlanResource[]): PlanResource[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const done = new Set<string>();
  const out: PlanResource[] = [];
  const visit = (r: PlanResource, path: Set<string>) => {
    if (done.has(r.urn) || path.has(r.urn)) return;
    path.add(r.urn);
    for (const dep of [r.parent, ...r.dependencies]) {
      const d = byUrn.get(dep);
      if (d) visit(d, path);
    }
    done.add(r.urn);
    out.push(r);
  };
  for (const r of resources) visit(r, new Set());
  return out;
}

type Ctor = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.Resource;

/** `aws:lambda/function:Function` → `require("@pulumi/aws").lambda.Function`; providers → `<pkg>.Provider`. */
function sdkClass(type: string): Ctor {
  const [pkg, mod, cls] = type.split(":");
  if (pkg === "pulumi") {
    return require(`@pulumi/${cls}`).Provider;
  }

  const sdk = require(`@pulumi/${pkg}`);
  const moduleName = mod.split("/")[0];
  const ns = moduleName === "index" ? sdk : sdk[moduleName];
  const ctor = ns?.[cls];
  if (typeof ctor !== "function") throw new Error(`baseline: no SDK class for ${type}`);
  return ctor as Ctor;
}

/** Plan values back into program inputs: secrets become secrets, described assets become assets of the same size. */
function revive(value: unknown): any {
  if (Array.isArray(value)) return value.map(revive);
  if (!value || typeof value !== "object") return value;
  const obj = value as Record<string, any>;
  if (obj.secret === true && Object.keys(obj).length === 1) return pulumi.secret("baseline-secret");
  if (obj.$asset === "string") return new pulumi.asset.StringAsset("x".repeat(obj.bytes ?? 1));
  if (obj.$asset === "file") return new pulumi.asset.FileAsset(obj.path);
  if (obj.$archive === "assets")
    return new pulumi.asset.AssetArchive(
      Object.fromEntries(Object.entries(obj.assets).map(([k, v]) => [k, revive(v)])),
    );
  if (obj.$archive === "file") return new pulumi.asset.FileArchive(obj.path);
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, revive(v)]));
}
