import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../core/naming";
import { Transform, withTransform } from "../core/transform";

/** A resource group per component and region: everything the component creates lives and dies together. */
export function resourceGroup(
  name: string,
  args: {
    parts: string[];
    location: string;
    tags: Record<string, string>;
    parent: pulumi.Resource;
    transform?: Transform<resources.ResourceGroupArgs>;
  },
): resources.ResourceGroup {
  return new resources.ResourceGroup(
    ...withTransform(
      { resourceGroup: args.transform },
      "resourceGroup",
      name,
      {
        resourceGroupName: physicalName("azureResourceGroup", ...args.parts),
        location: args.location,
        tags: args.tags,
      } satisfies resources.ResourceGroupArgs,
      { parent: args.parent },
    ),
  );
}
