import * as pulumi from "@pulumi/pulumi";
import { ConfigError, describe } from "./errors";

/**
 * A per-child customisation hook, as SST's `transform` (sst/sst platform/src/components/component.ts): either
 * an object whose fields are merged over the child's args (`{ memorySize: 2048 }`), or a function that may
 * change the child's args and options in place before the child is created. Plain functions work on the mock
 * engine too, unlike Pulumi runtime transforms (which throw under mocks).
 *
 * @example
 * transform: { function: { tracingConfig: { mode: "Active" } } }
 * @example
 * transform: { function: (args, opts) => { args.tracingConfig = { mode: "Active" }; opts.protect = true; } }
 */
export type Transform<Args> = Partial<Args> | ((args: Args, opts: pulumi.CustomResourceOptions, name: string) => void);

/** The `transform` map of a set of children: child key → hook typed with that child's SDK args. */
export type TransformsOf<Children> = { [K in keyof Children]?: Transform<Children[K]> };

/**
 * The transforms of one component on the clouds `C` (a union when the target is not known statically): every
 * child key any of those clouds creates, each typed with the union of the args of the children of that key.
 * `ByCloud` maps a cloud (or DNS provider) to that cloud's children, e.g. `{ aws: { role: aws.iam.RoleArgs } }`.
 */
export type TransformsFor<ByCloud, C> = {
  [K in KeysIn<ByCloud, C> & string]?: Transform<ArgsIn<ByCloud, C, K>>;
};
type KeysIn<ByCloud, C> = C extends keyof ByCloud ? keyof ByCloud[C] : never;
type ArgsIn<ByCloud, C, K> = C extends keyof ByCloud ? (K extends keyof ByCloud[C] ? ByCloud[C][K] : never) : never;

declare const checkedHook: unique symbol;

/**
 * Transforms as the validators hand them on: hooks checked in shape, keys checked against the backend's children
 * by the component. The hooks are opaque (a symbol type, assignable to no args type), so a backend cannot hand these
 * to `withTransform` as they are: it takes its typed view with `transformsOf<ItsChildren>`, which the compiler then
 * checks every key against.
 */
export type CheckedTransforms = { readonly [child: string]: typeof checkedHook | undefined };

/**
 * The typed view a backend takes of the checked transforms of its component. Sound because the public args type
 * gave each key its SDK args type, and `checkTransformKeys` refused every key this backend does not create.
 */
export function transformsOf<Children>(checked: CheckedTransforms): TransformsOf<Children> {
  return checked as unknown as TransformsOf<Children>;
}

/**
 * The keys of a children interface as a run-time list, checked both ways by the compiler (a missing key and an
 * extra key are both errors), so the run-time check of `transform` cannot drift from the types.
 *
 * @example
 * export const AWS_FUNCTION_CHILDREN = childKeys<AwsFunctionChildren>({ role: true, logGroup: true, function: true });
 */
export function childKeys<Children>(keys: { [K in keyof Children]-?: true }): readonly (keyof Children & string)[] {
  return Object.keys(keys) as (keyof Children & string)[];
}

/**
 * Applies the transform for `key` (if any) to a child's args and options and returns them, so that a child is
 * created as `new aws.lambda.Function(...withTransform(transforms, "function", name, args, opts))`. An object
 * transform is merged over the args (shallowly, as SST does); a function changes them in place.
 */
export function withTransform<Children, K extends keyof Children & string>(
  transforms: TransformsOf<Children> | undefined,
  key: K,
  name: string,
  args: Children[K],
  opts: pulumi.CustomResourceOptions,
): [string, Children[K], pulumi.CustomResourceOptions] {
  const hook = transforms?.[key];
  if (typeof hook === "function") {
    hook(args, opts, name);
    return [name, args, opts];
  }
  if (hook) return [name, { ...args, ...hook }, opts];
  return [name, args, opts];
}

/**
 * Checks the shape of a `transform` argument: an object whose values are functions or plain objects. Which keys
 * are allowed depends on the cloud: `checkTransformKeys` checks those once the cloud is known.
 */
export function checkTransformShape(value: unknown, component: string): CheckedTransforms {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(component, "transform", `got ${describe(value)}; expected an object { [child]: transform }`);
  }
  for (const [key, hook] of Object.entries(value)) {
    if (hook === undefined || typeof hook === "function") continue;
    if (hook === null || typeof hook !== "object" || Array.isArray(hook)) {
      throw new ConfigError(
        component,
        `transform.${key}`,
        `got ${describe(hook)}; expected a function (args, opts, name) => void or an object of args to merge`,
      );
    }
  }
  return value as unknown as CheckedTransforms;
}

/**
 * Refuses a `transform` key that names no child of this component where it runs (a misspelt key would otherwise
 * do nothing, silently). Runs before anything is registered.
 *
 * @param where e.g. `"aws:us-east-1"`, for the message
 */
export function checkTransformKeys(
  transforms: CheckedTransforms,
  allowed: readonly string[],
  component: string,
  where: string,
): void {
  for (const key of Object.keys(transforms)) {
    if (allowed.includes(key)) continue;
    const near = allowed.filter((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
    const hint = near.length > 0 ? ` (did you mean ${near.map((k) => `"${k}"`).join(" or ")}?)` : "";
    throw new ConfigError(
      component,
      `transform.${key}`,
      `got the unknown child ${describe(key)}${hint}; on ${where} the children are ${allowed.join(", ")}`,
    );
  }
}

/** Levenshtein distance, for "did you mean" hints on short keys. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
