import * as pulumi from "@pulumi/pulumi";
import { describe } from "../errors";
import { Cloud } from "../placement";
import { AWS_REGIONS, AZURE_REGIONS, GCP_REGIONS } from "../regions";
import { specialAddressRange } from "../special-addresses";
import { EndpointProbe, resolveEndpointProbe } from "./endpoint-probe";
import { Validator, isHostname, isIPv4, isIPv6 } from "../validate";
import {
  CLOUDFLARE_REGIONS,
  DEFAULT_CLOUDFLARE_CHECK_REGIONS,
  DEFAULT_CLOUDFLARE_RETRIES,
  DEFAULT_GCP_HEALTH_REGIONS,
  DEFAULT_TTL_SECONDS,
  ROUTE53_CHECKER_REGIONS,
  STRATEGY_ALTERNATIVES,
  STRATEGY_SUPPORT,
  healthDefaults,
  healthLimits,
} from "./capabilities";
import { dnsFailoverTime, route53ProbeTimeout } from "./failover-time";
import { ELB_DNS_TTL_SECONDS } from "../failover-time";
import { CLOUDFLARE_CONTINENT_REGIONS, GeoCode, parseGeoCode } from "./geo";
import { FAST_CLOUDFLARE_RETRIES, FAST_TTL_SECONDS, HEALTH_PRESETS, HealthPreset, fastHealthDefaults } from "./presets";
import {
  CLOUDFLARE_PLANS,
  CloudflarePlan,
  DNS_PROVIDERS,
  DNS_STRATEGIES,
  DnsProvider,
  DnsStrategy,
  FailoverDnsArgs,
  HealthProtocol,
} from "./types";

/** How Route 53 answers for an endpoint: an alias A record (AWS target), or a plain record of the address's type. */
export type AddressKind = "ipv4" | "ipv6" | "hostname" | "output";

/** An AWS alias target: the zone id is given, looked up for a load balancer, or CloudFront's fixed zone. */
export type AliasTarget =
  | { kind: "given"; zoneId: pulumi.Input<string> }
  | { kind: "elb"; region: string; loadBalancerType: "application" | "network" }
  | { kind: "cloudfront" };

/** CloudFront's hosted zone id for alias records (the same in every account). */
export const CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";

export interface ResolvedEndpoint {
  readonly id: string;
  /** Position in the `endpoints` array (for error fields). */
  readonly index: number;
  readonly address: pulumi.Input<string>;
  readonly kind: AddressKind;
  /** The provider's own region name for this endpoint, when it has one. */
  readonly region?: string;
  /** Declared failover priority (given, or array order). */
  readonly priority: number;
  readonly weight: number;
  /** Neutral geo codes (GCP: region names). */
  readonly geo: readonly string[];
  readonly enabled: boolean;
  /** Route 53 only. */
  readonly alias?: AliasTarget;
  /**
   * Kept deployed but answered for by no one: drained, or (Route 53 manual failover) ranked above the chosen primary.
   * Route 53 keeps the record's role and forces its health check unhealthy; other providers disable the endpoint.
   */
  readonly heldOut: boolean;
  /** This endpoint's own probe Host/path (`endpoints[i].healthCheck`), when given. */
  readonly probe?: EndpointProbe;
}

export interface ResolvedHealthCheck {
  readonly protocol: HealthProtocol;
  readonly port: number;
  readonly path: string;
  readonly intervalSeconds: number;
  readonly failureThreshold: number;
  /** The effective probe timeout (Route 53's fixed one included), used by the failover formula. */
  readonly timeoutSeconds: number;
}

/** The validated, defaulted model every cloud expansion reads. Nothing in it is user input that was not checked. */
export interface ResolvedFailoverDns {
  readonly component: string;
  readonly provider: DnsProvider;
  readonly strategy: DnsStrategy;
  readonly zone: string;
  /** Record label relative to the zone; "" at the apex. */
  readonly label: string;
  readonly fqdn: string;
  readonly ttlSeconds: number;
  /** Endpoints in array order. */
  readonly endpoints: readonly ResolvedEndpoint[];
  /** Endpoints in effective priority order: declared priority, with the `primary` override first. */
  readonly order: readonly ResolvedEndpoint[];
  readonly primary?: string;
  /** The geo catch-all endpoint (WORLD holder, else the first enabled endpoint in order). */
  readonly geoDefault?: ResolvedEndpoint;
  readonly healthCheck: ResolvedHealthCheck;
  /** The health preset the defaults came from. */
  readonly preset: HealthPreset;
  readonly failoverSeconds: number;
  readonly route53?: { zoneId?: pulumi.Input<string>; regions?: string[]; recordType: "A" | "AAAA" | "CNAME" };
  readonly cloudflare?: {
    accountId: pulumi.Input<string>;
    zoneId: pulumi.Input<string>;
    plan: CloudflarePlan;
    proxied: boolean;
    retries: number;
    checkRegions: string[];
    trafficSteering: boolean;
  };
  readonly azure?: { resourceGroupName: pulumi.Input<string>; dnsRecord: boolean };
  readonly gcp?: { managedZone: string; project?: string; healthCheckRegions: string[] };
}

const PROVIDER_KEY: Record<DnsProvider, "route53" | "cloudflare" | "azure" | "gcp"> = {
  route53: "route53",
  cloudflare: "cloudflare",
  "azure-traffic-manager": "azure",
  "gcp-cloud-dns": "gcp",
};
const PROVIDER_CLOUD: Record<DnsProvider, Exclude<Cloud, "cloudflare"> | undefined> = {
  route53: "aws",
  cloudflare: undefined,
  "azure-traffic-manager": "azure",
  "gcp-cloud-dns": "gcp",
};
const REGIONS: Record<Exclude<Cloud, "cloudflare">, readonly string[]> = {
  aws: AWS_REGIONS,
  gcp: GCP_REGIONS,
  azure: AZURE_REGIONS,
};
const ARG_KEYS = [
  "provider",
  "zone",
  "record",
  "strategy",
  "endpoints",
  "healthCheck",
  "ttlSeconds",
  "primary",
  "route53",
  "cloudflare",
  "azure",
  "gcp",
  "alarms",
  "transform",
];
const ENDPOINT_KEYS = [
  "healthCheck",
  "id",
  "address",
  "addressKind",
  "region",
  "priority",
  "weight",
  "geo",
  "enabled",
  "aliasZoneId",
];
const ENDPOINT_ID = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/**
 * Validates FailoverDns args against the reference §8 table and the provider's capabilities, and resolves every
 * default. Throws a ConfigError (synchronously) for the first bad field.
 */
export function resolveFailoverDns(name: string, raw: unknown): ResolvedFailoverDns {
  const component = `FailoverDns "${name}"`;
  const v: Validator = new Validator(component);
  v.componentName(name);
  v.object(raw, "args");
  const args = v.object(raw, "", { allowedKeys: ARG_KEYS }) as Partial<FailoverDnsArgs> & Record<string, unknown>;

  const provider = v.oneOf(args.provider, "provider", DNS_PROVIDERS);
  const strategy = v.oneOf(args.strategy, "strategy", DNS_STRATEGIES);
  if (!STRATEGY_SUPPORT[provider][strategy]) {
    v.fail(
      "strategy",
      `got ${describe(strategy)}; ${STRATEGY_ALTERNATIVES[provider]?.[strategy] ?? `${provider} cannot route by ${strategy}`}`,
    );
  }
  // Options for another provider are a mistake (a copy-paste, or the wrong provider), not something to ignore.
  for (const [p, key] of Object.entries(PROVIDER_KEY)) {
    if (p !== provider && args[key] !== undefined)
      v.fail(key, `options for provider ${describe(p)} given, but provider is ${describe(provider)}`);
  }

  const zone = v.hostname(args.zone, "zone");
  const { label, fqdn } = recordName(v, args.record, zone);
  const preset = healthPreset(v, args.healthCheck);
  const cloudflareOpts = provider === "cloudflare" ? cloudflareOptions(v, args.cloudflare, preset) : undefined;

  if (cloudflareOpts && !cloudflareOpts.trafficSteering && (strategy === "geo" || strategy === "latency")) {
    // Cloudflare "Traffic steering policies": the standard policies are Off (failover) and Random; geo and dynamic
    // (latency) steering need the Traffic Steering add-on on non-Enterprise plans
    // (https://developers.cloudflare.com/load-balancing/understand-basics/traffic-steering/steering-policies/).
    v.fail(
      "cloudflare.trafficSteering",
      `strategy ${describe(strategy)} needs Cloudflare's Traffic Steering add-on on the ${cloudflareOpts.plan} plan; set cloudflare.trafficSteering: true if the account has it, or use strategy "failover" or "weighted"`,
    );
  }
  const endpoints = fastRecordsBelowApex(
    provider,
    preset,
    label,
    resolveEndpoints(v, provider, strategy, args.endpoints),
  );
  const primary = v.string(args.primary, "primary", { optional: true });
  if (primary !== undefined) {
    if (strategy !== "failover")
      v.fail(
        "primary",
        `got ${describe(primary)}; a primary override only applies to strategy "failover" (drain an endpoint with enabled: false instead)`,
      );
    const chosen = endpoints.find((e) => e.id === primary);
    if (!chosen)
      v.fail(
        "primary",
        `got ${describe(primary)}; expected one of the endpoint ids: ${endpoints.map((e) => e.id).join(", ")}`,
      );
    if (!chosen.enabled) v.fail("primary", `got ${describe(primary)}, but that endpoint is drained (enabled: false)`);
  }
  if (!endpoints.some((e) => e.enabled))
    v.fail("endpoints", "every endpoint is drained (enabled: false); at least one must take traffic");
  if (strategy === "weighted" && !endpoints.some((e) => e.enabled && e.weight > 0)) {
    v.fail("endpoints", "every enabled endpoint has weight 0; at least one needs a positive weight");
  }

  const declared = [...endpoints].sort((a, b) => a.priority - b.priority);
  const order = primary
    ? [declared.find((e) => e.id === primary)!, ...declared.filter((e) => e.id !== primary)]
    : declared;
  // Route 53 cannot swap PRIMARY/SECONDARY roles in place (boto/boto3#1347), so manual failover there holds out the
  // endpoints ranked above the chosen primary instead of reordering records.
  const heldAbove = new Set(
    provider === "route53" && primary
      ? declared
          .slice(
            0,
            declared.findIndex((e) => e.id === primary),
          )
          .map((e) => e.id)
      : [],
  );
  const withHold = (e: ResolvedEndpoint): ResolvedEndpoint => ({ ...e, heldOut: !e.enabled || heldAbove.has(e.id) });
  const finalEndpoints = endpoints.map(withHold);
  const finalOrder = order.map((e) => finalEndpoints[e.index]);

  if (provider === "gcp-cloud-dns" && strategy === "failover") gcpFailoverChecks(v, finalEndpoints);
  const geoDefault = strategy === "geo" ? resolveGeoDefault(v, provider, finalEndpoints, finalOrder) : undefined;
  const healthCheck = resolveHealthCheck(
    v,
    provider,
    args.healthCheck,
    cloudflareOpts?.plan,
    cloudflareOpts?.retries ?? 0,
    preset,
  );
  const rawEndpoints = args.endpoints as unknown as Array<Record<string, unknown>>;
  const probed = finalEndpoints.map((e) => {
    const raw = rawEndpoints[e.index];
    const probe = resolveEndpointProbe(
      v,
      provider,
      healthCheck.protocol,
      raw.healthCheck,
      raw.address,
      `endpoints[${e.index}].healthCheck`,
    );
    return probe ? { ...e, probe } : e;
  });
  finalEndpoints.splice(0, finalEndpoints.length, ...probed);
  finalOrder.splice(0, finalOrder.length, ...finalOrder.map((e) => probed[e.index]));

  const transform = v.object(args.transform, "transform", { optional: true }) ?? {};
  for (const [key, fn] of Object.entries(transform)) {
    if (fn !== undefined && typeof fn !== "function")
      v.fail(`transform.${key}`, `got ${describe(fn)}; expected a function (args, opts, name) => void`);
  }

  let ttlSeconds = v.integer(args.ttlSeconds, "ttlSeconds", { optional: true, min: 0, max: 86400 });
  if (ttlSeconds !== undefined && cloudflareOpts?.proxied) {
    v.fail(
      "ttlSeconds",
      `got ${ttlSeconds}; a proxied Cloudflare load balancer answers with Cloudflare's anycast IPs and ignores the TTL; omit ttlSeconds or set cloudflare.proxied: false`,
    );
  }
  ttlSeconds ??= preset === "fast" ? FAST_TTL_SECONDS : DEFAULT_TTL_SECONDS;

  const base = {
    component,
    provider,
    strategy,
    zone,
    label,
    fqdn,
    ttlSeconds,
    endpoints: finalEndpoints,
    order: finalOrder,
    primary,
    geoDefault,
    healthCheck,
    preset,
  };
  switch (provider) {
    case "route53": {
      const route53 = route53Options(v, args.route53, finalEndpoints, label);
      const anyAlias = finalEndpoints.some((e) => e.alias);
      const failoverSeconds = dnsFailoverTime(provider, {
        ...healthCheck,
        ttlSeconds,
        aliasTtlSeconds: anyAlias ? ELB_DNS_TTL_SECONDS : undefined,
      }).seconds;
      return { ...base, route53, failoverSeconds };
    }
    case "cloudflare": {
      const cf = cloudflareOpts!;
      if (cf.retries > 0 && healthCheck.timeoutSeconds * (1 + cf.retries) >= healthCheck.intervalSeconds) {
        v.fail(
          "healthCheck.timeoutSeconds",
          `got ${healthCheck.timeoutSeconds}; with ${cf.retries} retr${cf.retries === 1 ? "y" : "ies"} a probe can take ${healthCheck.timeoutSeconds * (1 + cf.retries)} s, which must stay below the ${healthCheck.intervalSeconds} s interval`,
        );
      }
      const failoverSeconds = dnsFailoverTime(provider, {
        ...healthCheck,
        retries: cf.retries,
        proxied: cf.proxied,
        ttlSeconds,
      }).seconds;
      return { ...base, cloudflare: cf, failoverSeconds };
    }
    case "azure-traffic-manager": {
      const azure = azureOptions(v, args.azure, label);
      if (strategy === "failover") {
        for (const e of finalEndpoints) {
          if (e.priority > 999)
            v.fail(
              `endpoints[${e.index}].priority`,
              `got ${e.priority}; Traffic Manager allows 1-1000 and Meridian keeps 1 free for the primary override, so at most 999`,
            );
        }
      }
      return { ...base, azure, failoverSeconds: dnsFailoverTime(provider, { ...healthCheck, ttlSeconds }).seconds };
    }
    case "gcp-cloud-dns": {
      const gcp = gcpOptions(v, args.gcp);
      return { ...base, gcp, failoverSeconds: dnsFailoverTime(provider, { ...healthCheck, ttlSeconds }).seconds };
    }
  }
}

function recordName(v: Validator, value: unknown, zone: string): { label: string; fqdn: string } {
  const record = v.string(value, "record", { maxLength: 253 }).toLowerCase().replace(/\.$/, "");
  if (record === "@" || record === zone) return { label: "", fqdn: zone };
  const label = record.endsWith(`.${zone}`) ? record.slice(0, -zone.length - 1) : record;
  const fqdn = `${label}.${zone}`;
  if (label.includes("*") || !isHostname(fqdn)) {
    v.fail(
      "record",
      `got ${describe(value)}; expected a name relative to the zone such as "api" (letters, digits, hyphens), "@" for the apex, or a full name ending in ${zone}`,
    );
  }
  return { label, fqdn };
}

function resolveEndpoints(
  v: Validator,
  provider: DnsProvider,
  strategy: DnsStrategy,
  value: unknown,
): ResolvedEndpoint[] {
  const list = v.array(value, "endpoints", { minLength: strategy === "failover" ? 2 : 1, maxLength: 50 });
  const ids = new Set<string>();
  // Every endpoint a plain object before any is read: an Output's lifted `.priority` is not undefined.
  const items = list.map((item, i) => v.object(item, `endpoints[${i}]`, { allowedKeys: ENDPOINT_KEYS })!);
  const givenPriorities = items.map((e, i) => (e.priority !== undefined ? i : -1)).filter((i) => i >= 0);
  if (givenPriorities.length > 0 && givenPriorities.length < list.length) {
    const missing = list.findIndex((_, i) => !givenPriorities.includes(i));
    v.fail(
      `endpoints[${missing}].priority`,
      "missing; give a priority on every endpoint or on none (then the array order is the priority)",
    );
  }
  const priorities = new Map<number, string>();
  const out = list.map((item, index): ResolvedEndpoint => {
    const f = `endpoints[${index}]`;
    const e = v.object(item, f, { allowedKeys: ENDPOINT_KEYS })!;
    const id = v.string(e.id, `${f}.id`, {
      pattern: ENDPOINT_ID,
      patternHelp: "lowercase letters, digits and hyphens, 1-40 characters, not starting or ending with a hyphen",
    });
    if (ids.has(id)) v.fail(`${f}.id`, `got ${describe(id)}; endpoint ids must be unique`);
    ids.add(id);
    const { address, kind } = endpointAddress(v, provider, e.address, e.addressKind, f);
    const region = endpointRegion(v, provider, strategy, e.region, `${f}.region`);
    const priority = v.integer(e.priority, `${f}.priority`, { optional: true, min: 1, max: 1000 }) ?? index + 1;
    if (priorities.has(priority))
      v.fail(
        `${f}.priority`,
        `got ${priority}; already used by endpoint ${describe(priorities.get(priority))}; priorities must be unique`,
      );
    priorities.set(priority, id);
    const weight = v.integer(e.weight, `${f}.weight`, { optional: true, min: 0, max: 255 });
    if (weight !== undefined && strategy !== "weighted")
      v.fail(
        `${f}.weight`,
        `got ${weight}; weights only apply to strategy "weighted" (this one is ${describe(strategy)})`,
      );
    if (weight === 0 && provider === "azure-traffic-manager")
      v.fail(
        `${f}.weight`,
        "got 0; Traffic Manager weights are 1-1000: drain the endpoint with enabled: false instead",
      );
    const enabled = v.boolean(e.enabled, `${f}.enabled`, { optional: true }) ?? true;
    const geo = endpointGeo(v, provider, strategy, e.geo, region, `${f}.geo`);
    let alias: AliasTarget | undefined;
    if (e.aliasZoneId !== undefined) {
      if (provider !== "route53")
        v.fail(`${f}.aliasZoneId`, `alias records are a Route 53 feature; provider is ${describe(provider)}`);
      if (typeof e.aliasZoneId !== "string" && !pulumi.Output.isInstance(e.aliasZoneId))
        v.fail(`${f}.aliasZoneId`, `got ${describe(e.aliasZoneId)}; expected a hosted zone id string or output`);
      if (kind === "ipv4" || kind === "ipv6")
        v.fail(`${f}.aliasZoneId`, `an alias needs a hostname target, but the address is an IP (${describe(address)})`);
      alias = { kind: "given", zoneId: e.aliasZoneId as pulumi.Input<string> };
    } else if (provider === "route53" && kind === "hostname") {
      alias = detectAlias(address as string);
    }
    return { id, index, address, kind, region, priority, weight: weight ?? 1, geo, enabled, alias, heldOut: !enabled };
  });
  if (strategy === "geo") {
    const owner = new Map<string, string>();
    // Route 53 names each location's record `<id>-<location>`: ("a", "US-CA") and ("a-us", "CA") would clash.
    const recordIds = new Map<string, string>();
    for (const e of out) {
      for (const code of e.geo) {
        if (owner.has(code))
          v.fail(
            `endpoints[${e.index}].geo`,
            `${describe(code)} is already served by endpoint ${describe(owner.get(code))}; a location maps to one endpoint`,
          );
        owner.set(code, e.id);
        const recordId = `${e.id}-${code.toLowerCase()}`;
        const clash = recordIds.get(recordId);
        if (clash !== undefined && clash !== e.id) {
          v.fail(
            `endpoints[${e.index}].id`,
            `${describe(e.id)} with ${describe(code)} gives the record id ${describe(recordId)}, as endpoint ${describe(clash)} does; choose ids that are not a prefix of another id plus "-"`,
          );
        }
        recordIds.set(recordId, e.id);
      }
    }
  }
  if (strategy === "failover") {
    // More than two failover tiers are chained through records named `tier<k>`: an endpoint may not take that name.
    for (const e of out) {
      if (/^tier\d+$/.test(e.id))
        v.fail(
          `endpoints[${e.index}].id`,
          `got ${describe(e.id)}; "tier<n>" names the records that chain failover tiers: choose another id`,
        );
    }
  }
  return out;
}

const ADDRESS_KINDS = ["ipv4", "ipv6", "hostname"] as const;

function endpointAddress(
  v: Validator,
  provider: DnsProvider,
  value: unknown,
  declaredKind: unknown,
  f: string,
): { address: pulumi.Input<string>; kind: AddressKind } {
  const field = `${f}.address`;
  const declared = declaredKind === undefined ? undefined : v.oneOf(declaredKind, `${f}.addressKind`, ADDRESS_KINDS);
  if (pulumi.Output.isInstance(value)) {
    // An output's text is unknown here: its maker declares what it is (an IP must never become a CNAME value).
    if (declared === undefined) return { address: value as pulumi.Output<string>, kind: "output" };
    if (provider === "gcp-cloud-dns" && declared !== "ipv4")
      v.fail(
        `${f}.addressKind`,
        `got ${describe(declared)}; Cloud DNS health-checks only external IPv4 endpoints in public zones: give the endpoint's public IPv4 address, or use provider "route53", "cloudflare" or "azure-traffic-manager" for hostnames`,
      );
    return { address: value as pulumi.Output<string>, kind: declared };
  }
  const s = v.string(value, field, { maxLength: 253 });
  let kind: AddressKind;
  if (isIPv4(s) || isIPv6(s)) {
    // One classifier for every provider (lib/core/special-addresses.ts, the IANA special-purpose registries): Route 53's
    // CreateHealthCheck refuses these ranges, and no provider's public checkers (nor clients) can reach them.
    const special = specialAddressRange(s);
    if (special)
      v.fail(
        field,
        `got ${describe(s)}, in ${special.block} (${special.name}, ${special.rfc}), which is not globally reachable: public health checkers and clients cannot reach it; give the endpoint's public IP or hostname`,
      );
    kind = isIPv4(s) ? "ipv4" : "ipv6";
  } else if (isHostname(s)) {
    kind = "hostname";
  } else {
    return v.fail(field, `got ${describe(s)}; expected a public hostname ("lb-eu.example.net") or IP address`);
  }
  if (declared !== undefined && declared !== kind)
    v.fail(`${f}.addressKind`, `got ${describe(declared)}, but the address ${describe(s)} is ${describe(kind)}`);
  if (provider === "gcp-cloud-dns" && kind !== "ipv4") {
    v.fail(
      field,
      `got ${describe(s)}; Cloud DNS health-checks only external IPv4 endpoints in public zones: give the endpoint's public IPv4 address, or use provider "route53", "cloudflare" or "azure-traffic-manager" for hostnames`,
    );
  }
  return { address: kind === "hostname" ? s.toLowerCase().replace(/\.$/, "") : s, kind };
}

/** ELB and CloudFront hostnames become alias records; API Gateway domains need `aliasZoneId` (no lookup exists). */
function detectAlias(host: string): AliasTarget | undefined {
  const alb = /\.([a-z]{2}(?:-[a-z]+)+-\d)\.elb\.amazonaws\.com(?:\.cn)?$/.exec(host);
  if (alb) return { kind: "elb", region: alb[1], loadBalancerType: "application" };
  const nlb = /\.elb\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?$/.exec(host);
  if (nlb) return { kind: "elb", region: nlb[1], loadBalancerType: "network" };
  if (/\.cloudfront\.net$/.test(host)) return { kind: "cloudfront" };
  return undefined;
}

function endpointRegion(
  v: Validator,
  provider: DnsProvider,
  strategy: DnsStrategy,
  value: unknown,
  field: string,
): string | undefined {
  const raw = v.string(value, field, { optional: true });
  const cloud = PROVIDER_CLOUD[provider];
  const needed =
    (provider === "route53" && strategy === "latency") ||
    (provider === "azure-traffic-manager" && strategy === "latency");
  if (raw === undefined) {
    if (needed)
      v.fail(
        field,
        `missing; ${provider} latency routing needs each endpoint's ${cloud} region (e.g. ${cloud === "aws" ? '"aws:eu-west-1"' : '"azure:westeurope"'})`,
      );
    return undefined;
  }
  const sep = raw.indexOf(":");
  const [placementCloud, name] = sep < 0 ? [undefined, raw] : [raw.slice(0, sep), raw.slice(sep + 1)];
  if (placementCloud !== undefined && !["aws", "gcp", "azure"].includes(placementCloud)) {
    v.fail(
      field,
      `got ${describe(raw)}; expected a placement ("aws:eu-west-1", "gcp:europe-west1", "azure:westeurope") or a region name`,
    );
  }
  const home =
    (placementCloud as Exclude<Cloud, "cloudflare"> | undefined) ??
    (["aws", "gcp", "azure"] as const).find((c) => REGIONS[c].includes(name));
  if (!home || !REGIONS[home].includes(name))
    v.fail(
      field,
      `got ${describe(raw)}; ${describe(name)} is not a region of ${placementCloud ?? "AWS, Google Cloud or Azure"}`,
    );
  if (cloud && home !== cloud) {
    // The region only matters where the provider uses it; elsewhere any cloud's region is fine (documentation value).
    if (needed)
      v.fail(
        field,
        `got ${describe(raw)}; ${provider} latency routing needs an ${cloud} region (the one nearest the endpoint)`,
      );
    return undefined;
  }
  return name;
}

function endpointGeo(
  v: Validator,
  provider: DnsProvider,
  strategy: DnsStrategy,
  value: unknown,
  region: string | undefined,
  field: string,
): string[] {
  const list = v.array(value, field, { optional: true, minLength: 1 });
  if (strategy !== "geo") {
    if (list !== undefined)
      v.fail(field, `geo locations only apply to strategy "geo" (this one is ${describe(strategy)})`);
    return [];
  }
  if (provider === "gcp-cloud-dns") {
    // Cloud DNS geo answers by GCP region (nearest to the resolver), so the vocabulary is GCP region names.
    const regions =
      list ??
      (region
        ? [region]
        : v.fail(
            field,
            'missing; Cloud DNS geo routing keys answers by GCP region: set geo: ["europe-west1", ...] or a GCP region on the endpoint',
          ));
    return regions.map((r, i) => {
      const s = v.string(r, `${field}[${i}]`);
      if (!GCP_REGIONS.includes(s))
        v.fail(`${field}[${i}]`, `got ${describe(s)}; Cloud DNS geo locations are GCP regions such as "europe-west1"`);
      return s;
    });
  }
  if (list === undefined)
    v.fail(
      field,
      'missing; strategy "geo" needs the locations each endpoint serves, e.g. ["GEO-EU", "GB"] or ["WORLD"] for the catch-all',
    );
  return list.map((c, i) => {
    const s = v.string(c, `${field}[${i}]`);
    const code: GeoCode | undefined = parseGeoCode(s);
    if (!code)
      v.fail(
        `${field}[${i}]`,
        `got ${describe(s)}; expected "WORLD", a continent "GEO-AF|AN|AS|EU|NA|OC|SA", an ISO country "DE" or a US state "US-CA"`,
      );
    if (code.kind === "subdivision" && provider === "cloudflare")
      v.fail(`${field}[${i}]`, `got ${describe(s)}; Cloudflare steers by region or country, not by state: use "US"`);
    if (
      code.kind === "continent" &&
      provider === "cloudflare" &&
      CLOUDFLARE_CONTINENT_REGIONS[code.continent].length === 0
    ) {
      v.fail(`${field}[${i}]`, `got ${describe(s)}; Cloudflare has no load-balancing region for Antarctica`);
    }
    return s;
  });
}

function resolveGeoDefault(
  v: Validator,
  provider: DnsProvider,
  endpoints: ResolvedEndpoint[],
  order: ResolvedEndpoint[],
): ResolvedEndpoint | undefined {
  if (provider === "gcp-cloud-dns") return undefined; // Cloud DNS always answers from the nearest configured region.
  const world = endpoints.find((e) => e.geo.includes("WORLD"));
  if (world && !world.enabled) {
    v.fail(
      `endpoints[${world.index}].enabled`,
      'this endpoint holds the "WORLD" catch-all and cannot be drained; move "WORLD" to another endpoint first',
    );
  }
  if (provider === "azure-traffic-manager") {
    const drained = endpoints.find((e) => !e.enabled);
    // Traffic Manager answers nothing for locations mapped to a disabled endpoint, and a location maps to one endpoint.
    if (drained)
      v.fail(
        `endpoints[${drained.index}].enabled`,
        "Traffic Manager geographic routing cannot drain an endpoint: its locations would get no answer. Move its geo locations to another endpoint (remove the endpoint) instead",
      );
  }
  return world ?? order.find((e) => e.enabled);
}

function resolveHealthCheck(
  v: Validator,
  provider: DnsProvider,
  value: unknown,
  plan: CloudflarePlan | undefined,
  retries: number,
  preset: HealthPreset,
): ResolvedHealthCheck {
  const hc =
    v.object(value, "healthCheck", {
      optional: true,
      allowedKeys: ["preset", "path", "protocol", "port", "intervalSeconds", "failureThreshold", "timeoutSeconds"],
    }) ?? {};
  const limits = healthLimits(provider, plan);
  const defaults = preset === "fast" ? fastHealthDefaults(provider, plan) : healthDefaults(provider, plan);
  const protocol = v.oneOf(hc.protocol, "healthCheck.protocol", limits.protocols, { optional: true }) ?? "HTTPS";
  const path = v.string(hc.path, "healthCheck.path", {
    optional: true,
    maxLength: 255,
    pattern: /^\/[\x21-\x7e]*$/,
    patternHelp: 'a path starting with "/" (printable ASCII, no spaces)',
  });
  if (path !== undefined && protocol === "TCP")
    v.fail("healthCheck.path", `got ${describe(path)}; a TCP probe only opens a connection and has no path`);
  const port =
    v.integer(hc.port, "healthCheck.port", { optional: true, min: 1, max: 65535 }) ?? (protocol === "HTTPS" ? 443 : 80);
  const intervalSeconds =
    v.integer(hc.intervalSeconds, "healthCheck.intervalSeconds", { optional: true }) ?? defaults.intervalSeconds;
  if ("oneOf" in limits.intervals) {
    if (!limits.intervals.oneOf.includes(intervalSeconds))
      v.fail(
        "healthCheck.intervalSeconds",
        `got ${intervalSeconds}; ${provider} allows ${limits.intervals.oneOf.join(" or ")} seconds`,
      );
  } else if (intervalSeconds < limits.intervals.min || intervalSeconds > limits.intervals.max) {
    const why =
      provider === "cloudflare"
        ? `the ${plan} plan allows ${limits.intervals.min}-${limits.intervals.max} s (pro 60, business 15, enterprise 10 s minimum)`
        : `Cloud DNS health checks for external endpoints allow ${limits.intervals.min}-${limits.intervals.max} s`;
    v.fail("healthCheck.intervalSeconds", `got ${intervalSeconds}; ${why}`);
  }
  const failureThreshold =
    v.integer(hc.failureThreshold, "healthCheck.failureThreshold", { optional: true, ...limits.threshold }) ??
    defaults.failureThreshold;
  let timeoutSeconds: number;
  if (!limits.timeout) {
    if (hc.timeoutSeconds !== undefined) {
      v.fail(
        "healthCheck.timeoutSeconds",
        `got ${describe(hc.timeoutSeconds)}; Route 53's probe timeout is fixed (connect in 4 s and answer in 2 s for HTTP/HTTPS, 10 s for TCP): omit it`,
      );
    }
    timeoutSeconds = route53ProbeTimeout(protocol);
  } else {
    const max = limits.timeout.max(intervalSeconds);
    // Default: the provider's, shortened when the probe and its immediate retries would not fit in one interval.
    const fits = Math.max(limits.timeout.min, Math.floor((intervalSeconds - 1) / (1 + retries)));
    timeoutSeconds =
      v.integer(hc.timeoutSeconds, "healthCheck.timeoutSeconds", { optional: true }) ??
      Math.min(defaults.timeoutSeconds ?? 5, max, fits);
    if (timeoutSeconds < limits.timeout.min || timeoutSeconds > max) {
      v.fail(
        "healthCheck.timeoutSeconds",
        `got ${timeoutSeconds}; ${provider} allows ${limits.timeout.help} (here ${limits.timeout.min}-${max})`,
      );
    }
  }
  return { protocol, port, path: path ?? "/", intervalSeconds, failureThreshold, timeoutSeconds };
}

function route53Options(
  v: Validator,
  value: unknown,
  endpoints: ResolvedEndpoint[],
  label: string,
): NonNullable<ResolvedFailoverDns["route53"]> {
  const o = v.object(value, "route53", { optional: true, allowedKeys: ["zoneId", "regions"] }) ?? {};
  let zoneId: pulumi.Input<string> | undefined;
  if (o.zoneId !== undefined) {
    if (pulumi.Output.isInstance(o.zoneId)) zoneId = o.zoneId as pulumi.Output<string>;
    else
      zoneId = v.string(o.zoneId, "route53.zoneId", {
        pattern: /^Z[A-Z0-9]{1,31}$/,
        patternHelp: 'a hosted zone id such as "Z0123456789ABCDEFGHIJ"',
      });
  }
  let regions: string[] | undefined;
  const list = v.array(o.regions, "route53.regions", { optional: true, minLength: 3 });
  if (list) {
    regions = list.map((r, i) => v.oneOf(r, `route53.regions[${i}]`, ROUTE53_CHECKER_REGIONS));
    if (new Set(regions).size !== regions.length)
      v.fail("route53.regions", "contains duplicates; give at least 3 distinct checker regions");
  }
  // Every record of one name must share a type: an alias or IPv4 is A, IPv6 is AAAA, a hostname is CNAME.
  const typeOf = (e: ResolvedEndpoint): "A" | "AAAA" | "CNAME" =>
    e.alias || e.kind === "ipv4" ? "A" : e.kind === "ipv6" ? "AAAA" : "CNAME";
  const recordType = typeOf(endpoints[0]);
  for (const e of endpoints) {
    if (typeOf(e) !== recordType) {
      v.fail(
        `endpoints[${e.index}].address`,
        `is a ${typeOf(e)} target but endpoint ${describe(endpoints[0].id)} is a ${recordType} target; Route 53 needs one record type per name: use all IPs, all hostnames, or all AWS alias targets (aliasZoneId)`,
      );
    }
  }
  if (recordType === "CNAME" && label === "") {
    v.fail(
      "record",
      'the zone apex cannot be a CNAME: use IP addresses, AWS alias targets (aliasZoneId), or a name below the apex such as "api"',
    );
  }
  return { zoneId, regions, recordType };
}

/** `healthCheck.preset`, read before the rest because it sets other options' defaults. */
function healthPreset(v: Validator, healthCheck: unknown): HealthPreset {
  // A plain object first: an Output's lifted `.preset` is an Output, a Promise's is undefined (issue #17, defect 6).
  const raw = v.object(healthCheck, "healthCheck", { optional: true })?.preset;
  return v.oneOf(raw, "healthCheck.preset", HEALTH_PRESETS, { optional: true }) ?? "standard";
}

/**
 * `fast` on Route 53 below the apex: an ELB or CloudFront hostname is answered with a health-checked CNAME carrying the
 * preset's TTL instead of an alias, whose TTL is the target's own 60 s (Route 53 "Choosing between alias and non-alias
 * records": an alias takes the TTL of the AWS resource it points to). The apex keeps the alias: a CNAME cannot sit at
 * the apex (RFC 1034 §3.6.2). An alias asked for with `aliasZoneId` stays an alias.
 */
function fastRecordsBelowApex(
  provider: DnsProvider,
  preset: HealthPreset,
  label: string,
  endpoints: ResolvedEndpoint[],
): ResolvedEndpoint[] {
  if (provider !== "route53" || preset !== "fast" || label === "") return endpoints;
  return endpoints.map((e) => (e.alias && e.alias.kind !== "given" ? { ...e, alias: undefined } : e));
}

function cloudflareOptions(
  v: Validator,
  value: unknown,
  preset: HealthPreset,
): NonNullable<ResolvedFailoverDns["cloudflare"]> {
  const o = v.object(value, "cloudflare", {
    allowedKeys: ["accountId", "zoneId", "plan", "proxied", "retries", "checkRegions", "trafficSteering"],
  })!;
  const id = (key: "accountId" | "zoneId"): pulumi.Input<string> =>
    pulumi.Output.isInstance(o[key])
      ? (o[key] as pulumi.Output<string>)
      : v.string(o[key], `cloudflare.${key}`, {
          pattern: /^[0-9a-f]{32}$/,
          patternHelp: "a 32-character hexadecimal Cloudflare id",
        });
  const accountId = id("accountId");
  const zoneId = id("zoneId");
  const plan = v.oneOf(o.plan, "cloudflare.plan", CLOUDFLARE_PLANS, { optional: true }) ?? "pro";
  const proxied = v.boolean(o.proxied, "cloudflare.proxied", { optional: true }) ?? true;
  const retries =
    v.integer(o.retries, "cloudflare.retries", { optional: true, min: 0, max: 5 }) ??
    (preset === "fast" ? FAST_CLOUDFLARE_RETRIES : DEFAULT_CLOUDFLARE_RETRIES);
  const regions = v.array(o.checkRegions, "cloudflare.checkRegions", { optional: true, minLength: 1 });
  const checkRegions = regions
    ? regions.map((r, i) => v.oneOf(r, `cloudflare.checkRegions[${i}]`, CLOUDFLARE_REGIONS))
    : [...DEFAULT_CLOUDFLARE_CHECK_REGIONS];
  const trafficSteering =
    v.boolean(o.trafficSteering, "cloudflare.trafficSteering", { optional: true }) ?? plan === "enterprise";
  return { accountId, zoneId, plan, proxied, retries, checkRegions, trafficSteering };
}

function azureOptions(v: Validator, value: unknown, label: string): NonNullable<ResolvedFailoverDns["azure"]> {
  const o = v.object(value, "azure", { allowedKeys: ["resourceGroupName", "dnsRecord"] })!;
  const resourceGroupName = pulumi.Output.isInstance(o.resourceGroupName)
    ? (o.resourceGroupName as pulumi.Output<string>)
    : v.string(o.resourceGroupName, "azure.resourceGroupName", {
        maxLength: 90,
        pattern: /^[-\w.()]*[-\w()]$/,
        patternHelp: "an Azure resource group name (letters, digits, -_.(), not ending in a dot)",
      });
  const dnsRecord = v.boolean(o.dnsRecord, "azure.dnsRecord", { optional: true }) ?? true;
  if (dnsRecord && label === "")
    v.fail(
      "record",
      'Traffic Manager is reached through a CNAME, which the zone apex cannot hold: use a name such as "www", or set azure.dnsRecord: false and point the apex at the profile with an Azure DNS alias yourself',
    );
  return { resourceGroupName, dnsRecord };
}

function gcpOptions(v: Validator, value: unknown): NonNullable<ResolvedFailoverDns["gcp"]> {
  const o = v.object(value, "gcp", { allowedKeys: ["managedZone", "project", "healthCheckRegions"] })!;
  const managedZone = v.string(o.managedZone, "gcp.managedZone", {
    maxLength: 63,
    pattern: /^[a-z][a-z0-9-]*$/,
    patternHelp: 'a Cloud DNS managed zone name such as "example-com" (not its DNS name)',
  });
  const project = v.string(o.project, "gcp.project", {
    optional: true,
    pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
    patternHelp: "a GCP project id",
  });
  const list = v.array(o.healthCheckRegions, "gcp.healthCheckRegions", { optional: true, minLength: 3, maxLength: 3 });
  const healthCheckRegions = list
    ? list.map((r, i) => v.oneOf(r, `gcp.healthCheckRegions[${i}]`, GCP_REGIONS))
    : [...DEFAULT_GCP_HEALTH_REGIONS];
  if (new Set(healthCheckRegions).size !== 3)
    v.fail(
      "gcp.healthCheckRegions",
      "contains duplicates; a Cloud DNS health check needs exactly 3 distinct source regions",
    );
  return { managedZone, project, healthCheckRegions };
}

/** Cloud DNS keys failover backups by GCP region (the one nearest the resolver answers), so each needs a distinct one. */
function gcpFailoverChecks(v: Validator, endpoints: ResolvedEndpoint[]): void {
  const seen = new Map<string, string>();
  for (const e of endpoints) {
    if (!e.region)
      v.fail(
        `endpoints[${e.index}].region`,
        'missing; Cloud DNS failover backups are keyed by GCP region: set the GCP region nearest the endpoint, e.g. "gcp:us-east4"',
      );
    if (seen.has(e.region))
      v.fail(
        `endpoints[${e.index}].region`,
        `got ${describe(e.region)}, already used by endpoint ${describe(seen.get(e.region))}; Cloud DNS allows one backup per GCP region`,
      );
    seen.set(e.region, e.id);
  }
  if (endpoints.filter((e) => e.enabled).length < 2) {
    v.fail("endpoints", "Cloud DNS failover needs a primary and at least one enabled backup; undrain one endpoint");
  }
}
