/**
 * The plan: what a Pulumi program would register, as recorded offline. This shape is the public contract
 * of `meridian/testing` (docs/testing.md); keys are sorted and resources ordered by URN so the same program gives byte-identical JSON.
 */
export interface PlanResource {
  urn: string;
  type: string;
  name: string;
  /** URN of the parent ("" at top level). */
  parent: string;
  /** URN of the explicit provider resource ("" for the default provider). */
  provider: string;
  /** True for provider-managed (custom) resources, false for components. */
  custom: boolean;
  /** Resolved inputs as the provider would receive them; secrets are `{ "secret": true }`. */
  inputs: Record<string, unknown>;
  /** URNs this resource depends on (from `dependsOn` and from inputs). */
  dependencies: string[];
  protect: boolean;
  retainOnDelete: boolean;
  aliases: unknown[];
  ignoreChanges: string[];
  replaceOnChanges: string[];
  deleteBeforeReplace: boolean;
  additionalSecretOutputs: string[];
}

export interface Plan {
  project: string;
  stack: string;
  resources: PlanResource[];
  outputs: Record<string, unknown>;
}

/** How a secret is shown in a plan: never its value. */
export const SECRET = Object.freeze({ secret: true });

/** True for the `{ "secret": true }` marker. */
export function isSecretMarker(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>).secret === true &&
    Object.keys(value).length === 1
  );
}
