import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { validatedCertificate } from "../certificate";
import type { AwsRegionContext } from "./context";

/**
 * The region's ACM certificate for the service's public name, issued once DNS validation succeeds. ACM
 * certificates are regional, so every region has its own (clients send SNI = the public name to whichever
 * ALB the front picks); each region's validation is independent of the others'.
 * Returns the ARN from the validation resource, so the HTTPS listener waits for issuance.
 */
export function regionCertificate(ctx: AwsRegionContext, domainName: string): pulumi.Output<string> {
  const { spec, region, parent, tags, certificateDns } = ctx;
  const base = `${spec.name}-${region.label}`;
  if (certificateDns.kind === "route53") {
    return validatedCertificate(base, {
      domainName,
      zoneId: certificateDns.zoneId,
      region: region.region,
      tags,
      parent,
    }).validation.certificateArn;
  }
  const certificate = new aws.acm.Certificate(
    `${base}-cert`,
    { domainName, validationMethod: "DNS", region: region.region, tags },
    { parent },
  );
  let validationRecordFqdns: pulumi.Input<string>[] | undefined;
  if (ctx.ownsValidationRecord) {
    const option = certificate.domainValidationOptions.apply((o) => o[0]);
    validationRecordFqdns = [
      certificateDns.createRecord(`${base}-cert-validation`, {
        name: option.apply((o) => o.resourceRecordName!),
        type: option.apply((o) => o.resourceRecordType!),
        value: option.apply((o) => o.resourceRecordValue!),
      }),
    ];
  }
  // Without record FQDNs the validation simply waits until ACM has issued the certificate (through the shared record).
  const validation = new aws.acm.CertificateValidation(
    `${base}-cert-validated`,
    {
      certificateArn: certificate.arn,
      validationRecordFqdns,
      region: region.region,
    },
    { parent },
  );
  return validation.certificateArn;
}
