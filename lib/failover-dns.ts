import * as pulumi from "@pulumi/pulumi";
import { requireCloudSdks } from "./core/cloud-sdk";
import { FailoverDnsArgs } from "./core/dns/types";
import { resolveFailoverDns } from "./core/dns/validate";
import { dnsAlarms } from "./alarms";
import type { DnsAlarmTarget } from "./core/alarms/targets";
import { resolveAlarms } from "./core/alarms/validate";
import { claimPhysicalNames } from "./core/physical-names";
import { dnsNameClaims } from "./core/physical-name-claims";
import type { Cloud } from "./core/placement";

/** The cloud whose alarm service watches a DNS provider's health checks. */
function dnsCloud(provider: FailoverDnsArgs["provider"]): Cloud {
  return provider === "route53"
    ? "aws"
    : provider === "azure-traffic-manager"
      ? "azure"
      : provider === "gcp-cloud-dns"
        ? "gcp"
        : "cloudflare";
}

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

/**
 * One DNS name answered by health-checked endpoints in several regions, on Route 53, Cloudflare Load Balancing,
 * Azure Traffic Manager or Google Cloud DNS, with failover, latency, weighted or geo steering.
 *
 * @example
 * const dns = new FailoverDns("api", {
 *   provider: "route53", zone: "example.com", record: "api", strategy: "failover",
 *   endpoints: [{ id: "use1", address: "lb-use1.example.net" }, { id: "euw1", address: "lb-euw1.example.net" }],
 *   healthCheck: { path: "/healthz" },
 * });
 * export const failoverSeconds = dns.failoverSeconds; // 62: (10 s interval + 6 s probe timeout) × 2 + 30 s TTL
 */
export class FailoverDns extends pulumi.ComponentResource {
  /** The name clients use, e.g. `api.example.com`. */
  readonly fqdn: pulumi.Output<string>;
  /** Worst case, in seconds, for clients to move off a dead endpoint with this configuration (docs/failover-dns.md). */
  readonly failoverSeconds: pulumi.Output<number>;
  /** The provider's own name for the record when it differs (Traffic Manager: `<label>.trafficmanager.net`), else `fqdn`. */
  readonly nativeFqdn: pulumi.Output<string>;

  constructor(name: string, args: FailoverDnsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything is validated before super(), so bad input registers nothing, not even the component.
    const r = resolveFailoverDns(name, args);
    const alarms = resolveAlarms(r.component, name, args.alarms, dnsCloud(r.provider), "dns");
    claimPhysicalNames(r.component, dnsNameClaims(name, r));
    requireCloudSdks(r.component, "provider", [dnsCloud(r.provider)]);
    super("meridian:index:FailoverDns", name, {}, opts);
    const transforms = args.transform as Record<string, any> | undefined;
    let out: { fqdn: pulumi.Output<string>; nativeFqdn?: pulumi.Output<string>; alarmTarget?: DnsAlarmTarget };
    switch (r.provider) {
      case "route53": {
        const { createRoute53FailoverDns } = require("./aws/failover-dns") as typeof import("./aws/failover-dns");
        out = createRoute53FailoverDns(name, r, this, transforms);
        break;
      }
      case "cloudflare": {
        const { createCloudflareFailoverDns } =
          require("./cloudflare/failover-dns") as typeof import("./cloudflare/failover-dns");
        out = createCloudflareFailoverDns(name, r, this, transforms);
        break;
      }
      case "azure-traffic-manager": {
        const { createTrafficManagerFailoverDns } =
          require("./azure/failover-dns") as typeof import("./azure/failover-dns");
        out = createTrafficManagerFailoverDns(name, r, this, transforms);
        break;
      }
      case "gcp-cloud-dns": {
        const { createCloudDnsFailoverDns } = require("./gcp/failover-dns") as typeof import("./gcp/failover-dns");
        out = createCloudDnsFailoverDns(name, r, this, transforms);
        break;
      }
    }
    if (alarms) dnsAlarms(this, alarms, out.alarmTarget ?? {}, transforms);
    this.fqdn = out.fqdn;
    this.nativeFqdn = out.nativeFqdn ?? out.fqdn;
    this.failoverSeconds = pulumi.output(r.failoverSeconds);
    this.registerOutputs({ fqdn: this.fqdn, failoverSeconds: this.failoverSeconds, nativeFqdn: this.nativeFqdn });
  }
}
