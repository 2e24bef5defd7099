import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ValidatedCertificateArgs {
  /** The certificate's domain, e.g. `api.example.com`. */
  domainName: string;
  /** The Route 53 hosted zone that holds the domain: validation records go there. */
  zoneId: pulumi.Input<string>;
  /** Where the certificate is used (ACM certificates are regional; CloudFront needs us-east-1). */
  region: string;
  tags: Record<string, string>;
  parent: pulumi.Resource;
}

/**
 * An ACM certificate validated through Route 53 DNS: the certificate, one CNAME per validation option, and
 * the `CertificateValidation` that waits for issuance. Use `validation.certificateArn` wherever the certificate
 * is attached, so the listener or domain waits until the certificate is issued.
 */
export function validatedCertificate(
  name: string,
  args: ValidatedCertificateArgs,
): { certificate: aws.acm.Certificate; validation: aws.acm.CertificateValidation } {
  const certificate = new aws.acm.Certificate(
    `${name}-cert`,
    {
      domainName: args.domainName,
      validationMethod: "DNS",
      region: args.region,
      tags: args.tags,
    },
    { parent: args.parent },
  );
  // One domain (no SANs) means exactly one validation option, so the record can be created without an apply
  // and shows in `pulumi preview`.
  const option = certificate.domainValidationOptions.apply((o) => o[0]);
  const record = new aws.route53.Record(
    `${name}-cert-validation`,
    {
      zoneId: args.zoneId,
      name: option.apply((o) => o.resourceRecordName),
      type: option.apply((o) => o.resourceRecordType),
      records: [option.apply((o) => o.resourceRecordValue)],
      ttl: 60,
      allowOverwrite: true,
    },
    {
      parent: args.parent,
      // ACM gives every certificate for a name in one account the same validation CNAME, so other certificates (other
      // regions, other components) may rely on this record to renew: deleting this resource leaves the record.
      retainOnDelete: true,
    },
  );
  const validation = new aws.acm.CertificateValidation(
    `${name}-cert-validated`,
    {
      certificateArn: certificate.arn,
      validationRecordFqdns: [record.fqdn],
      region: args.region,
    },
    { parent: args.parent },
  );
  return { certificate, validation };
}
