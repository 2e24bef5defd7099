import { MultiRegionService } from "../../lib";
import { BadInput } from "./case";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const ZONE = "fedcba9876543210fedcba9876543210";
type Args = Record<string, any>;
const dns = { provider: "route53", zone: "example.com", record: "api" };
const good = (): Args => ({
  regions: ["aws:us-east-1", "aws:eu-west-1"],
  container: { image: "ghcr.io/acme/api:1.0.0", port: 8080 },
  routing: { strategy: "latency", dns: { ...dns } },
});
const w = (change: Args, container: Args = {}): Args => {
  const a = { ...good(), ...change };
  a.container = { ...a.container, ...container };
  return a;
};
const cfDns = (cloudflare: Args) => ({
  routing: { strategy: "latency", dns: { provider: "cloudflare", zone: "example.com", record: "api", cloudflare } },
});

/** [title, field, name, args]: beyond the cases of test/multi-region-service.validation.test.ts. */
const rows: [string, string, string, unknown][] = [
  ["name starting with a digit", "name", "1api", good()],
  ["name over 31 characters", "name", "s".repeat(32), good()],
  ["unicode name", "name", "sérvice", good()],
  ["args an array", "args", "api", [good()]],
  ["more than 20 regions", "regions", "api", w({ regions: Array.from({ length: 21 }, () => "aws:us-east-1") })],
  ["region a number", "regions[0]", "api", w({ regions: [1] })],
  ["region name typo", "regions[0]", "api", w({ regions: ["gcp:us-central"] })],
  ["container null", "container", "api", { ...good(), container: null }],
  ["image null", "container.image", "api", w({}, { image: null })],
  ["image empty", "container.image", "api", w({}, { image: "" })],
  ["port 22 (reserved)", "container.port", "api", w({}, { port: 22 })],
  ["port 0", "container.port", "api", w({}, { port: 0 })],
  ["cpu 0.1", "container.cpu", "api", w({}, { cpu: 0.1 })],
  ["cpu a string", "container.cpu", "api", w({}, { cpu: "1" })],
  ["memory 256", "container.memoryMb", "api", w({}, { memoryMb: 256 })],
  [
    "more than 100 variables",
    "container.environment",
    "api",
    w({}, { environment: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`V${i}`, "x"])) }),
  ],
  ["variable value null", "container.environment.A", "api", w({}, { environment: { A: null } })],
  ["command empty", "container.command", "api", w({}, { command: [] })],
  ["command a string", "container.command", "api", w({}, { command: "node server.js" })],
  ["timeout 1 s", "healthCheck.timeoutSeconds", "api", w({ healthCheck: { timeoutSeconds: 1 } })],
  ["interval above 300 s", "healthCheck.intervalSeconds", "api", w({ healthCheck: { intervalSeconds: 301 } })],
  ["unicode health path", "healthCheck.path", "api", w({ healthCheck: { path: "/santé" } })],
  ["health check port (not an option)", "healthCheck.port", "api", w({ healthCheck: { port: 8080 } })],
  ["routing null", "routing", "api", w({ routing: null })],
  ["DNS zone of one label", "routing.dns.zone", "api", w({ routing: { dns: { ...dns, zone: "com" } } })],
  ["DNS record with an underscore", "routing.dns.record", "api", w({ routing: { dns: { ...dns, record: "api_1" } } })],
  [
    "DNS record over 63 characters",
    "routing.dns.record",
    "api",
    w({ routing: { dns: { ...dns, record: "r".repeat(64) } } }),
  ],
  [
    "Route 53 zone id lower case",
    "routing.dns.route53.zoneId",
    "api",
    w({ routing: { dns: { ...dns, route53: { zoneId: "z123" } } } }),
  ],
  [
    "Cloudflare account id too short",
    "routing.dns.cloudflare.accountId",
    "api",
    w(cfDns({ accountId: "abc", zoneId: ZONE })),
  ],
  ["Cloudflare zone id missing", "routing.dns.cloudflare.zoneId", "api", w(cfDns({ accountId: ACCOUNT }))],
  ["unknown DNS option", "routing.dns.ttl", "api", w({ routing: { dns: { ...dns, ttl: 60 } } })],
  ["unknown routing option", "routing.provider", "api", w({ routing: { provider: "route53" } })],
  [
    "failover on Cloud Run fronted by Route 53",
    "routing.dns.provider",
    "api",
    {
      regions: ["gcp:europe-west1", "gcp:us-east4"],
      container: { image: "ghcr.io/acme/api:1", cpu: 1, memoryMb: 2048 },
      routing: { strategy: "failover", dns },
    },
  ],
  [
    "Container Apps fronted by Route 53",
    "routing.dns.provider",
    "api",
    {
      regions: ["azure:westeurope"],
      container: { image: "ghcr.io/acme/api:1", cpu: 1, memoryMb: 2048 },
      routing: { dns },
    },
  ],
  ["primary null", "primary", "api", w({ routing: { strategy: "failover", dns }, primary: null })],
  ["region drained twice", "drained[1]", "api", w({ drained: ["aws:eu-west-1", "aws:eu-west-1"] })],
  ["drained a string", "drained", "api", w({ drained: "aws:eu-west-1" })],
  ["count above 1000", "count", "api", w({ count: 1001 })],
  ["count fractional", "count", "api", w({ count: 1.5 })],
  ["log retention a string", "logRetentionDays", "api", w({ logRetentionDays: "30" })],
  ["privateNetworking a string", "aws.privateNetworking", "api", w({ aws: { privateNetworking: "yes" } })],
  ["unknown AWS option", "aws.vpcId", "api", w({ aws: { vpcId: "vpc-1" } })],
  ["per-region override null", "perRegion.aws:us-east-1", "api", w({ perRegion: { "aws:us-east-1": null } })],
  [
    "per-region variable name invalid",
    "perRegion.aws:us-east-1.environment.bad-name",
    "api",
    w({ perRegion: { "aws:us-east-1": { environment: { "bad-name": "x" } } } }),
  ],
  [
    "per-region weight above 255",
    "perRegion.aws:us-east-1.weight",
    "api",
    w({ routing: { strategy: "weighted", dns }, perRegion: { "aws:us-east-1": { weight: 256 } } }),
  ],
  ["perRegion an array", "perRegion", "api", w({ perRegion: [] })],
  ["transform null", "transform", "api", w({ transform: null })],
];

export const MULTI_REGION_SERVICE_CASES: BadInput[] = rows.map(([title, field, name, args]) => ({
  title,
  field,
  program: () => {
    new MultiRegionService(name, args as never);
  },
}));
