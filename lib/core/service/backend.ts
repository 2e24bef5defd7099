import * as pulumi from "@pulumi/pulumi";
import type { ServiceRegionAlarmTarget } from "../alarms/targets";
import type { RegionSpec, ServiceSpec } from "./validate";

/** What one MultiRegionService backend is given: the whole service, and the regions on its cloud. */
export interface ServiceCloudSpec {
  readonly service: ServiceSpec;
  /** The service's regions on this backend's cloud, in the order `regions` lists them. */
  readonly regions: readonly RegionSpec[];
  /**
   * Writes a DNS record in the service's DNS zone when that zone is at another provider than the backend's cloud
   * (ACM validation records in a Cloudflare zone); returns the record's name. Absent when the zone is the cloud's own.
   */
  readonly externalRecord?: ExternalRecordFactory;
  /**
   * Points the service's public name, in a zone at another provider, at the backend's own global front (AWS Global
   * Accelerator's name). Absent when the zone is the cloud's own.
   */
  readonly externalFrontRecord?: (target: pulumi.Output<string>) => void;
}

export type ExternalRecordFactory = (
  name: string,
  record: { name: pulumi.Output<string>; type: pulumi.Output<string>; value: pulumi.Output<string> },
) => pulumi.Output<string>;

/** A front-facing endpoint of one region: what DNS or a global front points at. */
export interface RegionEndpoint {
  readonly key: string;
  /** Where the front sends traffic. */
  readonly address: pulumi.Output<string>;
  /** What `address` is, declared by the expansion that makes it (an output's text cannot be classified here). */
  readonly addressKind: "ipv4" | "hostname";
  /** The region's own URL. */
  readonly url: pulumi.Output<string>;
  /** Route 53 alias zone of an AWS load balancer. */
  readonly aliasZoneId?: pulumi.Output<string>;
  /** What the region's alarms watch, where the cloud has region alarms. */
  readonly alarmTarget?: ServiceRegionAlarmTarget;
}
