import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import { GlobalNameScope, nameSeed } from "../core/global-name";

/**
 * The scope of a component's worldwide names on Azure (lib/core/global-name.ts): the subscription id the provider
 * deploys into (a GUID) and the component's `NameSeed`.
 */
export function azureGlobalNameScope(component: string, parent: pulumi.Resource): GlobalNameScope {
  return {
    scope: authorization.getClientConfigOutput({ parent }).subscriptionId,
    seed: nameSeed(component, parent),
  };
}
