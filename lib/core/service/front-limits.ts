import type { FrontKind } from "./front";

/**
 * Front Door origin fields, as the AFD origin API documents them
 * (https://learn.microsoft.com/rest/api/frontdoor/azurefrontdoorstandardpremium/afd-origins/create; the same text is
 * in the pinned SDK's cdn/afdorigin.d.ts): `priority` "Must be between 1 and 5", `weight` "Must be between 1 and
 * 1000".
 */
export const FRONT_DOOR_ORIGIN = { maxPriority: 5, maxWeight: 1000 } as const;

/**
 * The largest `perRegion[...].weight` each front carries as it is: Front Door's origin weight (weight 0 is a
 * disabled origin, lib/azure/multi-region-service/front.ts); the DNS fronts' and Global Accelerator's 0-255 (Route 53
 * record Weight "Minimum value of 0. Maximum value of 255":
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html; Global Accelerator endpoint
 * Weight 0-255: https://docs.aws.amazon.com/global-accelerator/latest/api/API_EndpointConfiguration.html).
 */
export const MAX_REGION_WEIGHT: Record<FrontKind, { max: number; why: string }> = {
  dns: { max: 255, why: "a DNS front: Route 53 record weights are 0-255" },
  "gcp-lb": { max: 255, why: "Meridian's range on this front" },
  "azure-frontdoor": {
    max: FRONT_DOOR_ORIGIN.maxWeight,
    why: "Azure Front Door origin weights are 1-1000, and 0 disables the region's origin",
  },
  "global-accelerator": { max: 255, why: "Global Accelerator endpoint weights are 0-255" },
};
