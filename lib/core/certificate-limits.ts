/**
 * ACM RequestCertificate, DomainName: "In compliance with RFC 5280, the length of the domain name (technically, the
 * Common Name) that you provide cannot exceed 64 octets (characters), including periods. To add a longer domain name,
 * specify it in the Subject Alternative Name field, which supports names up to 253 octets in length."
 * (https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html). Meridian requests each
 * certificate for one name, which is then its first domain name.
 */
export const ACM_FIRST_DOMAIN_MAX = 64;

/** Why ACM would refuse `name` as a certificate's first domain name, or undefined. */
export function acmDomainProblem(name: string): string | undefined {
  if (name.length <= ACM_FIRST_DOMAIN_MAX) return undefined;
  return (
    `"${name}" is ${name.length} characters; AWS Certificate Manager takes at most ${ACM_FIRST_DOMAIN_MAX} for a ` +
    "certificate's domain name (RequestCertificate DomainName, RFC 5280 Common Name), and each AWS region's load " +
    "balancer or custom domain needs one for this name"
  );
}
