import type { ParsedPlacement } from "./placement";
import { physicalName } from "./naming";
import type { PhysicalNameClaim } from "./physical-names";

/**
 * The physical names each component's expansion will set on resources whose names must be unique (per account and
 * region, per project, or worldwide), derived with the same `physicalName` calls as the cloud files (named beside
 * each one), so the collision check sees the final names. test/physical-names.test.ts checks that each claimed name
 * is the one the plan really sets. Worldwide names (function apps, API Management, Traffic Manager DNS labels) are not
 * claimed: each carries its own component's random seed (lib/core/global-name.ts), so two components never share one.
 */

/**
 * Azure compares resource names ignoring case: "Resource names are case-insensitive unless noted"
 * (https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules).
 */
const AZURE = { caseInsensitive: true } as const;

/** ServerlessFunction: the function's own name, and on AWS its execution role. */
export function functionNameClaims(name: string, placement: ParsedPlacement): PhysicalNameClaim[] {
  const region = placement.region ?? "";
  switch (placement.cloud) {
    case "aws": // lib/aws/serverless-function.ts
      return [
        { kind: `AWS Lambda function in ${region}`, name: physicalName("awsLambda", name) },
        // "Names are not distinguished by case" (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html)
        { kind: "AWS IAM role", name: physicalName("awsIamRole", name, "fn"), caseInsensitive: true },
      ];
    case "gcp": // lib/gcp/serverless-function.ts: a Cloud Run functions function is a Cloud Run service of that name
      return [{ kind: `Cloud Run service in ${region}`, name: physicalName("gcpResource", name) }];
    case "azure": // lib/azure/serverless-function.ts: its resource group (the rest is seeded or inside that group)
      return [{ kind: "Azure resource group", name: physicalName("azureResourceGroup", name), ...AZURE }];
    case "cloudflare": // lib/cloudflare/serverless-function.ts
      return [{ kind: "Cloudflare Workers script", name: physicalName("cloudflareWorker", name) }];
  }
}

/** ApiGateway: the gateway's name where the cloud keys on it (an AWS HTTP API name need not be unique). */
export function apiNameClaims(name: string, placement: ParsedPlacement): PhysicalNameClaim[] {
  switch (placement.cloud) {
    case "aws":
      return [];
    case "gcp": // lib/gcp/api-gateway.ts
      return [{ kind: "Google API Gateway API", name: physicalName("gcpApiId", name) }];
    case "azure": // lib/azure/api-gateway.ts: its resource group (the service name is seeded)
      return [{ kind: "Azure resource group", name: physicalName("azureResourceGroup", name, "api"), ...AZURE }];
    case "cloudflare": // lib/cloudflare/api-gateway.ts: the router is a Worker like any function's
      return [{ kind: "Cloudflare Workers script", name: physicalName("cloudflareWorker", name, "router") }];
  }
}

/** FailoverDns: the Traffic Manager profile and its DNS label (lib/azure/failover-dns.ts). */
export function dnsNameClaims(name: string, provider: string): PhysicalNameClaim[] {
  if (provider !== "azure-traffic-manager") return [];
  return [{ kind: "Azure Traffic Manager profile", name: physicalName("azureGeneric", name), ...AZURE }];
}

/** MultiRegionService: per region, the service's compute and its load balancer. */
export function serviceNameClaims(
  name: string,
  regions: readonly { cloud: string; region: string }[],
): PhysicalNameClaim[] {
  return regions.flatMap(({ cloud, region }): PhysicalNameClaim[] => {
    switch (cloud) {
      case "aws": // lib/aws/multi-region-service/load-balancer.ts, ecs.ts
        return [
          { kind: `AWS load balancer in ${region}`, name: physicalName("awsLoadBalancer", name, region) },
          { kind: `AWS target group in ${region}`, name: physicalName("awsTargetGroup", name, region) },
          { kind: `ECS cluster in ${region}`, name: physicalName("awsEcs", name) },
        ];
      case "gcp": // lib/gcp/multi-region-service/region.ts
        return [{ kind: `Cloud Run service in ${region}`, name: physicalName("gcpResource", name) }];
      case "azure": // lib/azure/multi-region-service/region.ts
        return [
          { kind: "Azure resource group", name: physicalName("azureResourceGroup", name, region), ...AZURE },
          {
            kind: `Azure Container App in ${region}`,
            name: physicalName("azureContainerApp", name, region),
            ...AZURE,
          },
        ];
      default:
        return [];
    }
  });
}
