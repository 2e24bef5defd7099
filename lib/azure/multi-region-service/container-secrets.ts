import * as azure from "@pulumi/azure-native";
import * as pulumi from "@pulumi/pulumi";
import { shortHash } from "../../core/hash";
import { physicalName } from "../../core/naming";
import type { RegionSpec, ServiceSpec } from "../../core/service";
import { transformsOf, withTransform } from "../../core/transform";
import type { AzureServiceChildren } from "../children";
import { azureVaultSecrets } from "../function-secrets";
import { azureGlobalNameScope } from "../global-names";

/** `container.secrets` of one region as its Container App takes them. */
export interface ContainerAppSecrets {
  /** The app's identity (user-assigned: it exists, with its grant, before the app that reads the vault). */
  identity?: azure.types.input.app.ManagedServiceIdentityArgs;
  /** `configuration.secrets`: Key Vault references (URL + identity), never a value. */
  secrets: azure.types.input.app.SecretArgs[];
  /** `env` entries: the variable name and the app secret it reads (`secretRef`). */
  env: { name: string; secretRef: string }[];
  /** The vault's secrets and the identity's read grant: the app is created after them. */
  ready: pulumi.Resource[];
}

/**
 * The region's `container.secrets` as Key Vault references: an RBAC Key Vault in the region's resource group with
 * one secret per value, a user-assigned identity with Key Vault Secrets User on that vault only, and app secrets
 * that name the versionless secret URL and that identity, read by env entries through `secretRef`
 * (https://learn.microsoft.com/azure/container-apps/manage-secrets#reference-secret-from-key-vault). No value is in
 * the app — an inline `configuration.secrets[].value` would make azure-native record the whole `configuration`
 * (ingress included) as one secret, which neither diffs nor the policy gate could read. `identity` is the
 * resource id of a managed identity (ContainerAppSecret, https://learn.microsoft.com/javascript/api/@azure/
 * arm-appcontainers/containerappsecret). The URL is versionless (versionless references are supported: Azure update
 * "Key Vault references for secrets in Azure Container Apps", Aug 2023); a changed secret reaches replicas that
 * already run only on a restart or a new revision (manage-secrets: secrets changes create no revision).
 * Secret names must be lower case alphanumerics and '-', starting and ending with an alphanumeric, at most 63
 * characters (the API's ContainerAppInvalidSecretName: Azure/container-apps-deploy-action#116,
 * microsoft/azure-container-apps#495): see `appSecretName`.
 */
export function containerAppSecrets(
  parent: pulumi.Resource,
  spec: ServiceSpec,
  region: RegionSpec,
  group: azure.resources.ResourceGroup,
  tags: Record<string, string>,
): ContainerAppSecrets {
  if (Object.keys(spec.secrets).length === 0) return { secrets: [], env: [], ready: [] };
  const base = `${spec.name}-${region.label}`;
  const identity = new azure.managedidentity.UserAssignedIdentity(
    ...withTransform(
      transformsOf<AzureServiceChildren>(spec.transform),
      "identity",
      `${base}-identity`,
      {
        resourceName: physicalName("azureGeneric", spec.name, region.region, "id"),
        resourceGroupName: group.name,
        location: region.region,
        tags,
      } satisfies azure.managedidentity.UserAssignedIdentityArgs,
      { parent },
    ),
  );
  const owner = {
    name: spec.name,
    secrets: spec.secrets,
    transform: transformsOf<AzureServiceChildren>(spec.transform),
    part: region.label,
  };
  // The vault's name is worldwide: seeded per region (lib/core/global-name.ts), so no region waits on another.
  const names = azureGlobalNameScope(base, parent);
  const { refs, grants, stored } = azureVaultSecrets(parent, owner, group, identity, region.region, tags, names);
  return {
    identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
    secrets: refs.map((r) => ({ name: appSecretName(r.key), keyVaultUrl: r.uri, identity: identity.id })),
    env: refs.map((r) => ({ name: r.key, secretRef: appSecretName(r.key) })),
    ready: [...grants, ...stored],
  };
}

/**
 * `API_KEY` → `s-api-key-<hash of API_KEY>`: valid for Container Apps, and two names never share one (names that
 * differ only in case are refused before, for Azure's case-insensitive names).
 */
export function appSecretName(key: string): string {
  const readable = key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return `s-${readable ? `${readable}-` : ""}${shortHash(key, 8)}`;
}
