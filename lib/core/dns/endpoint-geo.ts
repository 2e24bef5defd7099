import { describe } from "../errors";
import { GCP_REGIONS } from "../regions";
import { Validator } from "../validate";
import { geoRefusal, readGeoCode } from "./geo";
import { ResolvedEndpoint } from "./resolved";
import { DnsProvider, DnsStrategy } from "./types";

export function endpointGeo(
  v: Validator,
  provider: DnsProvider,
  strategy: DnsStrategy,
  value: unknown,
  region: string | undefined,
  field: string,
): string[] {
  const list = v.array(value, field, { optional: true, minLength: 1 });
  if (strategy !== "geo") {
    if (list !== undefined)
      v.fail(field, `geo locations only apply to strategy "geo" (this one is ${describe(strategy)})`);
    return [];
  }
  if (provider === "gcp-cloud-dns") {
    // Cloud DNS geo answers by GCP region (nearest to the resolver), so the vocabulary is GCP region names.
    const regions =
      list ??
      (region
        ? [region]
        : v.fail(
            field,
            'missing; Cloud DNS geo routing keys answers by GCP region: set geo: ["europe-west1", ...] or a GCP region on the endpoint',
          ));
    return regions.map((r, i) => {
      const s = v.string(r, `${field}[${i}]`);
      if (!GCP_REGIONS.includes(s))
        v.fail(
          `${field}[${i}]`,
          // Cloud DNS geolocation policies are keyed by Google Cloud region: "the source location of traffic" is matched
          // to the nearest region, not to a country (https://cloud.google.com/dns/docs/routing-policies-overview).
          `got ${describe(s)}; Cloud DNS geo routing steers by the Google Cloud region nearest the resolver, not by country or continent: give GCP regions such as "europe-west1", or use provider "route53", "cloudflare" or "azure-traffic-manager" to route by country`,
        );
      return s;
    });
  }
  if (list === undefined)
    v.fail(
      field,
      'missing; strategy "geo" needs the locations each endpoint serves, e.g. ["DE", "FR"] or ["WORLD"] for the catch-all',
    );
  return list.map((c, i) => {
    const s = v.string(c, `${field}[${i}]`);
    // One vocabulary, one meaning per code on every provider (lib/core/dns/geo.ts has the sources).
    const code = readGeoCode(s);
    if ("error" in code) return v.fail(`${field}[${i}]`, `got ${describe(s)}; ${code.error}`);
    const refused = geoRefusal(provider, code);
    if (refused) v.fail(`${field}[${i}]`, `got ${describe(s)} on ${provider}; ${refused}`);
    return code.code;
  });
}

export function resolveGeoDefault(
  v: Validator,
  provider: DnsProvider,
  endpoints: ResolvedEndpoint[],
  order: ResolvedEndpoint[],
): ResolvedEndpoint | undefined {
  if (provider === "gcp-cloud-dns") return undefined; // Cloud DNS always answers from the nearest configured region.
  const world = endpoints.find((e) => e.geo.includes("WORLD"));
  if (world && !world.enabled) {
    v.fail(
      `endpoints[${world.index}].enabled`,
      'this endpoint holds the "WORLD" catch-all and cannot be drained; move "WORLD" to another endpoint first',
    );
  }
  if (provider === "azure-traffic-manager") {
    const drained = endpoints.find((e) => !e.enabled);
    // Traffic Manager answers nothing for locations mapped to a disabled endpoint, and a location maps to one endpoint.
    if (drained)
      v.fail(
        `endpoints[${drained.index}].enabled`,
        "Traffic Manager geographic routing cannot drain an endpoint: its locations would get no answer. Move its geo locations to another endpoint (remove the endpoint) instead",
      );
  }
  return world ?? order.find((e) => e.enabled);
}
