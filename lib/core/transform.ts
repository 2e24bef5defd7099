import * as pulumi from "@pulumi/pulumi";

/**
 * A per-child customisation hook, SST style: a function that may change the child's args and options in
 * place before it is created. Plain functions work on the mock engine too, unlike Pulumi runtime
 * transforms (which throw under mocks).
 *
 * @example
 * transform: { function: (args) => { args.tracingConfig = { mode: "Active" }; } }
 */
export type Transform<Args> = (args: Args, opts: pulumi.CustomResourceOptions, name: string) => void;

/** Transforms keyed by child, e.g. `{ function: ..., role: ..., logGroup: ... }`. */
export type Transforms = Record<string, Transform<any> | undefined>;

/**
 * Applies the transform for `key` (if any) to a child's args and options and returns them, so that a child is
 * created as `new aws.lambda.Function(...withTransform(transforms, "function", name, args, opts))`.
 */
export function withTransform<Args>(
  transforms: Transforms | undefined,
  key: string,
  name: string,
  args: Args,
  opts: pulumi.CustomResourceOptions,
): [string, Args, pulumi.CustomResourceOptions] {
  const hook = transforms?.[key];
  if (hook) hook(args, opts, name);
  return [name, args, opts];
}
