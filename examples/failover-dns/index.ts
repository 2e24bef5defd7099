import * as pulumi from "@pulumi/pulumi";
import { FailoverDns, FailoverDnsArgs, protectStateful } from "../../lib";

// A prod stack protects its stateful resources (log groups, certificates, secrets...) from deletion.
const options = pulumi.getStack() === "prod" ? { transformations: [protectStateful()] } : {};

// Two regional endpoints (the public IPs of your servers in two regions, so every provider, Cloud DNS included, can
// health-check them) behind the DNS provider this stack's config chooses. Your zone and your servers' addresses are
// yours to set (`zone`, `usAddress`, `euAddress`: Pulumi.dev.yaml lists the `pulumi config set` lines);
// `config.require` stops naming the key while one is missing. Switch providers with `pulumi config set provider`.
const config = new pulumi.Config();
const provider = (config.get("provider") ?? "route53") as FailoverDnsArgs["provider"];
const strategy = (config.get("strategy") ?? "failover") as FailoverDnsArgs["strategy"];
const drained = config.get("drained");

const regions = {
  route53: ["aws:us-east-1", "aws:eu-west-1"],
  cloudflare: ["aws:us-east-1", "aws:eu-west-1"],
  "azure-traffic-manager": ["azure:eastus", "azure:westeurope"],
  "gcp-cloud-dns": ["gcp:us-east4", "gcp:europe-west1"],
}[provider];

const args: FailoverDnsArgs = {
  provider,
  zone: config.require("zone"),
  record: config.get("record") ?? "api",
  strategy,
  endpoints: [
    {
      id: "use",
      address: config.require("usAddress"),
      region: regions[0],
      // Countries mean the same on every provider; continents and regions are each provider's own (docs/failover-dns.md).
      geo: strategy === "geo" ? (provider === "gcp-cloud-dns" ? ["us-east4"] : ["WORLD", "US", "CA", "MX"]) : undefined,
      enabled: drained !== "use",
    },
    {
      id: "euw",
      address: config.require("euAddress"),
      region: regions[1],
      geo: strategy === "geo" ? (provider === "gcp-cloud-dns" ? ["europe-west1"] : ["DE", "FR", "GB"]) : undefined,
      enabled: drained !== "euw",
    },
  ],
  healthCheck: { path: "/healthz", protocol: "HTTPS" },
  primary: config.get("primary"),
};
if (provider === "route53") args.route53 = { zoneId: config.get("route53ZoneId") };
if (provider === "cloudflare") {
  args.cloudflare = {
    accountId: config.require("cloudflareAccountId"),
    zoneId: config.require("cloudflareZoneId"),
    plan: (config.get("cloudflarePlan") ?? "pro") as "pro" | "business" | "enterprise",
  };
}
if (provider === "azure-traffic-manager") args.azure = { resourceGroupName: config.require("azureResourceGroup") };
if (provider === "gcp-cloud-dns") args.gcp = { managedZone: config.require("gcpManagedZone") };

const dns = new FailoverDns("api", args, options);

export const fqdn = dns.fqdn;
export const failoverSeconds = dns.failoverSeconds;
export const nativeFqdn = dns.nativeFqdn;
