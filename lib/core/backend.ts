import * as pulumi from "@pulumi/pulumi";
import type { ApiAlarmTarget, DnsAlarmTarget, ServiceFrontAlarmTarget } from "./alarms/targets";
import type { ApiSpec } from "./api/model";
import type { DnsSpec } from "./dns/validate";
import type { DnsProvider } from "./dns/types";
import type { CloudFunctionResult, FunctionPackage } from "./function/result";
import type { FunctionSpec } from "./function/validate";
import type { Cloud } from "./placement";
import type { RegionEndpoint, ServiceCloudSpec } from "./service/backend";

/**
 * One contract per component for every cloud: `(parent, spec) => result`, with the transforms inside the spec.
 * A component holds a `Record<Cloud, () => Backend>` table of them, so a new cloud is a new folder plus the table
 * entries the compiler asks for. Each entry loads its cloud's module only when called, so an SDK stays unloaded until
 * a component is placed on that cloud (requireCloudSdks in ./cloud-sdk.ts checks it is installed first).
 */
export type FunctionBackend = (parent: pulumi.Resource, spec: BuiltFunctionSpec) => CloudFunctionResult;
export type ApiBackend = (parent: pulumi.Resource, spec: ApiSpec) => ApiResult;
export type DnsBackend = (parent: pulumi.Resource, spec: DnsSpec) => DnsResult;
export type ServiceBackend = (parent: pulumi.Resource, spec: ServiceCloudSpec) => ServiceResult;

/** A validated function with its deployable package. */
export interface BuiltFunctionSpec extends FunctionSpec {
  readonly package: FunctionPackage;
}

/** What an ApiGateway backend hands back. */
export interface ApiResult {
  readonly url: pulumi.Output<string>;
  /** What the API's alarms watch, where the cloud has them. */
  readonly alarmTarget?: ApiAlarmTarget;
}

/** What a FailoverDns backend hands back. */
export interface DnsResult {
  readonly fqdn: pulumi.Output<string>;
  /** The provider's own name for the record when it differs from `fqdn` (Traffic Manager). */
  readonly nativeFqdn?: pulumi.Output<string>;
  /** What the health alarms watch, where the provider has them. */
  readonly alarmTarget?: DnsAlarmTarget;
}

/** What one cloud's part of a MultiRegionService hands back: the same shape on every cloud. */
export interface ServiceResult {
  /** One per region of this cloud, in the order given. */
  readonly endpoints: readonly RegionEndpoint[];
  /** The cloud's own global front (Google's load balancer, Front Door) when it is the service's front. */
  readonly front?: {
    readonly url: pulumi.Output<string>;
    readonly failoverSeconds: number;
    /** The anycast address the service's DNS name must point at (DNS only), when the front has one. */
    readonly dns?: { readonly address: pulumi.Output<string>; readonly addressKind: "ipv4" | "hostname" };
    /** What the front's own alarms watch (Google's load balancer, Front Door), where it has them. */
    readonly alarmTarget?: ServiceFrontAlarmTarget;
  };
}

/** The cloud whose SDK each DNS provider's backend uses (and whose alarm service watches its health checks). */
export const DNS_PROVIDER_CLOUD: Record<DnsProvider, Cloud> = {
  route53: "aws",
  cloudflare: "cloudflare",
  "azure-traffic-manager": "azure",
  "gcp-cloud-dns": "gcp",
};
