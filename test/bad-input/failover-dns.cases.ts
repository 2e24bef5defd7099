import { FailoverDns } from "../../lib";
import { BadInput } from "./case";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const ZONE = "fedcba9876543210fedcba9876543210";
type Args = Record<string, any>;
const r53 = (): Args => ({
  provider: "route53",
  zone: "example.com",
  record: "api",
  strategy: "failover",
  endpoints: [
    { id: "use1", address: "34.120.113.10" },
    { id: "euw1", address: "35.190.100.20" },
  ],
});
const cf = (): Args => ({
  ...r53(),
  provider: "cloudflare",
  cloudflare: { accountId: ACCOUNT, zoneId: ZONE, trafficSteering: true },
});
const tm = (): Args => ({ ...r53(), provider: "azure-traffic-manager", azure: { resourceGroupName: "rg-dns" } });
const gcp = (): Args => ({
  ...r53(),
  provider: "gcp-cloud-dns",
  gcp: { managedZone: "example-com" },
  endpoints: [
    { id: "a", address: "34.1.1.1", region: "gcp:us-east4" },
    { id: "b", address: "34.1.1.2", region: "gcp:europe-west1" },
  ],
});
/** The base with changes applied to a copy (endpoint i patched with `e{i}` keys). */
const w = (make: () => Args, change: Args, ...endpoints: Args[]): Args => {
  const a = { ...make(), ...change };
  endpoints.forEach((patch, i) => {
    a.endpoints[i] = { ...a.endpoints[i], ...patch };
  });
  return a;
};

/** [title, field, name, args]: beyond the cases of test/failover-dns.validation.test.ts. */
const rows: [string, string, unknown, unknown][] = [
  ["name null", "name", null, r53()],
  ["unicode name", "name", "düns", r53()],
  ["oversized name", "name", "d".repeat(64), r53()],
  ["args null", "args", "api", null],
  ["provider null", "provider", "api", w(r53, { provider: null })],
  ["provider wrong case", "provider", "api", w(r53, { provider: "Route53" })],
  ["unicode zone", "zone", "api", w(r53, { zone: "exämple.com" })],
  ["zone with an empty label", "zone", "api", w(r53, { zone: "example..com" })],
  [
    "zone over 253 characters",
    "zone",
    "api",
    w(r53, { zone: `${Array.from({ length: 5 }, () => "z".repeat(60)).join(".")}.com` }),
  ],
  ["record label over 63 characters", "record", "api", w(r53, { record: "r".repeat(64) })],
  ["record starting with a hyphen", "record", "api", w(r53, { record: "-api" })],
  ["record null", "record", "api", w(r53, { record: null })],
  ["endpoints null", "endpoints", "api", w(r53, { endpoints: null })],
  [
    "51 endpoints",
    "endpoints",
    "api",
    w(r53, {
      strategy: "weighted",
      endpoints: Array.from({ length: 51 }, (_, i) => ({ id: `e${i}`, address: `e${i}.northwind-origins.net` })),
    }),
  ],
  ["endpoint id over 40 characters", "endpoints[0].id", "api", w(r53, {}, { id: "e".repeat(41) })],
  ["endpoint id that names a failover chain record", "endpoints[1].id", "api", w(r53, {}, {}, { id: "tier2" })],
  [
    "geo country code that is not ISO 3166",
    "endpoints[0].geo[0]",
    "api",
    w(r53, { strategy: "geo" }, { geo: ["XX"] }, { geo: ["WORLD"] }),
  ],
  [
    "geo US subdivision that is not a state",
    "endpoints[0].geo[0]",
    "api",
    w(r53, { strategy: "geo" }, { geo: ["US-ZZ"] }, { geo: ["WORLD"] }),
  ],
  [
    "geo ids whose location records clash",
    "endpoints[1].id",
    "api",
    w(r53, { strategy: "geo" }, { id: "a", geo: ["US-CA", "WORLD"] }, { id: "a-us", geo: ["CA"] }),
  ],
  ["unicode endpoint id", "endpoints[0].id", "api", w(r53, {}, { id: "ü" })],
  ["endpoint id missing", "endpoints[0].id", "api", w(r53, {}, { id: undefined })],
  ["address null", "endpoints[0].address", "api", w(r53, {}, { address: null })],
  ["loopback address", "endpoints[0].address", "api", w(r53, {}, { address: "127.0.0.1" })],
  ["mistyped IPv4 address", "endpoints[0].address", "api", w(r53, {}, { address: "203.0.113.300" })],
  ["address with a scheme", "endpoints[0].address", "api", w(r53, {}, { address: "https://lb.northwind-origins.net" })],
  ["cloud metadata address", "endpoints[0].address", "api", w(r53, {}, { address: "169.254.169.254" })],
  ["IPv6 on Cloud DNS", "endpoints[0].address", "api", w(gcp, {}, { address: "2600:1f18::1" })],
  // IANA special-purpose registries (RFC 6890): documentation, benchmarking, multicast, reserved, IPv6 counterparts.
  [
    "documentation address (TEST-NET-3, RFC 5737)",
    "endpoints[0].address",
    "api",
    w(r53, {}, { address: "203.0.113.10" }),
  ],
  ["benchmarking address (RFC 2544)", "endpoints[0].address", "api", w(r53, {}, { address: "198.18.0.1" })],
  ["multicast address", "endpoints[0].address", "api", w(r53, {}, { address: "224.0.0.1" })],
  ["reserved address (240/4)", "endpoints[0].address", "api", w(r53, {}, { address: "240.0.0.1" })],
  ["IPv6 documentation address (RFC 3849)", "endpoints[0].address", "api", w(r53, {}, { address: "2001:db8::1" })],
  ["IPv6 unique local address", "endpoints[0].address", "api", w(r53, {}, { address: "fd00::1" })],
  ["IPv6 link-local address", "endpoints[0].address", "api", w(r53, {}, { address: "fe80::1" })],
  ["IPv6 loopback", "endpoints[0].address", "api", w(r53, {}, { address: "::1" })],
  ["region without cloud unknown", "endpoints[0].region", "api", w(r53, {}, { region: "mars" })],
  ["region a number", "endpoints[0].region", "api", w(r53, {}, { region: 1 })],
  ["region of an unknown cloud", "endpoints[0].region", "api", w(r53, {}, { region: "ibm:dal10" })],
  ["priority above 1000", "endpoints[0].priority", "api", w(r53, {}, { priority: 1001 }, { priority: 2 })],
  ["priority fractional", "endpoints[0].priority", "api", w(r53, {}, { priority: 1.5 }, { priority: 2 })],
  ["priority null everywhere", "endpoints[0].priority", "api", w(r53, {}, { priority: null }, { priority: null })],
  ["Traffic Manager priority 1000", "endpoints[1].priority", "api", w(tm, {}, { priority: 1 }, { priority: 1000 })],
  ["negative weight", "endpoints[0].weight", "api", w(r53, { strategy: "weighted" }, { weight: -1 })],
  ["empty geo list", "endpoints[0].geo", "api", w(r53, { strategy: "geo" }, { geo: [] }, { geo: ["WORLD"] })],
  [
    "lower-case country code",
    "endpoints[0].geo[0]",
    "api",
    w(r53, { strategy: "geo" }, { geo: ["de"] }, { geo: ["WORLD"] }),
  ],
  [
    "Antarctica on Cloudflare",
    "endpoints[0].geo[0]",
    "api",
    w(cf, { strategy: "geo" }, { geo: ["GEO-AN"] }, { geo: ["WORLD"] }),
  ],
  ["geo a string", "endpoints[0].geo", "api", w(r53, { strategy: "geo" }, { geo: "DE" }, { geo: ["WORLD"] })],
  ["enabled null", "endpoints[0].enabled", "api", w(r53, {}, { enabled: null })],
  [
    "alias zone for an IP target",
    "endpoints[0].aliasZoneId",
    "api",
    w(r53, {}, { aliasZoneId: "Z2FDTNDATAQYW2" }, { aliasZoneId: "Z2FDTNDATAQYW2" }),
  ],
  [
    "alias zone a number",
    "endpoints[0].aliasZoneId",
    "api",
    w(r53, {}, { address: "d1.cloudfront.net", aliasZoneId: 5 }),
  ],
  ["unknown endpoint key", "endpoints[1].hostname", "api", w(r53, {}, {}, { hostname: "x" })],
  ["primary empty", "primary", "api", w(r53, { primary: "" })],
  ["port a string", "healthCheck.port", "api", w(r53, { healthCheck: { port: "443" } })],
  ["path with a space", "healthCheck.path", "api", w(r53, { healthCheck: { path: "/health check" } })],
  ["path over 255 characters", "healthCheck.path", "api", w(r53, { healthCheck: { path: `/${"p".repeat(255)}` } })],
  ["unicode path", "healthCheck.path", "api", w(r53, { healthCheck: { path: "/santé" } })],
  ["failure threshold 0", "healthCheck.failureThreshold", "api", w(r53, { healthCheck: { failureThreshold: 0 } })],
  ["protocol lower case", "healthCheck.protocol", "api", w(r53, { healthCheck: { protocol: "https" } })],
  ["healthCheck null", "healthCheck", "api", w(r53, { healthCheck: null })],
  [
    "Cloudflare retries 6",
    "cloudflare.retries",
    "api",
    w(cf, { cloudflare: { accountId: ACCOUNT, zoneId: ZONE, retries: 6 } }),
  ],
  [
    "Cloudflare unknown check region",
    "cloudflare.checkRegions[0]",
    "api",
    w(cf, { cloudflare: { accountId: ACCOUNT, zoneId: ZONE, checkRegions: ["MARS"] } }),
  ],
  [
    "Cloudflare proxied a string",
    "cloudflare.proxied",
    "api",
    w(cf, { cloudflare: { accountId: ACCOUNT, zoneId: ZONE, proxied: "yes" } }),
  ],
  ["Cloudflare options null", "cloudflare", "api", w(cf, { cloudflare: null })],
  [
    "Cloudflare account id upper case",
    "cloudflare.accountId",
    "api",
    w(cf, { cloudflare: { accountId: ACCOUNT.toUpperCase(), zoneId: ZONE } }),
  ],
  [
    "resource group ending with a dot",
    "azure.resourceGroupName",
    "api",
    w(tm, { azure: { resourceGroupName: "rg." } }),
  ],
  [
    "Traffic Manager dnsRecord a string",
    "azure.dnsRecord",
    "api",
    w(tm, { azure: { resourceGroupName: "rg", dnsRecord: "no" } }),
  ],
  ["Cloud DNS managed zone with a dot", "gcp.managedZone", "api", w(gcp, { gcp: { managedZone: "example.com" } })],
  [
    "Cloud DNS project with spaces",
    "gcp.project",
    "api",
    w(gcp, { gcp: { managedZone: "example-com", project: "My Project" } }),
  ],
  [
    "Cloud DNS duplicate check regions",
    "gcp.healthCheckRegions",
    "api",
    w(gcp, { gcp: { managedZone: "example-com", healthCheckRegions: ["us-east4", "us-east4", "us-east4"] } }),
  ],
  ["Cloud DNS two backups in one region", "endpoints[1].region", "api", w(gcp, {}, {}, { region: "gcp:us-east4" })],
  [
    "Route 53 duplicate checker regions",
    "route53.regions",
    "api",
    w(r53, { route53: { regions: ["us-east-1", "us-east-1", "eu-west-1"] } }),
  ],
  [
    "Route 53 unknown checker region",
    "route53.regions[2]",
    "api",
    w(r53, { route53: { regions: ["us-east-1", "eu-west-1", "mars-1"] } }),
  ],
  ["Route 53 unknown option", "route53.hostedZone", "api", w(r53, { route53: { hostedZone: "example.com" } })],
  ["TTL above a day", "ttlSeconds", "api", w(r53, { ttlSeconds: 86401 })],
  ["TTL a string", "ttlSeconds", "api", w(r53, { ttlSeconds: "60" })],
  ["transform not a function", "transform.record", "api", w(r53, { transform: { record: 3 } })],
  ["transform a string", "transform", "api", w(r53, { transform: "x" })],
];

export const FAILOVER_DNS_CASES: BadInput[] = rows.map(([title, field, name, args]) => ({
  title,
  field,
  program: () => {
    new FailoverDns(name as string, args as never);
  },
}));
