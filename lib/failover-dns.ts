import * as pulumi from "@pulumi/pulumi";
import { requireCloudSdks } from "./core/cloud-sdk";
import { ROUTE53_DNS_CHILDREN } from "./aws/children";
import { TRAFFIC_MANAGER_DNS_CHILDREN } from "./azure/children";
import { CLOUDFLARE_DNS_CHILDREN } from "./cloudflare/children";
import { DNS_PROVIDER_CLOUD, DnsBackend } from "./core/backend";
import { DnsProvider, FailoverDnsArgs } from "./core/dns/types";
import { resolveFailoverDns } from "./core/dns/validate";
import { dnsAlarms } from "./alarms";
import { resolveAlarms } from "./core/alarms/validate";
import { claimPhysicalNames } from "./core/physical-names";
import { dnsNameClaims } from "./core/physical-name-claims";
import { checkTransformKeys } from "./core/transform";
import { CLOUD_DNS_CHILDREN } from "./gcp/children";

export type {
  CloudflarePlan,
  DnsProvider,
  DnsStrategy,
  FailoverDnsArgs,
  FailoverDnsAzureOptions,
  FailoverDnsCloudflareOptions,
  FailoverDnsEndpoint,
  FailoverDnsGcpOptions,
  FailoverDnsHealthCheck,
  FailoverDnsRoute53Options,
  FailoverDnsTransforms,
  HealthProtocol,
} from "./core/dns/types";

/** Each provider's expansion, loaded only when a record uses it. */
const DNS_BACKENDS: Record<DnsProvider, () => DnsBackend> = {
  route53: () => (require("./aws/failover-dns") as typeof import("./aws/failover-dns")).createRoute53FailoverDns,
  cloudflare: () =>
    (require("./cloudflare/failover-dns") as typeof import("./cloudflare/failover-dns")).createCloudflareFailoverDns,
  "azure-traffic-manager": () =>
    (require("./azure/failover-dns") as typeof import("./azure/failover-dns")).createTrafficManagerFailoverDns,
  "gcp-cloud-dns": () =>
    (require("./gcp/failover-dns") as typeof import("./gcp/failover-dns")).createCloudDnsFailoverDns,
};

/** The children `transform` may name, per provider (checked against the types in each lib/<cloud>/children.ts). */
const DNS_CHILDREN: Record<DnsProvider, readonly string[]> = {
  route53: ROUTE53_DNS_CHILDREN,
  cloudflare: CLOUDFLARE_DNS_CHILDREN,
  "azure-traffic-manager": TRAFFIC_MANAGER_DNS_CHILDREN,
  "gcp-cloud-dns": CLOUD_DNS_CHILDREN,
};

/**
 * One DNS name answered by health-checked endpoints in several regions, on Route 53, Cloudflare Load Balancing,
 * Azure Traffic Manager or Google Cloud DNS, with failover, latency, weighted or geo steering.
 *
 * @example
 * const dns = new FailoverDns("api", {
 *   provider: "route53", zone: "example.com", record: "api", strategy: "failover",
 *   endpoints: [{ id: "use1", address: "lb-use1.northwind-origins.net" }, { id: "euw1", address: "lb-euw1.northwind-origins.net" }],
 *   healthCheck: { path: "/healthz" },
 * });
 * export const failoverSeconds = dns.failoverSeconds; // 62: (10 s interval + 6 s probe timeout) × 2 + 30 s TTL
 */
export class FailoverDns<P extends DnsProvider = DnsProvider> extends pulumi.ComponentResource {
  /** The name clients use, e.g. `api.example.com`. */
  readonly fqdn: pulumi.Output<string>;
  /** Worst case, in seconds, for clients to move off a dead endpoint with this configuration (docs/failover-dns.md). */
  readonly failoverSeconds: pulumi.Output<number>;
  /** The provider's own name for the record when it differs (Traffic Manager: `<label>.trafficmanager.net`), else `fqdn`. */
  readonly nativeFqdn: pulumi.Output<string>;

  constructor(name: string, args: FailoverDnsArgs<P>, opts?: pulumi.ComponentResourceOptions) {
    // Everything is validated before super(), so bad input registers nothing, not even the component.
    const r = resolveFailoverDns(name, args);
    const cloud = DNS_PROVIDER_CLOUD[r.provider];
    // The alarms of a DNS provider's health checks live in the same cloud (Route 53 health checks in CloudWatch...).
    const alarms = resolveAlarms(r.component, name, args.alarms, cloud, "dns");
    checkTransformKeys(r.transform, DNS_CHILDREN[r.provider], r.component, `provider "${r.provider}"`);
    claimPhysicalNames(r.component, dnsNameClaims(name, r));
    requireCloudSdks(r.component, "provider", [cloud]);
    const backend = DNS_BACKENDS[r.provider]();
    super("meridian:index:FailoverDns", name, {}, opts);
    const out = backend(this, r);
    if (alarms) dnsAlarms(this, alarms, r.provider, out.alarmTarget ?? {}, r.transform);
    this.fqdn = out.fqdn;
    this.nativeFqdn = out.nativeFqdn ?? out.fqdn;
    this.failoverSeconds = pulumi.output(r.failoverSeconds);
    this.registerOutputs({ fqdn: this.fqdn, failoverSeconds: this.failoverSeconds, nativeFqdn: this.nativeFqdn });
  }
}
