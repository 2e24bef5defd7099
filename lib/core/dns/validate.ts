import { everyKeyListed } from "../arg-keys";
import { describe } from "../errors";
import { checkTransformShape } from "../transform";
import { Validator, isHostname } from "../validate";
import { STRATEGY_ALTERNATIVES, STRATEGY_SUPPORT, DEFAULT_TTL_SECONDS } from "./capabilities";
import { resolveEndpointProbe } from "./endpoint-probe";
import { resolveGeoDefault } from "./endpoint-geo";
import { resolveEndpoints } from "./endpoints";
import { dnsFailoverTime } from "./failover-time";
import { ELB_DNS_TTL_SECONDS } from "../failover-time";
import { healthPreset, resolveHealthCheck } from "./health-check-options";
import { FAST_TTL_SECONDS, HealthPreset } from "./presets";
import { azureOptions, cloudflareOptions, gcpFailoverChecks, gcpOptions, route53Options } from "./provider-options";
import { DnsSpec, ResolvedEndpoint } from "./resolved";
import { DNS_PROVIDERS, DNS_STRATEGIES, DnsProvider, FailoverDnsArgs } from "./types";

// The resolved model lives in ./resolved; importers of this module (the cloud expansions) keep reading it from here.
export * from "./resolved";

const PROVIDER_KEY: Record<DnsProvider, "route53" | "cloudflare" | "azure" | "gcp"> = {
  route53: "route53",
  cloudflare: "cloudflare",
  "azure-traffic-manager": "azure",
  "gcp-cloud-dns": "gcp",
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
] as const satisfies readonly (keyof FailoverDnsArgs)[];
everyKeyListed<FailoverDnsArgs, typeof ARG_KEYS>(true);

/**
 * Validates FailoverDns args against each provider's documented limits (./capabilities) and capabilities, and resolves every
 * default. Throws a ConfigError (synchronously) for the first bad field.
 */
export function resolveFailoverDns(name: string, raw: unknown): DnsSpec {
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

  const transform = checkTransformShape(args.transform, component);

  let ttlSeconds = v.integer(args.ttlSeconds, "ttlSeconds", { optional: true, min: 0, max: 86400 });
  if (ttlSeconds !== undefined && cloudflareOpts?.proxied) {
    v.fail(
      "ttlSeconds",
      `got ${ttlSeconds}; a proxied Cloudflare load balancer answers with Cloudflare's anycast IPs and ignores the TTL; omit ttlSeconds or set cloudflare.proxied: false`,
    );
  }
  ttlSeconds ??= preset === "fast" ? FAST_TTL_SECONDS : DEFAULT_TTL_SECONDS;

  const base = {
    name,
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
    transform,
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
