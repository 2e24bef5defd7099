/**
 * Neutral geo codes and their native forms. One vocabulary for the user (`WORLD`, `GEO-EU`, `DE`, `US-CA`), one
 * translation per provider. Continent codes carry the `GEO-` prefix because bare continent codes collide with
 * countries (AS = American Samoa, SA = Saudi Arabia, NA = Namibia).
 */

export const WORLD = "WORLD";
export const CONTINENTS = ["AF", "AN", "AS", "EU", "NA", "OC", "SA"] as const;
export type Continent = (typeof CONTINENTS)[number];

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
  if (/^[A-Z]{2}$/.test(value)) return { kind: "country", code: value, country: value };
  const sub = /^(US)-([A-Z]{2})$/.exec(value);
  if (sub) return { kind: "subdivision", code: value, country: sub[1], subdivision: sub[2] };
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
