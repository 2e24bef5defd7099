import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ValidatedFunction } from "../core/function/validate";
import { shortHash } from "../core/hash";
import { physicalName } from "../core/naming";
import { withTransform } from "../core/transform";

/**
 * One Secret Manager secret per secret value, its version (a Pulumi secret), and `secretAccessor` for the
 * function's service account on that secret only. The function mounts them as secret environment variables
 * pinned to the version, so a new value redeploys the function and no value appears in its configuration.
 */
export function gcpFunctionSecrets(
  parent: pulumi.Resource,
  fn: ValidatedFunction,
  sa: gcp.serviceaccount.Account,
  labels: Record<string, string>,
  after: pulumi.Resource[],
) {
  const environment: gcp.types.input.cloudfunctionsv2.FunctionServiceConfigSecretEnvironmentVariable[] = [];
  const grants: pulumi.Resource[] = [];
  const logicalNames = new Set<string>();
  for (const key of Object.keys(fn.secrets).sort()) {
    const logical = secretLogicalName(fn.name, key, logicalNames);
    const secret = new gcp.secretmanager.Secret(
      ...withTransform(
        fn.transform,
        "secret",
        logical,
        {
          secretId: physicalName("gcpSecretId", fn.name, key),
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
        secretData: pulumi.secret(fn.secrets[key]),
      },
      { parent, dependsOn: after },
    );
    grants.push(
      new gcp.secretmanager.SecretIamMember(
        `${logical}-accessor`,
        {
          secretId: secret.id,
          role: "roles/secretmanager.secretAccessor",
          member: sa.member,
        },
        { parent, dependsOn: after },
      ),
    );
    environment.push({ key, projectId: secret.project, secret: secret.secretId, version: version.version });
  }
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
