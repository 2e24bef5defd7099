import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import { deterministicGuid } from "../core/hash";

/** Built-in role definition ids (stable GUIDs across tenants). */
export const AZURE_ROLES = {
  storageBlobDataOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
  storageQueueDataContributor: "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
} as const;

/** Grants a built-in role to a service principal (managed identity) on one scope. */
export function roleAssignment(
  name: string,
  args: {
    role: keyof typeof AZURE_ROLES;
    principalId: pulumi.Input<string>;
    scope: pulumi.Input<string>;
    parent: pulumi.Resource;
  },
): authorization.RoleAssignment {
  const subscriptionId = authorization.getClientConfigOutput({ parent: args.parent }).subscriptionId;
  const roleDefinitionId = pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLES[args.role]}`;
  return new authorization.RoleAssignment(
    name,
    {
      // The assignment's name must be a GUID, one per (scope, role, principal): derived from those three, like ARM's
      // guid(scope, roleDefinitionId, principalId) (https://learn.microsoft.com/azure/role-based-access-control/
      // role-assignments-template#name), so a redeploy never creates a second assignment of the same grant (which
      // Azure refuses: RoleAssignmentExists) and the plan is the same on every run. azure-native's default is random.
      roleAssignmentName: pulumi
        .all([args.scope, roleDefinitionId, args.principalId])
        .apply(([scope, role, principal]) => deterministicGuid(scope, role, principal)),
      principalId: args.principalId,
      principalType: "ServicePrincipal",
      roleDefinitionId,
      scope: args.scope,
    },
    { parent: args.parent },
  );
}
