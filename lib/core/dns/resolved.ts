import * as pulumi from "@pulumi/pulumi";
import { HealthPreset } from "./presets";
import { CloudflarePlan, DnsProvider, DnsStrategy, HealthProtocol } from "./types";
import { EndpointProbe } from "./endpoint-probe";
import type { CheckedTransforms } from "../transform";

/** How Route 53 answers for an endpoint: an alias A record (AWS target), or a plain record of the address's type. */
export type AddressKind = "ipv4" | "ipv6" | "hostname" | "output";

/** An AWS alias target: the zone id is given, looked up for a load balancer, or CloudFront's fixed zone. */
export type AliasTarget =
  | { kind: "given"; zoneId: pulumi.Input<string> }
  | { kind: "elb"; region: string; loadBalancerType: "application" | "network" }
  | { kind: "cloudfront" };

/** CloudFront's hosted zone id for alias records (the same in every account). */
export const CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";

export interface ResolvedEndpoint {
  readonly id: string;
  /** Position in the `endpoints` array (for error fields). */
  readonly index: number;
  readonly address: pulumi.Input<string>;
  readonly kind: AddressKind;
  /** The provider's own region name for this endpoint, when it has one. */
  readonly region?: string;
  /** Declared failover priority (given, or array order). */
  readonly priority: number;
  readonly weight: number;
  /** Neutral geo codes (GCP: region names). */
  readonly geo: readonly string[];
  readonly enabled: boolean;
  /** Route 53 only. */
  readonly alias?: AliasTarget;
  /**
   * Kept deployed but answered for by no one: drained, or (Route 53 manual failover) ranked above the chosen primary.
   * Route 53 keeps the record's role and forces its health check unhealthy; other providers disable the endpoint.
   */
  readonly heldOut: boolean;
  /** This endpoint's own probe Host/path (`endpoints[i].healthCheck`), when given. */
  readonly probe?: EndpointProbe;
}

export interface ResolvedHealthCheck {
  readonly protocol: HealthProtocol;
  readonly port: number;
  readonly path: string;
  readonly intervalSeconds: number;
  readonly failureThreshold: number;
  /** The effective probe timeout (Route 53's fixed one included), used by the failover formula. */
  readonly timeoutSeconds: number;
}

/** The validated, defaulted model every cloud expansion reads. Nothing in it is user input that was not checked. */
export interface DnsSpec {
  /** The component's logical name: every child's name starts with it. */
  readonly name: string;
  readonly component: string;
  readonly provider: DnsProvider;
  readonly strategy: DnsStrategy;
  readonly zone: string;
  /** Record label relative to the zone; "" at the apex. */
  readonly label: string;
  readonly fqdn: string;
  readonly ttlSeconds: number;
  /** Endpoints in array order. */
  readonly endpoints: readonly ResolvedEndpoint[];
  /** Endpoints in effective priority order: declared priority, with the `primary` override first. */
  readonly order: readonly ResolvedEndpoint[];
  readonly primary?: string;
  /** The geo catch-all endpoint (WORLD holder, else the first enabled endpoint in order). */
  readonly geoDefault?: ResolvedEndpoint;
  readonly healthCheck: ResolvedHealthCheck;
  /** The health preset the defaults came from. */
  readonly preset: HealthPreset;
  /** Shape-checked here; the keys are checked against the provider's children before the backend runs. */
  readonly transform: CheckedTransforms;
  readonly failoverSeconds: number;
  readonly route53?: { zoneId?: pulumi.Input<string>; regions?: string[]; recordType: "A" | "AAAA" | "CNAME" };
  readonly cloudflare?: {
    accountId: pulumi.Input<string>;
    zoneId: pulumi.Input<string>;
    plan: CloudflarePlan;
    proxied: boolean;
    retries: number;
    checkRegions: string[];
    trafficSteering: boolean;
  };
  readonly azure?: { resourceGroupName: pulumi.Input<string>; dnsRecord: boolean };
  readonly gcp?: { managedZone: string; project?: string; healthCheckRegions: string[] };
}
