/**
 * One geo vocabulary for FailoverDns, with one meaning on every provider, and a refusal where a provider cannot say
 * the same thing. Countries (ISO 3166-1) and subdivisions (ISO 3166-2) mean the same everywhere they are accepted.
 * Groupings of countries do not: Route 53's continents, Traffic Manager's regions and Cloudflare's load-balancing
 * regions have different members (Traffic Manager's GEO-AS leaves out the Middle East, which is its own GEO-ME, and
 * puts Turkey there; Cloudflare splits continents into 13 regions), so each grouping is spelled as its provider names
 * it and refused on the others, with a hint. Bare two-letter codes are countries; one that is also a continent code
 * (AF, AS, NA, SA) is refused with both spellings, because "NA" would otherwise silently mean Namibia.
 *
 * Sources: Route 53 GeoLocation (continent codes AF AN AS EU OC NA SA, ISO countries, US states only:
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_GeoLocation.html); Traffic Manager's geographic
 * hierarchy (WORLD, GEO-EU GEO-ME GEO-NA GEO-AS GEO-AF GEO-AN GEO-SA GEO-AP, countries, US/Canada/Australia states:
 * https://learn.microsoft.com/azure/traffic-manager/traffic-manager-geographic-regions, the same tree the
 * Geographic Hierarchies - Get Default API returns:
 * https://learn.microsoft.com/rest/api/trafficmanager/geographic-hierarchies/get-default); Cloudflare regions
 * (https://developers.cloudflare.com/load-balancing/reference/region-mapping-api/) and country pools
 * (regionPools/countryPools of a load balancer).
 */
import { COUNTRIES, COUNTRY_NAMES_CLASHING_WITH_CONTINENTS, SUBDIVISIONS } from "./geo-countries";
import type { DnsProvider } from "./types";

export { COUNTRIES, US_STATES, CA_PROVINCES, AU_STATES } from "./geo-countries";

export const WORLD = "WORLD";

/** Route 53's continent codes, spelled `continent:XX`. */
export const CONTINENTS = ["AF", "AN", "AS", "EU", "NA", "OC", "SA"] as const;
export type Continent = (typeof CONTINENTS)[number];
const CONTINENT_NAMES: Record<Continent, string> = {
  AF: "Africa",
  AN: "Antarctica",
  AS: "Asia",
  EU: "Europe",
  NA: "North America",
  OC: "Oceania",
  SA: "South America",
};

/** Traffic Manager's regions directly under WORLD in its geographic hierarchy. */
export const TRAFFIC_MANAGER_REGIONS: Readonly<Record<string, string>> = {
  "GEO-EU": "Europe",
  "GEO-ME": "Middle East",
  "GEO-NA": "North America / Central America / Caribbean",
  "GEO-AS": "Asia (without the Middle East)",
  "GEO-AF": "Africa",
  "GEO-AN": "Antarctica",
  "GEO-SA": "South America",
  "GEO-AP": "Australia / Pacific",
};

/**
 * Cloudflare load-balancing regions (regionPools keys), spelled `cloudflare:XX` or bare; bare ME (Montenegro) and OC
 * (Oceania) are refused as ambiguous.
 */
export const CLOUDFLARE_GEO_REGIONS = [
  "WNAM",
  "ENAM",
  "WEU",
  "EEU",
  "NSAM",
  "SSAM",
  "OC",
  "ME",
  "NAF",
  "SAF",
  "SAS",
  "SEAS",
  "NEAS",
] as const;

export type GeoCode =
  | { kind: "world"; code: string }
  | { kind: "continent"; code: string; continent: Continent }
  | { kind: "traffic-manager-region"; code: string; region: string }
  | { kind: "cloudflare-region"; code: string; region: string }
  | { kind: "country"; code: string; country: string }
  | { kind: "subdivision"; code: string; country: string; subdivision: string };

const EXPECTED =
  'expected "WORLD", a country ("DE", or "country:NA"), a state or province ("US-CA", "CA-QC", "AU-NSW"), a Route 53 continent ("continent:EU"), a Traffic Manager region ("GEO-EU", "GEO-ME", "GEO-AP", ...) or a Cloudflare region ("cloudflare:WEU")';

/** Reads one geo code as the user wrote it: the parsed code (with its canonical spelling), or why it is refused. */
export function readGeoCode(value: string): GeoCode | { error: string } {
  if (value === WORLD) return { kind: "world", code: WORLD };
  const prefixed = /^(continent|country|subdivision|cloudflare):(.*)$/.exec(value);
  if (prefixed) {
    const [, prefix, rest] = prefixed;
    if (prefix === "continent")
      return (CONTINENTS as readonly string[]).includes(rest)
        ? { kind: "continent", code: value, continent: rest as Continent }
        : { error: `expected one of Route 53's continents: ${CONTINENTS.map((c) => `"continent:${c}"`).join(", ")}` };
    if (prefix === "country")
      return COUNTRIES.has(rest)
        ? // Canonical spelling: bare, unless bare would read as a continent (then it keeps its prefix).
          { kind: "country", code: COUNTRY_NAMES_CLASHING_WITH_CONTINENTS[rest] ? value : rest, country: rest }
        : { error: 'expected an ISO 3166-1 alpha-2 country code in capitals, such as "country:NA" (Namibia)' };
    if (prefix === "cloudflare")
      return (CLOUDFLARE_GEO_REGIONS as readonly string[]).includes(rest)
        ? { kind: "cloudflare-region", code: value, region: rest }
        : { error: `expected one of Cloudflare's regions: ${CLOUDFLARE_GEO_REGIONS.join(" ")}` };
    const sub = subdivision(rest);
    return sub ?? { error: 'expected a state or province such as "subdivision:US-CA", "CA-QC" or "AU-NSW"' };
  }
  if (/^GEO-/.test(value)) {
    if (TRAFFIC_MANAGER_REGIONS[value]) return { kind: "traffic-manager-region", code: value, region: value };
    if (value === "GEO-OC")
      return {
        error:
          'no provider names Oceania "GEO-OC": Route 53\'s continent is "continent:OC", Traffic Manager\'s region "GEO-AP" (Australia / Pacific)',
      };
    return { error: `expected one of Traffic Manager's regions: ${Object.keys(TRAFFIC_MANAGER_REGIONS).join(" ")}` };
  }
  if ((CLOUDFLARE_GEO_REGIONS as readonly string[]).includes(value)) {
    // Cloudflare's own spelling is accepted bare where it names nothing else; ME and OC do.
    if (value === "ME")
      return {
        error:
          '"ME" is both a country (Montenegro) and a Cloudflare region (Middle East): write "country:ME" for Montenegro or "cloudflare:ME" for the region',
      };
    if (value === "OC")
      return {
        error:
          '"OC" is both a continent (Oceania) and a Cloudflare region: write "continent:OC" for Route 53\'s continent or "cloudflare:OC" for Cloudflare\'s region',
      };
    return { kind: "cloudflare-region", code: `cloudflare:${value}`, region: value };
  }
  if (/^[A-Z]{2}$/.test(value)) {
    const clash = COUNTRY_NAMES_CLASHING_WITH_CONTINENTS[value];
    if (clash)
      return {
        error: `"${value}" is both a country (${clash}) and a continent (${CONTINENT_NAMES[value as Continent]}): write "country:${value}" for ${clash} or "continent:${value}" for ${CONTINENT_NAMES[value as Continent]}`,
      };
    if (COUNTRIES.has(value)) return { kind: "country", code: value, country: value };
    if ((CONTINENTS as readonly string[]).includes(value))
      return {
        error: `"${value}" is a continent, not a country: write "continent:${value}" (Route 53) or use Traffic Manager's ${value === "OC" ? '"GEO-AP"' : `"GEO-${value}"`} region`,
      };
  }
  return subdivision(value) ?? { error: EXPECTED };
}

function subdivision(value: string): GeoCode | undefined {
  const m = /^([A-Z]{2})-([A-Z]{2,3})$/.exec(value);
  if (!m || !SUBDIVISIONS[m[1]]?.has(m[2])) return undefined;
  return { kind: "subdivision", code: value, country: m[1], subdivision: m[2] };
}

/** Parses a code already read by `readGeoCode` (a resolved endpoint's geo); undefined when it is not one. */
export function parseGeoCode(value: string): GeoCode | undefined {
  const code = readGeoCode(value);
  return "error" in code ? undefined : code;
}

/** Why `provider` cannot route on `code` with the meaning it has, or undefined when it can. */
export function geoRefusal(provider: DnsProvider, code: GeoCode): string | undefined {
  const countries = "or list the countries, which mean the same on every provider";
  switch (code.kind) {
    case "world":
    case "country":
      return undefined;
    case "subdivision":
      if (provider === "route53" && code.country !== "US")
        return `Route 53 routes on states of the United States only (GeoLocation SubdivisionCode): use the country "${code.country}"`;
      if (provider === "cloudflare")
        return `Cloudflare steers by region or country, not by state or province: use the country "${code.country}"`;
      return undefined;
    case "continent":
      if (provider === "route53") return undefined;
      if (provider === "azure-traffic-manager")
        return `that is Route 53's continent ${CONTINENT_NAMES[code.continent]}; Traffic Manager's regions have other members (GEO-AS leaves out the Middle East, GEO-ME; Oceania is GEO-AP, Australia / Pacific): use a Traffic Manager region such as "GEO-${code.continent === "OC" ? "AP" : code.continent}", ${countries}`;
      return `that is Route 53's continent ${CONTINENT_NAMES[code.continent]}; Cloudflare has no continents, only its regions: use regions such as "cloudflare:WEU", ${countries}`;
    case "traffic-manager-region":
      if (provider === "azure-traffic-manager") return undefined;
      if (provider === "route53")
        return `that is Traffic Manager's ${TRAFFIC_MANAGER_REGIONS[code.region]} region, whose members differ from Route 53's continents: use a Route 53 continent such as "continent:${code.region === "GEO-AP" ? "OC" : code.region === "GEO-ME" ? "AS" : code.region.slice(4)}", ${countries}`;
      return `that is Traffic Manager's ${TRAFFIC_MANAGER_REGIONS[code.region]} region; Cloudflare steers by its own regions: use regions such as "cloudflare:WEU", ${countries}`;
    case "cloudflare-region":
      if (provider === "cloudflare") return undefined;
      return `that is a Cloudflare load-balancing region, which ${provider} has no equivalent of: ${countries}`;
  }
}

/** The part of a Route 53 record name and set identifier that names one location (`<endpoint>-<slug>`). */
export function geoSlug(code: GeoCode): string {
  // A Route 53 continent keeps the slug its earlier spelling "GEO-XX" had, so moving to "continent:XX" keeps the URN.
  if (code.kind === "continent") return `geo-${code.continent.toLowerCase()}`;
  return code.code.toLowerCase().replace(/[^a-z0-9-]/g, "-");
}

/** Route 53 `geolocationRoutingPolicies` entry. */
export function route53Geo(code: GeoCode): { continent?: string; country?: string; subdivision?: string } {
  switch (code.kind) {
    case "continent":
      return { continent: code.continent };
    case "country":
      return { country: code.country };
    case "subdivision":
      return { country: code.country, subdivision: code.subdivision };
    default:
      // WORLD is the default record; the other groupings are refused on Route 53 before this is called.
      return { country: "*" };
  }
}

/** Traffic Manager `geoMapping` value: its own codes (WORLD, GEO-XX, ISO countries, US-CA / CA-QC / AU-NSW). */
export function azureGeo(code: GeoCode): string {
  return code.kind === "country" ? code.country : code.code;
}
