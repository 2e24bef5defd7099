import * as pulumi from "@pulumi/pulumi";
import { shortHash } from "./hash";
import { NAME_RULES, NameKind, nameHead } from "./naming";

/**
 * Names in a worldwide namespace (Cloud Storage buckets, Azure storage accounts, Key Vaults, function apps, API
 * Management services, Traffic Manager DNS labels): unique beyond one organisation, new after a destroy, and the same
 * on every deploy of one stack.
 *
 * A hash of project/stack/name alone is the same for every organisation that deploys the same example as `dev`, so
 * the second one gets "name taken"; and it is the same after `pulumi destroy`, while Azure keeps deleted names
 * reserved: a soft-deleted Key Vault's name cannot be reused until it is purged, 7 to 90 days
 * (https://learn.microsoft.com/azure/key-vault/general/soft-delete-change,
 * https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview), a soft-deleted API Management
 * instance's for 48 hours (https://learn.microsoft.com/azure/api-management/soft-delete). Google lets anyone take a
 * deleted bucket's name (https://cloud.google.com/storage/docs/deleting-buckets).
 *
 * So the hash also covers:
 * - the cloud scope the stack deploys into (the GCP project id, the Azure subscription id: globally unique ids, read
 *   from the provider's client config), so two organisations never derive the same name; and
 * - a random seed created once per component and kept in Pulumi state (`NameSeed`), as SST keeps a `RandomId` for
 *   its bucket names (sst/sst platform/src/components/aws/bucket.ts). Destroying the component deletes the seed; the
 *   next `pulumi up` creates a new one, hence new names that no soft-deleted resource holds.
 * The plan stays deterministic: on the recording engine the seed and the scope are mocked from the URN and config.
 */
export interface GlobalNameScope {
  /** The cloud scope's globally unique id: GCP project id, Azure subscription id. */
  readonly scope: pulumi.Input<string>;
  /** The component's `NameSeed` value. */
  readonly seed: pulumi.Input<string>;
}

/** Characters of hash at the end of a global name: 36^8 ≈ 2.8·10^12 values. */
const HASH_LENGTH = 8;

/**
 * A worldwide-unique physical name `<project>-<stack>-<parts...>-<hash>` within the kind's limits (the readable head is
 * cut to leave room for the hash; the hash covers the full, uncut parts, the scope and the seed).
 *
 * @example
 * globalName("azureKeyVault", scope, "api") // Output<"meridian-dev-api-k3x9q2ma">
 */
export function globalName(kind: NameKind, scope: GlobalNameScope, ...parts: string[]): pulumi.Output<string> {
  const rule = NAME_RULES[kind];
  if (!rule.globallyUnique) throw new Error(`globalName: ${kind} is not a worldwide namespace; use physicalName`);
  const project = pulumi.getProject();
  const stack = pulumi.getStack();
  const head = nameHead(rule, [project, stack, ...parts], rule.max - HASH_LENGTH - rule.separator.length);
  return pulumi
    .all([scope.scope, scope.seed])
    .apply(
      ([s, seed]) => `${head}${rule.separator}${shortHash([project, stack, ...parts, s, seed].join("/"), HASH_LENGTH)}`,
    );
}

/** What keeps a `NameSeed`: it draws on create, then never reports a change (exported for its test). */
export const NAME_SEED_PROVIDER = {
  async create(_inputs: unknown) {
    // Required inside the function: a dynamic provider is serialized and runs in the provider process.
    const { randomBytes } = require("crypto") as typeof import("crypto");
    const value = randomBytes(16).toString("hex");
    return { id: value, outs: { value } };
  },
  async diff(_id: string, _olds: unknown, _news: unknown) {
    return { changes: false };
  },
  async update(_id: string, olds: { value: string }) {
    return { outs: { value: olds.value } };
  },
} satisfies pulumi.dynamic.ResourceProvider;

/**
 * A random value created once and kept in the stack's state: a Pulumi dynamic resource
 * (https://www.pulumi.com/docs/iac/concepts/resources/dynamic-providers/) whose `create` draws 16 random bytes and
 * whose `diff` never reports a change, so no later deploy (nor an upgrade of Meridian, which changes the serialized
 * provider) replaces it. Only deleting it (`pulumi destroy`, or removing the component) ends it.
 */
export class NameSeed extends pulumi.dynamic.Resource {
  /** 32 lowercase hex characters. */
  declare readonly value: pulumi.Output<string>;

  constructor(name: string, opts: pulumi.CustomResourceOptions) {
    super(NAME_SEED_PROVIDER, name, { value: undefined }, opts);
  }
}

/** The seed of one component: one `NameSeed` child named `<component>-name-seed`. */
export function nameSeed(component: string, parent: pulumi.Resource): pulumi.Output<string> {
  return new NameSeed(`${component}-name-seed`, { parent }).value;
}
