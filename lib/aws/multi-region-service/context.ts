import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RegionSpec, ServiceSpec } from "../../core/service";

/** How a region's ACM certificate gets its DNS validation record. */
export type CertificateDns =
  | { kind: "route53"; zoneId: pulumi.Input<string> }
  | {
      kind: "external";
      /** Creates the validation CNAME in another DNS provider and returns its FQDN (ties validation to it). */
      createRecord: (
        name: string,
        record: { name: pulumi.Output<string>; type: pulumi.Output<string>; value: pulumi.Output<string> },
      ) => pulumi.Output<string>;
    };

/** What one region's builders share. */
export interface AwsRegionContext {
  spec: ServiceSpec;
  region: RegionSpec;
  parent: pulumi.Resource;
  tags: Record<string, string>;
  executionRole: aws.iam.Role;
  /** The execution role with its managed policy attached: tasks cannot pull images or write logs before. */
  executionRoleReady: pulumi.Resource[];
  certificateDns: CertificateDns;
  /**
   * True for the one region that creates the external validation record. ACM gives every certificate for a name
   * in one account the same CNAME, and a DNS provider without overwrite (Cloudflare) refuses a second identical
   * record: the other regions' certificates validate through that same record, without a dependency on it.
   */
  ownsValidationRecord: boolean;
}
