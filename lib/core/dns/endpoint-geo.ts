import { describe } from "../errors";
import { GCP_REGIONS } from "../regions";
import { Validator } from "../validate";
import { CLOUDFLARE_CONTINENT_REGIONS, GeoCode, parseGeoCode } from "./geo";
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
        v.fail(`${field}[${i}]`, `got ${describe(s)}; Cloud DNS geo locations are GCP regions such as "europe-west1"`);
      return s;
    });
  }
  if (list === undefined)
    v.fail(
      field,
      'missing; strategy "geo" needs the locations each endpoint serves, e.g. ["GEO-EU", "GB"] or ["WORLD"] for the catch-all',
    );
  return list.map((c, i) => {
    const s = v.string(c, `${field}[${i}]`);
    const code: GeoCode | undefined = parseGeoCode(s);
    if (!code)
      v.fail(
        `${field}[${i}]`,
        `got ${describe(s)}; expected "WORLD", a continent "GEO-AF|AN|AS|EU|NA|OC|SA", an ISO country "DE" or a US state "US-CA"`,
      );
    if (code.kind === "subdivision" && provider === "cloudflare")
      v.fail(`${field}[${i}]`, `got ${describe(s)}; Cloudflare steers by region or country, not by state: use "US"`);
    if (
      code.kind === "continent" &&
      provider === "cloudflare" &&
      CLOUDFLARE_CONTINENT_REGIONS[code.continent].length === 0
    ) {
      v.fail(`${field}[${i}]`, `got ${describe(s)}; Cloudflare has no load-balancing region for Antarctica`);
    }
    return s;
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
