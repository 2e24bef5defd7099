import * as pulumi from "@pulumi/pulumi";
import type { ServiceResult } from "../../core/backend";
import type { ServiceCloudSpec } from "../../core/service";
import { commonTags } from "../../core/tags";
import { createFrontDoor } from "./front";
import { AzureRegion, createAzureRegion } from "./region";

/** Expands the Azure regions (each on its own) and, when it is the front, Front Door over them. */
export function createAzureService(
  parent: pulumi.Resource,
  { service: spec, regions }: ServiceCloudSpec,
): ServiceResult {
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
  if (spec.front !== "azure-frontdoor") return { endpoints };
  const front = createFrontDoor(parent, spec, built, tags);
  return {
    endpoints,
    front: { url: front.url, failoverSeconds: front.failoverSeconds, alarmTarget: front.alarmTarget },
  };
}
