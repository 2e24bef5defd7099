import { describe } from "../errors";
import { specialNameReason, specialUseName } from "../special-names";
import { Validator } from "../validate";
import type { DnsProvider, HealthProtocol } from "./types";

/** An endpoint's own health-check target, when it differs from what the shared health check probes. */
export interface EndpointProbe {
  /** The name probes send as Host (and SNI). */
  readonly host?: string;
  /** The path probes request. */
  readonly path?: string;
}

/**
 * API Gateway regional custom-domain targets (`d-<id>.execute-api.<region>.amazonaws.com`): the target answers only for
 * the custom domain it fronts (the SNI/Host of the custom domain name), not under its own name, so a probe of the
 * target's own name does not reach the API ("Set up a Regional custom domain name in API Gateway",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-regional-api-custom-domain-create.html).
 */
const API_GATEWAY_REGIONAL_DOMAIN = /^d-[a-z0-9]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/;

/**
 * `endpoints[i].healthCheck` ({ host?, path? }): checked against what each provider can probe per endpoint.
 * Route 53 has one health check per endpoint (host: its FullyQualifiedDomainName, path: ResourcePath); Cloudflare one
 * monitor per pool; Traffic Manager custom headers per endpoint but one monitor path per profile; Cloud DNS one health
 * check per record set.
 */
export function resolveEndpointProbe(
  v: Validator,
  provider: DnsProvider,
  protocol: HealthProtocol,
  raw: unknown,
  address: unknown,
  field: string,
): EndpointProbe | undefined {
  const o = v.object(raw, field, { optional: true, allowedKeys: ["host", "path"] });
  const gatewayDomain = typeof address === "string" && API_GATEWAY_REGIONAL_DOMAIN.test(address.toLowerCase());
  if (o === undefined) {
    if (gatewayDomain && protocol !== "TCP" && (provider === "route53" || provider === "azure-traffic-manager"))
      v.fail(
        `${field}.host`,
        `missing; ${describe(address)} is an API Gateway regional domain target, which serves the API only under its custom domain name, so probing its own name fails: give healthCheck.host (the API's custom domain or its execute-api host) and, if needed, healthCheck.path`,
      );
    return undefined;
  }
  const host = o.host === undefined ? undefined : v.hostname(o.host, `${field}.host`);
  // Route 53 resolves and checks this name; a special-use name (lib/core/special-names.ts) never resolves publicly.
  const special = host === undefined ? undefined : specialUseName(host);
  if (special) v.fail(`${field}.host`, `got ${specialNameReason(host!, special)}`);
  const path = v.string(o.path, `${field}.path`, {
    optional: true,
    maxLength: 255,
    pattern: /^\/[\x21-\x7e]*$/,
    patternHelp: 'a path starting with "/" (printable ASCII, no spaces)',
  });
  if (protocol === "TCP" && (host !== undefined || path !== undefined))
    v.fail(field, "a TCP probe only opens a connection: it sends no Host and requests no path");
  if (provider === "gcp-cloud-dns")
    v.fail(
      field,
      "Cloud DNS probes every endpoint of a record set with its one health check: set healthCheck.path instead",
    );
  if (provider === "azure-traffic-manager" && path !== undefined)
    v.fail(
      `${field}.path`,
      `got ${describe(path)}; Traffic Manager has one monitor path per profile (set healthCheck.path); an endpoint can only change the Host header`,
    );
  return host === undefined && path === undefined ? undefined : { host, path };
}
