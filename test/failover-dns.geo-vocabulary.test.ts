import * as assert from "node:assert/strict";
import { FailoverDns, FailoverDnsArgs, isConfigError } from "../lib";
import { Plan, findResources, getResource, recordPlan, tryRecordPlan } from "../lib/testing";

// Issue #16 item 8: one geo vocabulary whose codes mean the same on every provider, refused where a provider cannot say
// the same thing, and each provider's own weight range. Sources:
// - Route 53 GeoLocation: continents AF AN AS EU OC NA SA, ISO 3166-1 countries, subdivisions of the US only
//   (https://docs.aws.amazon.com/Route53/latest/APIReference/API_GeoLocation.html); weights 0-255
//   (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html).
// - Traffic Manager's geographic hierarchy: WORLD; GEO-EU, GEO-ME (Middle East, with Saudi Arabia and Turkey), GEO-NA,
//   GEO-AS (Asia without the Middle East), GEO-AF, GEO-AN, GEO-SA, GEO-AP (Australia / Pacific, with American Samoa);
//   countries; states of the US, Canada (CA-QC ...) and Australia (AU-NSW ...)
//   (https://learn.microsoft.com/azure/traffic-manager/traffic-manager-geographic-regions); endpoint weights 1-1000
//   (https://learn.microsoft.com/rest/api/trafficmanager/endpoints/create-or-update).
// - Cloudflare: regions WNAM ENAM WEU EEU NSAM SSAM OC ME NAF SAF SAS SEAS NEAS
//   (https://developers.cloudflare.com/load-balancing/reference/region-mapping-api/), country pools; monitor regions
//   add ALL_REGIONS for Enterprise (API schema load-balancing_check_regions,
//   https://developers.cloudflare.com/api/resources/load_balancers/subresources/pools/methods/create/).
// - Cloud DNS geolocation steers by Google Cloud region (https://cloud.google.com/dns/docs/routing-policies-overview).
const CF = {
  accountId: "0123456789abcdef0123456789abcdef",
  zoneId: "fedcba9876543210fedcba9876543210",
  trafficSteering: true,
};
const REC_R53 = "aws:route53/record:Record";
const LB = "cloudflare:index/loadBalancer:LoadBalancer";
const POOL = "cloudflare:index/loadBalancerPool:LoadBalancerPool";
const TM_EP = "azure-native:trafficmanager:Endpoint";
const two = [
  { id: "use1", address: "lb-use1.northwind-origins.net", region: "aws:us-east-1" },
  { id: "euw1", address: "lb-euw1.northwind-origins.net", region: "aws:eu-west-1" },
];
type Provider = "route53" | "cloudflare" | "azure-traffic-manager";
const options = (provider: Provider): Partial<FailoverDnsArgs> =>
  provider === "route53"
    ? {}
    : provider === "cloudflare"
      ? { cloudflare: CF }
      : { azure: { resourceGroupName: "rg-dns" } };
const geoArgs = (provider: Provider, a: string[], b: string[]): FailoverDnsArgs => ({
  provider,
  zone: "northwind-traders.com",
  record: "api",
  strategy: "geo",
  ...options(provider),
  endpoints: [
    { ...two[0], geo: ["WORLD", ...a] },
    { ...two[1], geo: b },
  ],
});
const record = (args: FailoverDnsArgs): Promise<Plan> =>
  recordPlan(() => {
    new FailoverDns("api", args);
  });
async function refused(args: FailoverDnsArgs, field: string, ...mentions: string[]): Promise<string> {
  const { error } = await tryRecordPlan(() => {
    new FailoverDns("api", args);
  });
  assert.ok(isConfigError(error), `expected a ConfigError, got ${String(error)}`);
  assert.equal((error as { field: string }).field, field);
  for (const m of mentions) assert.ok((error as Error).message.includes(m), `${(error as Error).message} names ${m}`);
  return (error as Error).message;
}
const PROVIDERS: Provider[] = ["route53", "cloudflare", "azure-traffic-manager"];

describe("FailoverDns geo vocabulary: one meaning per code on every provider (issue #16 item 8)", () => {
  it("refuses a bare code that is both a country and a continent, showing both spellings, on every provider", async () => {
    // AF Afghanistan / Africa, AS American Samoa / Asia, NA Namibia / North America, SA Saudi Arabia / South America.
    for (const provider of PROVIDERS)
      for (const code of ["NA", "AS", "SA", "AF"])
        await refused(geoArgs(provider, [], [code]), "endpoints[1].geo[0]", `"country:${code}"`, `"continent:${code}"`);
  });

  it("refuses bare continent codes that are not countries (EU, OC, AN) with the spellings that exist", async () => {
    await refused(geoArgs("route53", [], ["EU"]), "endpoints[1].geo[0]", '"continent:EU"', '"GEO-EU"');
    await refused(geoArgs("route53", [], ["OC"]), "endpoints[1].geo[0]", '"continent:OC"');
  });

  it("Route 53: country:NA is Namibia and continent:NA is North America, as Route 53's GeoLocation says", async () => {
    const plan = await record(geoArgs("route53", ["continent:NA"], ["country:NA", "continent:SA", "US-CA"]));
    const geoOf = (setIdentifier: string) =>
      findResources(plan, REC_R53).find((r) => r.inputs.setIdentifier === setIdentifier)?.inputs
        .geolocationRoutingPolicies;
    assert.deepEqual(geoOf("use1-geo-na"), [{ continent: "NA" }]);
    assert.deepEqual(geoOf("euw1-country-na"), [{ country: "NA" }]);
    assert.deepEqual(geoOf("euw1-geo-sa"), [{ continent: "SA" }]);
    assert.deepEqual(geoOf("euw1-us-ca"), [{ country: "US", subdivision: "CA" }]);
  });

  it("a Traffic Manager region is refused where its members differ: Route 53 and Cloudflare", async () => {
    // GEO-AS leaves out the Middle East (GEO-ME), unlike Route 53's Asia and Cloudflare's ME/SAS/SEAS/NEAS.
    await refused(geoArgs("route53", [], ["GEO-AS"]), "endpoints[1].geo[0]", '"continent:AS"');
    await refused(geoArgs("cloudflare", [], ["GEO-AS"]), "endpoints[1].geo[0]", "cloudflare:");
    await refused(geoArgs("route53", [], ["GEO-ME"]), "endpoints[1].geo[0]", "Traffic Manager");
  });

  it("a Route 53 continent is refused on Traffic Manager and Cloudflare, whose groupings differ", async () => {
    await refused(geoArgs("azure-traffic-manager", [], ["continent:AS"]), "endpoints[1].geo[0]", '"GEO-AS"', "GEO-ME");
    await refused(geoArgs("azure-traffic-manager", [], ["continent:OC"]), "endpoints[1].geo[0]", '"GEO-AP"');
    await refused(geoArgs("cloudflare", [], ["continent:EU"]), "endpoints[1].geo[0]", "cloudflare:WEU");
    await refused(geoArgs("route53", [], ["GEO-OC"]), "endpoints[1].geo[0]", '"continent:OC"', '"GEO-AP"');
  });

  it("Traffic Manager: the Middle East (GEO-ME), GEO-AP, and Canadian and Australian states map to its own codes", async () => {
    const plan = await record(
      geoArgs("azure-traffic-manager", ["GEO-NA", "CA-QC"], ["GEO-ME", "GEO-AP", "AU-NSW", "country:NA"]),
    );
    const mapping = (id: string) => getResource(plan, TM_EP, `api-${id}`).inputs.geoMapping;
    assert.deepEqual(mapping("use1"), ["WORLD", "GEO-NA", "CA-QC"]);
    assert.deepEqual(mapping("euw1"), ["GEO-ME", "GEO-AP", "AU-NSW", "NA"]);
  });

  it("states and provinces outside the US are refused on Route 53, and every subdivision on Cloudflare", async () => {
    // Route 53 SubdivisionCode: "a state of the United States. Route 53 doesn't support any other values".
    await refused(geoArgs("route53", [], ["CA-QC"]), "endpoints[1].geo[0]", '"CA"');
    await refused(geoArgs("route53", [], ["subdivision:AU-NSW"]), "endpoints[1].geo[0]", '"AU"');
    await refused(geoArgs("cloudflare", [], ["US-CA"]), "endpoints[1].geo[0]", '"US"');
    await refused(geoArgs("azure-traffic-manager", [], ["CA-ZZ"]), "endpoints[1].geo[0]");
  });

  it("Cloudflare: its regions (bare or cloudflare:XX) become regionPools; bare ME and OC are ambiguous", async () => {
    const plan = await record(geoArgs("cloudflare", ["WNAM", "cloudflare:ENAM"], ["cloudflare:ME", "cloudflare:OC"]));
    const lb = getResource(plan, LB);
    assert.deepEqual(Object.keys(lb.inputs.regionPools as object).sort(), ["ENAM", "ME", "OC", "WNAM"]);
    await refused(geoArgs("cloudflare", [], ["ME"]), "endpoints[1].geo[0]", '"country:ME"', '"cloudflare:ME"');
    await refused(geoArgs("cloudflare", [], ["OC"]), "endpoints[1].geo[0]", '"continent:OC"', '"cloudflare:OC"');
    await refused(geoArgs("route53", [], ["WEU"]), "endpoints[1].geo[0]", "Cloudflare");
  });

  it("one location has one owner whatever its spelling (DE and country:DE)", async () => {
    await refused(geoArgs("route53", ["DE"], ["country:DE"]), "endpoints[1].geo", '"DE"');
  });

  it("Cloud DNS refuses countries honestly: it steers by Google Cloud region, not by country", async () => {
    await refused(
      {
        provider: "gcp-cloud-dns",
        zone: "northwind-traders.com",
        record: "api",
        strategy: "geo",
        gcp: { managedZone: "northwind" },
        endpoints: [{ id: "a", address: "34.120.113.10", geo: ["DE"] }],
      },
      "endpoints[0].geo[0]",
      "Google Cloud region",
    );
  });
});

describe("FailoverDns weights: each provider's own range (issue #16 item 8)", () => {
  const weighted = (provider: Provider | "gcp-cloud-dns", weights: number[]): FailoverDnsArgs => ({
    provider,
    zone: "northwind-traders.com",
    record: "api",
    strategy: "weighted",
    ...(provider === "gcp-cloud-dns" ? { gcp: { managedZone: "northwind" } } : options(provider)),
    endpoints: weights.map((weight, i) => ({
      id: `e${i}`,
      address: provider === "gcp-cloud-dns" ? `34.120.113.${10 + i}` : `lb-${i}.northwind-origins.net`,
      weight,
    })),
  });

  it("Traffic Manager takes 1-1000 (was capped at 255)", async () => {
    const plan = await record(weighted("azure-traffic-manager", [1000, 1]));
    assert.deepEqual(
      findResources(plan, TM_EP)
        .map((e) => e.inputs.weight)
        .sort((a, b) => (a as number) - (b as number)),
      [1, 1000],
    );
    await refused(weighted("azure-traffic-manager", [1001, 1]), "endpoints[0].weight", "1-1000");
    await refused(weighted("azure-traffic-manager", [0, 1]), "endpoints[0].weight", "enabled: false");
  });

  it("Route 53 takes 0-255 and refuses more", async () => {
    await refused(weighted("route53", [256, 1]), "endpoints[0].weight", "0-255");
    await record(weighted("route53", [255, 0]));
  });

  it("Cloudflare and Cloud DNS take 0-1000; Cloudflare's 0-1 pool weights keep three decimals", async () => {
    const plan = await record(weighted("cloudflare", [1000, 1]));
    const weights = Object.values(
      (getResource(plan, LB).inputs.randomSteering as { poolWeights: Record<string, number> }).poolWeights,
    ).sort();
    assert.deepEqual(weights, [0.001, 1]);
    await refused(weighted("cloudflare", [1001, 1]), "endpoints[0].weight", "0-1000");
    await record(weighted("gcp-cloud-dns", [1000, 1]));
  });
});

describe("Cloudflare checkRegions ALL_REGIONS (issue #16 item 8)", () => {
  const args = (plan: "pro" | "enterprise", checkRegions: string[]): FailoverDnsArgs => ({
    provider: "cloudflare",
    zone: "northwind-traders.com",
    record: "api",
    strategy: "failover",
    cloudflare: { ...CF, plan, checkRegions },
    endpoints: two,
  });

  it("is accepted on Enterprise and passed through as the pool's check region", async () => {
    const plan = await record(args("enterprise", ["ALL_REGIONS"]));
    for (const pool of findResources(plan, POOL)) assert.deepEqual(pool.inputs.checkRegions, ["ALL_REGIONS"]);
  });

  it("is refused below Enterprise, and beside other regions", async () => {
    await refused(args("pro", ["ALL_REGIONS"]), "cloudflare.checkRegions[0]", "Enterprise");
    await refused(args("enterprise", ["WEU", "ALL_REGIONS"]), "cloudflare.checkRegions");
  });
});
