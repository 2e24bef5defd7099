import * as pulumi from "@pulumi/pulumi";
import type { DnsAlarms } from "../alarms/args";
import type { DnsChildrenByProvider } from "../children";
import type { TransformsFor } from "../transform";
import type { HealthPreset } from "./presets";

/** The DNS / traffic-steering service that answers for the record. */
export type DnsProvider = "route53" | "cloudflare" | "azure-traffic-manager" | "gcp-cloud-dns";
export const DNS_PROVIDERS: readonly DnsProvider[] = [
  "route53",
  "cloudflare",
  "azure-traffic-manager",
  "gcp-cloud-dns",
];

/** How answers are chosen among healthy endpoints. */
export type DnsStrategy = "failover" | "latency" | "weighted" | "geo";
export const DNS_STRATEGIES: readonly DnsStrategy[] = ["failover", "latency", "weighted", "geo"];

/** Health-probe protocol, supported by all four providers. */
export type HealthProtocol = "HTTPS" | "HTTP" | "TCP";
export const HEALTH_PROTOCOLS: readonly HealthProtocol[] = ["HTTPS", "HTTP", "TCP"];

/** Cloudflare Load Balancing plan: it sets the minimum monitor interval (60 / 15 / 10 s). */
export type CloudflarePlan = "pro" | "business" | "enterprise";
export const CLOUDFLARE_PLANS: readonly CloudflarePlan[] = ["pro", "business", "enterprise"];

/** One target of the record: a regional load balancer, API domain or public IP. */
export interface FailoverDnsEndpoint {
  /**
   * Stable identifier (lowercase letters, digits, hyphens; 1-40 characters). It names the endpoint's health check,
   * record `setIdentifier`, pool or Traffic Manager endpoint, so changing it replaces them.
   * @example id: "eu"
   */
  id: string;
  /**
   * Hostname or public IP that serves the traffic. May be a Pulumi output (e.g. a load balancer's DNS name); plain
   * strings are validated, outputs are trusted.
   * @example address: "api-eu.northwind-origins.net"
   */
  address: pulumi.Input<string>;
  /**
   * What `address` is, when it is a Pulumi output (a plain string is classified from its text, and a declared kind
   * must match it). Whoever makes the address knows it: a load balancer's IP is `"ipv4"`, its DNS name `"hostname"`.
   * It decides the record type (an IP is an A/AAAA record, a hostname a CNAME: a CNAME's value must be a domain name,
   * RFC 1034 §3.6.2) and whether the health check probes an IP or a name.
   * @default "hostname" for an output (the kind of most generated addresses), the text's kind for a string
   * @example addressKind: "ipv4"
   */
  addressKind?: "ipv4" | "ipv6" | "hostname";
  /**
   * Where the endpoint runs: a placement (`"aws:eu-west-1"`) or the provider's region name (`"eu-west-1"`). Needed for
   * latency routing (Route 53, Traffic Manager) and for Cloud DNS backups and geo answers.
   * @default undefined (needed for latency routing and for Cloud DNS backups and geo answers)
   * @example region: "aws:eu-west-1"
   */
  region?: string;
  /**
   * Failover order, 1 = primary (1-1000, unique). Default: the array order. Give it on every endpoint or on none.
   * @default the position in `endpoints` (the first is 1)
   * @example priority: 2
   */
  priority?: number;
  /**
   * Relative share of traffic for `weighted`: an integer in the provider's range (Route 53 0-255, Traffic Manager
   * 1-1000, Cloudflare and Cloud DNS 0-1000). Default 1.
   * @default 1
   * @example weight: 3
   */
  weight?: number;
  /**
   * Locations served by this endpoint for `geo`, one meaning on every provider: `"WORLD"` (catch-all), an ISO country
   * `"DE"` (`"country:NA"` where the code is also a continent: AF AS NA SA), a state `"US-CA"` (Route 53: US only;
   * Traffic Manager: US, `"CA-QC"`, `"AU-NSW"`), and each provider's own groupings, refused elsewhere because their
   * members differ: Route 53 continents `"continent:EU"`, Traffic Manager regions `"GEO-EU"` `"GEO-ME"` `"GEO-AP"`,
   * Cloudflare regions `"WEU"` / `"cloudflare:ME"`. On Cloud DNS: GCP region names. Table in docs/failover-dns.md.
   * @default undefined (needed with strategy "geo")
   * @example geo: ["DE", "FR", "GB"]
   */
  geo?: string[];
  /**
   * `false` drains the endpoint: its record, pool and health check stay, but it is sent no traffic. Default true.
   * @default true
   * @example enabled: false
   */
  enabled?: boolean;
  /**
   * Route 53 only: the hosted zone id of an AWS alias target (load balancer, API Gateway regional domain, CloudFront).
   * With it the record is an alias; without it, ELB and CloudFront hostnames are detected from `address`.
   * @default detected from `address` for ELB and CloudFront hostnames; otherwise not an alias
   * @example aliasZoneId: alb.zoneId
   */
  aliasZoneId?: pulumi.Input<string>;
  /**
   * What this endpoint's health probes ask for, when the address's own name does not serve the API (an API Gateway
   * regional domain target serves only its custom domain): `host` is sent as Host and SNI (Route 53: the checked
   * name), `path` replaces `healthCheck.path`. Route 53 and Cloudflare take both; Traffic Manager only `host`; Cloud
   * DNS neither (one health check per record).
   * @default the shared health check: the record name as Host for IP endpoints and on Cloudflare, the endpoint's own
   * address for hostnames on Route 53 and Traffic Manager
   * @example healthCheck: { host: "abc123.execute-api.eu-west-1.amazonaws.com", path: "/prod/healthz" }
   */
  healthCheck?: { host?: string; path?: string };
}

/** The health probe, shared by all endpoints. Defaults are per provider (see docs/failover-dns.md). */
export interface FailoverDnsHealthCheck {
  /**
   * `fast`: the shortest interval, threshold, timeout and TTL the provider documents (Route 53 10 s x 1 with a 10 s
   * TTL and, below the apex, a CNAME instead of a 60 s alias; Traffic Manager 10 s fast probing; Cloudflare the
   * plan's minimum interval; Cloud DNS 30 s x 1). Fields given beside it win. docs/failover-dns.md lists the figures
   * and what each costs.
   * @default "standard"
   * @example preset: "fast"
   */
  preset?: HealthPreset;
  /**
   * @default "/"
   * @example path: "/healthz" (default "/"; not used for TCP)
   */
  path?: string;
  /**
   * @default "HTTPS"
   * @example protocol: "HTTPS" (default)
   */
  protocol?: HealthProtocol;
  /**
   * @default 443 for HTTPS, 80 for HTTP and TCP
   * @example port: 8443 (default 443 for HTTPS, 80 for HTTP and TCP)
   */
  port?: number;
  /**
   * @default the `preset`'s interval for the provider (docs/failover-dns.md)
   * @example intervalSeconds: 10 (Route 53 / Traffic Manager: 10 or 30; Cloudflare: plan minimum; Cloud DNS: >= 30)
   */
  intervalSeconds?: number;
  /**
   * Consecutive failed probes that mark an endpoint down (1-10).
   * @default the `preset`'s threshold for the provider (docs/failover-dns.md)
   * @example failureThreshold: 3
   */
  failureThreshold?: number;
  /**
   * Probe timeout. Fixed on Route 53 (do not set it there).
   * @default the `preset`'s timeout for the provider (fixed on Route 53)
   * @example timeoutSeconds: 5
   */
  timeoutSeconds?: number;
}

/** Route 53 options. */
export interface FailoverDnsRoute53Options {
  /**
   * Hosted zone id; looked up from `zone` when omitted.
   * @default looked up from `zone`
   * @example zoneId: "Z0123456789ABCDEFGHIJ"
   */
  zoneId?: pulumi.Input<string>;
  /**
   * Health-checker regions (at least 3 of Route 53's checker regions). Default: all.
   * @default all of Route 53's health-checker regions
   * @example regions: ["us-east-1", "eu-west-1", "ap-southeast-1"]
   */
  regions?: string[];
}

/** Cloudflare options. */
export interface FailoverDnsCloudflareOptions {
  /** Account that owns the monitor and pools. @example accountId: "0123456789abcdef0123456789abcdef" */
  accountId: pulumi.Input<string>;
  /** Zone that owns the load balancer. @example zoneId: "fedcba9876543210fedcba9876543210" */
  zoneId: pulumi.Input<string>;
  /**
   * Load Balancing plan (sets the minimum monitor interval).
   * @default "pro"
   * @example plan: "business" (default "pro")
   */
  plan?: CloudflarePlan;
  /**
   * Orange-cloud proxy (no DNS caching in failover).
   * @default true
   * @example proxied: false (default true)
   */
  proxied?: boolean;
  /**
   * Immediate retries of a timed-out probe (0-5).
   * @default 1
   * @example retries: 2 (default 1)
   */
  retries?: number;
  /**
   * Regions the pools are probed from; `["ALL_REGIONS"]` on Enterprise.
   * @default ["WNAM", "ENAM", "WEU", "EEU", "SEAS"]
   * @example checkRegions: ["WEU", "ENAM"]
   */
  checkRegions?: string[];
  /**
   * The account has the Traffic Steering add-on: needed for `geo` and `latency` (dynamic steering) on plans other than
   * Enterprise; without it only the standard policies (failover, weighted) are available.
   * @default false (true is assumed on "enterprise")
   * @example trafficSteering: true
   */
  trafficSteering?: boolean;
}

/** Azure Traffic Manager options. */
export interface FailoverDnsAzureOptions {
  /** Resource group of the profile (and of the Azure DNS zone). @example resourceGroupName: "rg-dns" */
  resourceGroupName: pulumi.Input<string>;
  /**
   * Create the CNAME `record.zone` → `<profile>.trafficmanager.net` in the Azure DNS zone `zone`.
   * @default true
   * @example dnsRecord: false (default true)
   */
  dnsRecord?: boolean;
}

/** Google Cloud DNS options. */
export interface FailoverDnsGcpOptions {
  /** Cloud DNS managed zone name (not the DNS name). @example managedZone: "example-com" */
  managedZone: string;
  /**
   * Project of the zone and health check; default the provider's.
   * @default the Google Cloud provider's project
   * @example project: "acme-prod"
   */
  project?: string;
  /**
   * Exactly three source regions of the health check.
   * @default ["us-east4", "europe-west1", "asia-southeast1"]
   * @example healthCheckRegions: ["us-east4", "europe-west1", "asia-southeast1"]
   */
  healthCheckRegions?: string[];
}

/**
 * Per-child transforms of a FailoverDns on the providers `P`: each key is a child the provider creates, typed with
 * its SDK args (the key lists per provider are in docs/transforms.md).
 */
export type FailoverDnsTransforms<P extends DnsProvider = DnsProvider> = TransformsFor<DnsChildrenByProvider, P>;

/** Arguments of `FailoverDns` (docs/failover-dns.md). */
export interface FailoverDnsArgs<P extends DnsProvider = DnsProvider> {
  /** @example provider: "route53" */
  provider: P;
  /** The DNS zone (domain) the record lives in. @example zone: "example.com" */
  zone: string;
  /** Record name relative to the zone (`"@"` for the apex), or the full name. @example record: "api" */
  record: string;
  /** @example strategy: "failover" */
  strategy: DnsStrategy;
  /** Two or more targets (one is enough for latency/weighted/geo). @example endpoints: [{ id: "us", address: "1.2.3.4" }, { id: "eu", address: "5.6.7.8" }] */
  endpoints: FailoverDnsEndpoint[];
  /**
   * @default {} (every field from `preset` "standard")
   * @example healthCheck: { path: "/healthz" }
   */
  healthCheck?: FailoverDnsHealthCheck;
  /**
   * DNS TTL of the answers (0-86400; default 30). Not used by a proxied Cloudflare load balancer.
   * @default 30
   * @example ttlSeconds: 60
   */
  ttlSeconds?: number;
  /**
   * Manual failover: the endpoint id that takes traffic first (strategy `failover`).
   * @default the endpoint with priority 1
   * @example primary: "eu"
   */
  primary?: string;
  /**
   * @default {} (the zone id looked up from `zone`)
   * @example route53: { zoneId: zone.zoneId }
   */
  route53?: FailoverDnsRoute53Options;
  /**
   * @default undefined (required with provider "cloudflare")
   * @example cloudflare: { accountId, zoneId, plan: "business" }
   */
  cloudflare?: FailoverDnsCloudflareOptions;
  /**
   * @default undefined (required with provider "azure-traffic-manager")
   * @example azure: { resourceGroupName: "rg-dns" }
   */
  azure?: FailoverDnsAzureOptions;
  /**
   * @default undefined (required with provider "gcp-cloud-dns")
   * @example gcp: { managedZone: "example-com" }
   */
  gcp?: FailoverDnsGcpOptions;
  /**
   * An alarm per endpoint when its health check fails (a failover), sent to `notify` (docs/alarms.md).
   * @default undefined (no alarms)
   * @example alarms: { notify: { email: ["oncall@example.com"] } }
   */
  alarms?: DnsAlarms;
  /**
   * Changes the args of a child before it is created: an object merged over the args, or a function
   * `(args, opts, name) => void`. A key the provider does not create is refused.
   * @default {}
   * @example transform: { healthCheck: { measureLatency: true } }
   * @example transform: { healthCheck: (args) => { args.measureLatency = true; } }
   */
  transform?: FailoverDnsTransforms<P>;
}
