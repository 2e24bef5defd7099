import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { FunctionSpec } from "../core/function/validate";
import { shortHash } from "../core/hash";
import { physicalName } from "../core/naming";
import { TransformsOf, transformsOf, withTransform } from "../core/transform";
import type { GcpFunctionChildren, GcpSecretChildren } from "./children";

/** What owns a set of secrets: its name (logical and physical names start with it), transforms and values. */
export interface GcpSecretOwner {
  name: string;
  secrets: Record<string, pulumi.Input<string>>;
  transform?: TransformsOf<GcpSecretChildren>;
  /** Extra part of each secret's physical id, so two components of one name do not share ids. @default none */
  idPart?: string;
}

/** One secret as its consumer references it: the env name, the secret's id and project, the pinned version. */
export interface GcpSecretRef {
  key: string;
  projectId: pulumi.Output<string>;
  secret: pulumi.Output<string>;
  version: pulumi.Output<string>;
}

/**
 * One Secret Manager secret per secret value (automatic replication: one global secret that every region reads,
 * https://cloud.google.com/secret-manager/docs/choosing-replication), its version (a Pulumi secret), and
 * `roles/secretmanager.secretAccessor` for the consumer's service account on that secret only
 * (https://cloud.google.com/run/docs/configuring/services/secrets#access-secret). Consumers pin the version: an
 * environment variable is resolved when an instance starts, and Google recommends a pinned version there, so a
 * new value is a new version, a new revision, and no value appears in the configuration.
 */
export function gcpSecrets(
  parent: pulumi.Resource,
  owner: GcpSecretOwner,
  member: pulumi.Input<string>,
  labels: Record<string, string>,
  after: pulumi.Resource[],
): { refs: GcpSecretRef[]; grants: pulumi.Resource[] } {
  const refs: GcpSecretRef[] = [];
  const grants: pulumi.Resource[] = [];
  const logicalNames = new Set<string>();
  for (const key of Object.keys(owner.secrets).sort()) {
    const logical = secretLogicalName(owner.name, key, logicalNames);
    const secret = new gcp.secretmanager.Secret(
      ...withTransform(
        owner.transform,
        "secret",
        logical,
        {
          secretId: physicalName("gcpSecretId", owner.name, ...(owner.idPart ? [owner.idPart] : []), key),
          replication: { auto: {} },
          labels,
        } satisfies gcp.secretmanager.SecretArgs,
        { parent, dependsOn: after },
      ),
    );
    const version = new gcp.secretmanager.SecretVersion(
      `${logical}-value`,
      {
        secret: secret.id,
        secretData: pulumi.secret(owner.secrets[key]),
      },
      { parent, dependsOn: after },
    );
    grants.push(
      new gcp.secretmanager.SecretIamMember(
        `${logical}-accessor`,
        {
          secretId: secret.id,
          role: "roles/secretmanager.secretAccessor",
          member,
        },
        { parent, dependsOn: after },
      ),
    );
    refs.push({ key, projectId: secret.project, secret: secret.secretId, version: version.version });
  }
  return { refs, grants };
}

/** A function's secrets, mounted as secret environment variables pinned to their version (gcpSecrets). */
export function gcpFunctionSecrets(
  parent: pulumi.Resource,
  fn: FunctionSpec,
  sa: gcp.serviceaccount.Account,
  labels: Record<string, string>,
  after: pulumi.Resource[],
) {
  const { refs, grants } = gcpSecrets(
    parent,
    { name: fn.name, secrets: fn.secrets, transform: transformsOf<GcpFunctionChildren>(fn.transform) },
    sa.member,
    labels,
    after,
  );
  const environment: gcp.types.input.cloudfunctionsv2.FunctionServiceConfigSecretEnvironmentVariable[] = refs;
  return { environment, grants };
}

/**
 * The child name of a secret. Secret Manager ids and Cloud Run environment names are case-sensitive, so `API_KEY`
 * and `api_key` are two secrets; the lowercased name they share is kept by the first (sorted) one, so existing URNs
 * stay, and a later one gets a hash of its own key (two equal URNs are refused by the engine: "Duplicate resource URN").
 */
function secretLogicalName(fn: string, key: string, used: Set<string>): string {
  let logical = `${fn}-secret-${key.toLowerCase().replace(/_/g, "-")}`;
  if (used.has(logical)) logical = `${logical}-${shortHash(key, 8)}`;
  used.add(logical);
  return logical;
}
