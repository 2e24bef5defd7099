/**
 * Neutral geo codes and their native forms. One vocabulary for the user (`WORLD`, `GEO-EU`, `DE`, `US-CA`), one
 * translation per provider. Continent codes carry the `GEO-` prefix because bare continent codes collide with
 * countries (AS = American Samoa, SA = Saudi Arabia, NA = Namibia).
 */

export const WORLD = "WORLD";
export const CONTINENTS = ["AF", "AN", "AS", "EU", "NA", "OC", "SA"] as const;
export type Continent = (typeof CONTINENTS)[number];

/** ISO 3166-1 alpha-2 country codes: the countries every provider's geo routing names. */
export const COUNTRIES: ReadonlySet<string> = new Set([
  "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI",
  "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
  "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK",
  "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
  "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN",
  "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
  "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP",
  "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
  "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF",
  "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
  "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
]);

/** US states and DC: the subdivisions Route 53 (and Traffic Manager) route on. */
export const US_STATES: ReadonlySet<string> = new Set([
  "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN",
  "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
  "WV", "WI", "WY",
]);

export type GeoCode =
  | { kind: "world"; code: string }
  | { kind: "continent"; code: string; continent: Continent }
  | { kind: "country"; code: string; country: string }
  | { kind: "subdivision"; code: string; country: string; subdivision: string };

/** Parses a neutral geo code; undefined when it is not one. */
export function parseGeoCode(value: string): GeoCode | undefined {
  if (value === WORLD) return { kind: "world", code: value };
  const continent = /^GEO-([A-Z]{2})$/.exec(value);
  if (continent) {
    return (CONTINENTS as readonly string[]).includes(continent[1]) ? { kind: "continent", code: value, continent: continent[1] as Continent } : undefined;
  }
  if (COUNTRIES.has(value)) return { kind: "country", code: value, country: value };
  const sub = /^(US)-([A-Z]{2})$/.exec(value);
  if (sub && US_STATES.has(sub[2])) return { kind: "subdivision", code: value, country: sub[1], subdivision: sub[2] };
  return undefined;
}

/** Route 53 `geolocationRoutingPolicies` entry. */
export function route53Geo(code: GeoCode): { continent?: string; country?: string; subdivision?: string } {
  switch (code.kind) {
    case "world":
      return { country: "*" };
    case "continent":
      return { continent: code.continent };
    case "country":
      return { country: code.country };
    case "subdivision":
      return { country: code.country, subdivision: code.subdivision };
  }
}

/** Traffic Manager `geoMapping` value (Oceania is GEO-AP, "Australia / Pacific", there). */
export function azureGeo(code: GeoCode): string {
  if (code.kind === "continent") return code.continent === "OC" ? "GEO-AP" : code.code;
  return code.code;
}

/** Cloudflare load-balancer regions per continent (regionPools keys). Antarctica has no region. */
export const CLOUDFLARE_CONTINENT_REGIONS: Record<Continent, readonly string[]> = {
  AF: ["NAF", "SAF"],
  AN: [],
  AS: ["ME", "SAS", "SEAS", "NEAS"],
  EU: ["WEU", "EEU"],
  NA: ["WNAM", "ENAM"],
  OC: ["OC"],
  SA: ["NSAM", "SSAM"],
};
