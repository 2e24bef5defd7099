import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import { ValidatedFunction } from "../core/function/validate";
import { GlobalNameScope, globalName } from "../core/global-name";
import { withTransform } from "../core/transform";
import { roleAssignment } from "./role-assignment";

/**
 * Secrets: an RBAC-authorised Key Vault with one secret per value (a Pulumi secret), Key Vault Secrets User
 * for the function's identity on that vault only, and app settings that are Key Vault references
 * (`@Microsoft.KeyVault(SecretUri=...)`): the platform resolves them, the app configuration holds no value.
 */
export function azureFunctionSecrets(
  parent: pulumi.Resource,
  fn: ValidatedFunction,
  rg: resources.ResourceGroup,
  identity: managedidentity.UserAssignedIdentity,
  location: string,
  tags: Record<string, string>,
  names: GlobalNameScope,
) {
  const settings: Record<string, pulumi.Input<string>> = {};
  const grants: pulumi.Resource[] = [];
  const keys = Object.keys(fn.secrets).sort();
  if (keys.length === 0) return { settings, grants };
  const tenantId = authorization.getClientConfigOutput({ parent }).tenantId;
  const vault = new keyvault.Vault(
    ...withTransform(
      fn.transform,
      "vault",
      `${fn.name}-vault`,
      {
        // Worldwide, and kept 7 days after deletion by soft delete: lib/core/global-name.ts.
        vaultName: globalName("azureKeyVault", names, fn.name),
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
    roleAssignment(`${fn.name}-vault-access`, {
      role: "keyVaultSecretsUser",
      principalId: identity.principalId,
      scope: vault.id,
      parent,
    }),
  );
  for (const key of keys) {
    const secret = new keyvault.Secret(
      `${fn.name}-secret-${key.toLowerCase().replace(/_/g, "-")}`,
      {
        vaultName: vault.name,
        resourceGroupName: rg.name,
        secretName: key.replace(/_/g, "-"),
        properties: { value: pulumi.secret(fn.secrets[key]) },
      },
      { parent },
    );
    // Versionless URI: the platform picks up a new value within a day or on restart.
    settings[key] = pulumi.interpolate`@Microsoft.KeyVault(SecretUri=${secret.properties.apply((p) => p.secretUri)})`;
  }
  return { settings, grants };
}
