import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GlobalNameScope, nameSeed } from "../core/global-name";

/**
 * The scope of a component's worldwide names on Google Cloud (lib/core/global-name.ts): the project id the provider
 * deploys into (project ids are unique across Google Cloud: https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin)
 * and the component's `NameSeed`.
 */
export function gcpGlobalNameScope(component: string, parent: pulumi.Resource): GlobalNameScope {
  return {
    scope: gcp.organizations.getClientConfigOutput({ parent }).project,
    seed: nameSeed(component, parent),
  };
}
