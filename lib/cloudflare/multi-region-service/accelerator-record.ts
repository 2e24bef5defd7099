import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { CheckedTransforms, transformsOf, withTransform } from "../../core/transform";
import type { CloudflareServiceChildren } from "../children";

/**
 * The public name in a Cloudflare zone pointing at an AWS Global Accelerator: a DNS-only CNAME to its
 * `awsglobalaccelerator.com` name. Never proxied: the accelerator passes TLS through to the ALBs, which serve the ACM
 * certificate for this name, and Cloudflare's proxy would terminate TLS itself. The answer never changes on failover
 * (the accelerator's anycast IPs are static), so the TTL plays no part in failover: Cloudflare's automatic TTL
 * (`ttl: 1`, developers.cloudflare.com/dns/manage-dns-records/reference/ttl) is fine.
 */
export function cloudflareAcceleratorRecord(
  parent: pulumi.Resource,
  name: string,
  args: { zoneId: pulumi.Input<string>; fqdn: string; target: pulumi.Input<string>; transform?: CheckedTransforms },
): cloudflare.DnsRecord {
  return new cloudflare.DnsRecord(
    ...withTransform(
      transformsOf<CloudflareServiceChildren>(args.transform ?? {}),
      "acceleratorRecord",
      name,
      {
        zoneId: args.zoneId,
        name: args.fqdn,
        type: "CNAME",
        content: args.target,
        ttl: 1,
        proxied: false,
        comment: "MultiRegionService front: AWS Global Accelerator (managed by Meridian)",
      } satisfies cloudflare.DnsRecordArgs,
      { parent },
    ),
  );
}
