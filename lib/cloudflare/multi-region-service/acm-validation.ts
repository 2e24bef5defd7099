import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";

/**
 * The DNS-validation CNAME of an AWS ACM certificate, in a Cloudflare zone: AWS regions fronted by Cloudflare
 * still need a certificate for the public name on their ALB. DNS only (never proxied), short TTL.
 * Returns the record's FQDN for `CertificateValidation.validationRecordFqdns`.
 */
export function cloudflareValidationRecord(
  parent: pulumi.Resource,
  zoneId: pulumi.Input<string>,
  name: string,
  record: { name: pulumi.Output<string>; type: pulumi.Output<string>; value: pulumi.Output<string> },
): pulumi.Output<string> {
  const dns = new cloudflare.DnsRecord(
    name,
    {
      zoneId,
      name: record.name.apply((n) => n.replace(/\.$/, "")),
      type: record.type,
      content: record.value.apply((v) => v.replace(/\.$/, "")),
      ttl: 60,
      proxied: false,
      comment: "ACM certificate validation (managed by Meridian)",
    },
    {
      parent,
      // Other certificates for the same name in the account validate and renew through this record: keep it.
      retainOnDelete: true,
    },
  );
  return dns.name;
}
