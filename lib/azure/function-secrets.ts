import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import { FunctionSpec } from "../core/function/validate";
import { GlobalNameScope, globalName } from "../core/global-name";
import { TransformsOf, transformsOf, withTransform } from "../core/transform";
import type { AzureFunctionChildren, AzureSecretChildren } from "./children";
import { roleAssignment } from "./role-assignment";

/** What owns a Key Vault of secrets: its name (logical and physical names start with it), transforms, values. */
export interface AzureSecretOwner {
  name: string;
  secrets: Record<string, pulumi.Input<string>>;
  transform?: TransformsOf<AzureSecretChildren>;
  /** Extra part of the child names and the vault's name (a region), so two vaults of one owner differ. @default none */
  part?: string;
}

/** One secret as its consumer references it: the env name and the secret's versionless URI. */
export interface AzureSecretRef {
  key: string;
  uri: pulumi.Output<string>;
}

/**
 * An RBAC-authorised Key Vault with one secret per value (a Pulumi secret) and Key Vault Secrets User for the
 * consumer's identity on that vault only. Consumers reference the versionless URI: the platform resolves it, the
 * app configuration holds no value.
 */
export function azureVaultSecrets(
  parent: pulumi.Resource,
  owner: AzureSecretOwner,
  rg: resources.ResourceGroup,
  identity: managedidentity.UserAssignedIdentity,
  location: string,
  tags: Record<string, string>,
  names: GlobalNameScope,
): { refs: AzureSecretRef[]; grants: pulumi.Resource[]; stored: pulumi.Resource[] } {
  const refs: AzureSecretRef[] = [];
  const grants: pulumi.Resource[] = [];
  const stored: pulumi.Resource[] = [];
  const keys = Object.keys(owner.secrets).sort();
  if (keys.length === 0) return { refs, grants, stored };
  const base = owner.part ? `${owner.name}-${owner.part}` : owner.name;
  const tenantId = authorization.getClientConfigOutput({ parent }).tenantId;
  const vault = new keyvault.Vault(
    ...withTransform(
      owner.transform,
      "vault",
      `${base}-vault`,
      {
        // Worldwide, and kept 7 days after deletion by soft delete: lib/core/global-name.ts.
        vaultName: globalName("azureKeyVault", names, owner.name, ...(owner.part ? [owner.part] : [])),
        resourceGroupName: rg.name,
        location,
        properties: {
          tenantId,
          sku: { family: "A", name: "standard" },
          enableRbacAuthorization: true,
          enableSoftDelete: true,
          softDeleteRetentionInDays: 7,
        },
        tags,
      } satisfies keyvault.VaultArgs,
      // A name is set at creation only: a stack deployed before names carried a seed keeps its vault.
      { parent, ignoreChanges: ["vaultName"] },
    ),
  );
  grants.push(
    roleAssignment(`${base}-vault-access`, {
      role: "keyVaultSecretsUser",
      principalId: identity.principalId,
      scope: vault.id,
      parent,
    }),
  );
  for (const key of keys) {
    const secret = new keyvault.Secret(
      `${base}-secret-${key.toLowerCase().replace(/_/g, "-")}`,
      {
        vaultName: vault.name,
        resourceGroupName: rg.name,
        secretName: key.replace(/_/g, "-"),
        properties: { value: pulumi.secret(owner.secrets[key]) },
      },
      { parent },
    );
    stored.push(secret);
    refs.push({ key, uri: secret.properties.apply((p) => p.secretUri) });
  }
  return { refs, grants, stored };
}

/**
 * A function's secrets (azureVaultSecrets) as app settings that are Key Vault references
 * (`@Microsoft.KeyVault(SecretUri=...)`).
 */
export function azureFunctionSecrets(
  parent: pulumi.Resource,
  fn: FunctionSpec,
  rg: resources.ResourceGroup,
  identity: managedidentity.UserAssignedIdentity,
  location: string,
  tags: Record<string, string>,
  names: GlobalNameScope,
) {
  const settings: Record<string, pulumi.Input<string>> = {};
  const { refs, grants } = azureVaultSecrets(parent, owner(fn), rg, identity, location, tags, names);
  // Versionless URI: the platform picks up a new value within a day or on restart.
  for (const ref of refs) settings[ref.key] = pulumi.interpolate`@Microsoft.KeyVault(SecretUri=${ref.uri})`;
  return { settings, grants };
}

/** A function as the owner of its secrets, with its transforms typed as the Azure function's. */
function owner(fn: FunctionSpec): AzureSecretOwner {
  return { name: fn.name, secrets: fn.secrets, transform: transformsOf<AzureFunctionChildren>(fn.transform) };
}
