import type { PolicyContext, PolicyResource, PolicyRule } from "../model";
import { cannotCheck, get, list, opacity, str } from "../values";

/**
 * Viewer security policies with TLS 1.2 as the minimum (`TLSv1.2_2018`, `_2019`, `_2021`, `_2025`,
 * `TLSv1.3_2025`): https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
 */
const CLOUDFRONT_TLS12 = /^TLSv1\.[23]_\d{4}$/;

/** Every cache behaviour's viewer protocol policy: `allow-all` serves HTTP as well as HTTPS. */
function viewerPolicies(r: PolicyResource, ctx: PolicyContext): string[] {
  const behaviors: [string, unknown][] = [
    ["defaultCacheBehavior", r.inputs.defaultCacheBehavior],
    ...list(r.inputs.orderedCacheBehaviors).map((b, i): [string, unknown] => [`orderedCacheBehaviors[${i}]`, b]),
  ];
  if (opacity(r.inputs.orderedCacheBehaviors))
    return cannotCheck("orderedCacheBehaviors", r.inputs.orderedCacheBehaviors, ctx);
  return behaviors.flatMap(([where, b]) => {
    const v = get(b, "viewerProtocolPolicy");
    if (opacity(v)) return cannotCheck(`${where}.viewerProtocolPolicy`, v, ctx);
    return v === "allow-all"
      ? [`${where}.viewerProtocolPolicy is allow-all: viewers get the content over plain HTTP; use redirect-to-https`]
      : [];
  });
}

/**
 * The viewer certificate's minimum TLS version. With `cloudfrontDefaultCertificate: true` (the *.cloudfront.net
 * name) "CloudFront automatically sets the security policy to TLSv1 regardless of the value that you set"
 * (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html); `vip` does the same.
 */
function viewerCertificate(r: PolicyResource, ctx: PolicyContext): string[] {
  const cert = r.inputs.viewerCertificate;
  if (opacity(cert)) return cannotCheck("viewerCertificate", cert, ctx);
  const isDefault = get(cert, "cloudfrontDefaultCertificate");
  if (opacity(isDefault)) return cannotCheck("viewerCertificate.cloudfrontDefaultCertificate", isDefault, ctx);
  if (isDefault === true)
    return [
      "viewerCertificate uses the default *.cloudfront.net certificate, which always allows TLSv1; use an ACM certificate with minimumProtocolVersion TLSv1.2_2021",
    ];
  const min = get(cert, "minimumProtocolVersion");
  if (opacity(min)) return cannotCheck("viewerCertificate.minimumProtocolVersion", min, ctx);
  if (get(cert, "sslSupportMethod") === "vip")
    return ['viewerCertificate.sslSupportMethod "vip" fixes the security policy at TLSv1; use "sni-only"'];
  const name = str(min);
  return name && CLOUDFRONT_TLS12.test(name)
    ? []
    : [`viewerCertificate.minimumProtocolVersion is ${name ?? "unset (TLSv1)"}; use TLSv1.2_2021 or newer`];
}

/** Origins reached over plain HTTP, or offered TLS below 1.2. */
function origins(r: PolicyResource, ctx: PolicyContext): string[] {
  if (opacity(r.inputs.origins)) return cannotCheck("origins", r.inputs.origins, ctx);
  return list(r.inputs.origins).flatMap((o, i) => {
    const custom = get(o, "customOriginConfig");
    if (custom === undefined) return [];
    const policy = get(custom, "originProtocolPolicy");
    if (opacity(policy)) return cannotCheck(`origins[${i}].customOriginConfig.originProtocolPolicy`, policy, ctx);
    const out: string[] = [];
    if (policy === "http-only") out.push(`origins[${i}] is reached over plain HTTP (originProtocolPolicy http-only)`);
    const weak = list(get(custom, "originSslProtocols")).filter(
      (p) => p === "SSLv3" || p === "TLSv1" || p === "TLSv1.1",
    );
    if (weak.length) out.push(`origins[${i}] allows ${weak.join(", ")} to the origin; allow only TLSv1.2`);
    return out;
  });
}

export const awsCloudFrontHttpsTls12: PolicyRule = {
  name: "aws-cloudfront-https-tls12",
  description:
    "CloudFront distributions: no cache behaviour with viewerProtocolPolicy allow-all; a viewer certificate with a TLS 1.2+ security policy (TLSv1.2_2021 or newer; the default *.cloudfront.net certificate and `vip` always allow TLSv1); custom origins reached over HTTPS with TLS 1.2 only. Why: a CDN is a public endpoint like any other — HTTPS only, TLS 1.2+, end to end.",
  clouds: ["aws"],
  scope: "resource",
  types: ["aws:cloudfront/distribution:Distribution"],
  check(r, ctx) {
    return [...viewerPolicies(r, ctx), ...viewerCertificate(r, ctx), ...origins(r, ctx)];
  },
};
