import * as pulumi from "@pulumi/pulumi";
import type { RegionSpec, ServiceSpec } from "../../core/service";
import { commonTags } from "../../core/tags";
import { AzureFront, createFrontDoor } from "./front";
import { AzureRegion, createAzureRegion } from "./region";

export interface AzureServiceResult {
  /** `address` is the container app's host name. */
  endpoints: { key: string; address: pulumi.Output<string>; addressKind: "hostname"; url: pulumi.Output<string> }[];
  /** Front Door, when it is the front. */
  front?: AzureFront;
}

/** Expands the Azure regions (each on its own) and, when it is the front, Front Door over them. */
export function createAzureService(
  parent: pulumi.Resource,
  spec: ServiceSpec,
  regions: RegionSpec[],
): AzureServiceResult {
  const tags = commonTags("azure", "MultiRegionService");
  const built = new Map<string, AzureRegion>();
  const endpoints = regions.map((region) => {
    const r = createAzureRegion(parent, spec, region, tags);
    built.set(region.key, r);
    return {
      key: region.key,
      address: r.fqdn,
      addressKind: "hostname" as const,
      url: pulumi.interpolate`https://${r.fqdn}`,
    };
  });
  const front = spec.front === "azure-frontdoor" ? createFrontDoor(parent, spec, built, tags) : undefined;
  return { endpoints, front };
}
