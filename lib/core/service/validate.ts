import { acmDomainProblem } from "../certificate-limits";
import * as pulumi from "@pulumi/pulumi";
import { describe } from "../errors";
import type { ParsedPlacement } from "../placement";
import { everyKeyListed } from "../arg-keys";
import { checkLogRetention } from "../log-retention";
import { validateSecretEnvironment } from "../secret-environment";
import { checkTransformShape } from "../transform";
import { Validator } from "../validate";
import { validateDns } from "./validate-dns";
import type { RegionSpec, ServiceSpec } from "./spec";
import type { MultiRegionServiceArgs, ServiceContainer, ServiceHealthCheck, ServiceRegionOverride } from "./args";
import { FRONT_DOOR_ORIGIN, MAX_REGION_WEIGHT } from "./front-limits";
import { chooseFront } from "./front";
import { sizeProblem } from "./sizes";
import { HEALTH_PRESETS } from "../dns/presets";
import { serviceHealthDefaults } from "./health-preset";

export type { RegionSpec, HealthCheckSpec, ServiceSpec } from "./spec";

const TOP_KEYS = [
  "regions",
  "container",
  "healthCheck",
  "routing",
  "primary",
  "drained",
  "perRegion",
  "count",
  "logRetentionDays",
  "aws",
  "azure",
  "alarms",
  "transform",
] as const satisfies readonly (keyof MultiRegionServiceArgs)[];
everyKeyListed<MultiRegionServiceArgs, typeof TOP_KEYS>(true);
const CONTAINER_KEYS = [
  "image",
  "port",
  "cpu",
  "memoryMb",
  "environment",
  "secrets",
  "command",
] as const satisfies readonly (keyof ServiceContainer)[];
everyKeyListed<ServiceContainer, typeof CONTAINER_KEYS>(true);
/** Longest probe period Cloud Run (startup) and Container Apps accept. */
export const PROBE_PERIOD_MAX = 240;
const HEALTH_KEYS = [
  "preset",
  "path",
  "intervalSeconds",
  "failureThreshold",
  "timeoutSeconds",
] as const satisfies readonly (keyof ServiceHealthCheck)[];
everyKeyListed<ServiceHealthCheck, typeof HEALTH_KEYS>(true);
const OVERRIDE_KEYS = [
  "cpu",
  "memoryMb",
  "count",
  "environment",
  "weight",
] as const satisfies readonly (keyof ServiceRegionOverride)[];
everyKeyListed<ServiceRegionOverride, typeof OVERRIDE_KEYS>(true);
/** Ports the platforms reserve or refuse for the app container. */
const RESERVED_PORTS = new Set([22, 4191, 15000, 15001, 15006, 15008, 15020, 15021, 15090]);

/**
 * Checks every argument of a `MultiRegionService` and resolves the per-region specs. Throws the first
 * `ConfigError` (naming the dotted field) before any resource exists.
 */
export function validateServiceArgs(name: string, raw: unknown): ServiceSpec {
  const component = `MultiRegionService "${name}"`;
  const v = new Validator(component);
  if (typeof name !== "string" || !/^[a-z][a-z0-9-]{0,30}$/i.test(name)) {
    v.fail(
      "name",
      `got ${describe(name)}; expected 1-31 letters, digits or hyphens starting with a letter (it prefixes regional resource names)`,
    );
  }
  v.object(raw, "args");
  const args = v.object(raw, "", { allowedKeys: TOP_KEYS })!;

  // Regions: at least one, valid placements, one cloud region each, no duplicates.
  const list = v.array(args.regions, "regions", { minLength: 1, maxLength: 20 });
  const placements: ParsedPlacement[] = [];
  list.forEach((p, i) => {
    const parsed = v.placement(p, `regions[${i}]`);
    if (parsed.cloud === "cloudflare")
      v.fail(
        `regions[${i}]`,
        `got "cloudflare"; a region runs containers: use "aws:<region>", "gcp:<region>" or "azure:<region>" (Cloudflare can be the front: routing.dns.provider "cloudflare")`,
      );
    const dup = placements.findIndex((q) => q.key === parsed.key);
    if (dup >= 0) v.fail(`regions[${i}]`, `got ${describe(parsed.key)} twice (also regions[${dup}]); each region once`);
    placements.push(parsed);
  });
  const keys = placements.map((p) => p.key);
  const inRegions = (value: unknown, field: string): string => {
    const s = v.string(value, field);
    if (!keys.includes(s)) v.fail(field, `got ${describe(s)}; must be one of regions: ${keys.join(", ")}`);
    return s;
  };

  // Container.
  const c = v.object(args.container, "container", { allowedKeys: CONTAINER_KEYS })!;
  if (c.image === undefined || c.image === null)
    v.fail("container.image", `got ${describe(c.image)}; an image reference is required`);
  if (!pulumi.Output.isInstance(c.image))
    v.string(c.image, "container.image", {
      pattern: /^\S+$/,
      patternHelp: 'an image reference without spaces, e.g. "ghcr.io/acme/api:1.4.2"',
    });
  const port = v.integer(c.port, "container.port", { optional: true, min: 1, max: 65535 }) ?? 8080;
  if (RESERVED_PORTS.has(port))
    v.fail("container.port", `got ${port}; reserved by the platforms' sidecars/agents, choose another (e.g. 8080)`);
  const cpu = v.number(c.cpu, "container.cpu", { optional: true, min: 0.25, max: 16 }) ?? 1;
  const memoryMb = v.integer(c.memoryMb, "container.memoryMb", { optional: true, min: 512, max: 122880 }) ?? 2048;
  // The same validation as ServerlessFunction's environment + secrets (one source); MERIDIAN_ names are ours.
  const { environment, secrets } = validateSecretEnvironment(v, c.environment, c.secrets, {
    prefix: "container.",
    clouds: placements.map((p) => p.cloud),
    reserved: /^MERIDIAN_/i,
    maxEntries: 100,
  });
  let command: string[] | undefined;
  if (c.command !== undefined) {
    command = v
      .array(c.command, "container.command", { minLength: 1 })
      .map((x, i) => v.string(x, `container.command[${i}]`));
  }

  // Routing.
  const r = v.object(args.routing, "routing", { optional: true, allowedKeys: ["strategy", "dns", "front"] }) ?? {};
  const strategy =
    v.oneOf(r.strategy, "routing.strategy", ["latency", "failover", "weighted"] as const, { optional: true }) ??
    "latency";
  const dns = validateDns(v, r.dns);
  const clouds = [...new Set(placements.map((p) => p.cloud))];
  const frontOption = v.oneOf(r.front, "routing.front", ["route53", "global-accelerator"] as const, { optional: true });
  if (frontOption !== undefined && clouds.some((c) => c !== "aws"))
    v.fail(
      "routing.front",
      `got ${describe(frontOption)} with regions on ${clouds.filter((c) => c !== "aws").join(", ")}; routing.front chooses between AWS fronts, so every region must be on AWS`,
    );
  if (frontOption === "route53" && dns !== undefined && dns.provider !== "route53")
    v.fail(
      "routing.front",
      `got "route53" with routing.dns.provider ${describe(dns.provider)}; omit routing.front for Cloudflare's load balancer, or use "global-accelerator" (the name becomes a DNS-only CNAME to the accelerator)`,
    );
  const front = chooseFront(clouds, strategy, dns?.provider, frontOption);
  // Front Door orders origins by priority 1-5 (front-limits.ts): a sixth region would share a priority silently.
  if (front.kind === "azure-frontdoor" && strategy === "failover" && placements.length > FRONT_DOOR_ORIGIN.maxPriority)
    v.fail(
      "regions",
      `got ${placements.length} regions with routing.strategy "failover"; Azure Front Door orders origins by priorities 1-${FRONT_DOOR_ORIGIN.maxPriority}, so a failover order has at most ${FRONT_DOOR_ORIGIN.maxPriority} regions: use fewer regions, or strategy "latency" or "weighted"`,
    );
  // Every AWS region's ALB serves an ACM certificate for the public name (lib/aws/multi-region-service/certificate.ts).
  const acm = dns && clouds.includes("aws") ? acmDomainProblem(`${dns.record.toLowerCase()}.${dns.zone}`) : undefined;
  if (acm) v.fail("routing.dns.record", `${acm}: shorten the record or the zone`);
  const cf = dns?.cloudflare;
  if (front.kind === "dns" && cf && strategy === "latency" && !(cf.trafficSteering ?? cf.plan === "enterprise")) {
    // Latency is Cloudflare's dynamic steering, which needs the Traffic Steering add-on below Enterprise
    // (https://developers.cloudflare.com/load-balancing/understand-basics/traffic-steering/steering-policies/).
    v.fail(
      "routing.dns.cloudflare.trafficSteering",
      `strategy "latency" on a Cloudflare front needs the Traffic Steering add-on on the ${cf.plan ?? "pro"} plan; set routing.dns.cloudflare.trafficSteering: true if the account has it, or use routing.strategy "failover" or "weighted"`,
    );
  }
  if (front.dnsRequiredBecause && !dns)
    v.fail("routing.dns", `got undefined; required here: ${front.dnsRequiredBecause}`);
  if (front.kind === "dns" && dns?.provider !== "cloudflare" && front.cloudflareOnlyBecause) {
    v.fail(
      "routing.dns.provider",
      `got ${describe(dns?.provider)}; only "cloudflare" can front these regions: ${front.cloudflareOnlyBecause}`,
    );
  }

  // Health check.
  const h = v.object(args.healthCheck, "healthCheck", { optional: true, allowedKeys: HEALTH_KEYS }) ?? {};
  const preset = v.oneOf(h.preset, "healthCheck.preset", HEALTH_PRESETS, { optional: true }) ?? "standard";
  const healthDefaults = serviceHealthDefaults(preset, front.kind);
  const path =
    v.string(h.path, "healthCheck.path", {
      optional: true,
      maxLength: 255,
      pattern: /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/,
      patternHelp: 'an absolute URL path such as "/healthz" (no spaces, no query string)',
    }) ?? "/healthz";
  const intervalSeconds =
    v.integer(h.intervalSeconds, "healthCheck.intervalSeconds", { optional: true, min: 5, max: 300 }) ??
    healthDefaults.intervalSeconds;
  const failureThreshold =
    v.integer(h.failureThreshold, "healthCheck.failureThreshold", { optional: true, min: 2, max: 10 }) ??
    healthDefaults.failureThreshold;
  const timeoutSeconds =
    v.integer(h.timeoutSeconds, "healthCheck.timeoutSeconds", { optional: true, min: 2, max: 60 }) ??
    Math.min(healthDefaults.timeoutSeconds ?? 5, intervalSeconds - 1);
  if (timeoutSeconds >= intervalSeconds)
    v.fail(
      "healthCheck.timeoutSeconds",
      `got ${timeoutSeconds}; must be less than healthCheck.intervalSeconds (${intervalSeconds})`,
    );
  // The probe period lands in fields capped at 240 s: Cloud Run startup probes ("periodSeconds ... 1 to 240",
  // https://cloud.google.com/run/docs/configuring/healthchecks) and every Container Apps probe ("periodSeconds 1-240",
  // https://learn.microsoft.com/azure/container-apps/health-probes). Clamping it would silently change the user's value.
  const capped = placements.find((p) => p.cloud === "gcp" || p.cloud === "azure");
  if (capped && intervalSeconds > PROBE_PERIOD_MAX)
    v.fail(
      "healthCheck.intervalSeconds",
      `got ${intervalSeconds}; ${capped.key} probes the container every 1-${PROBE_PERIOD_MAX} s (Cloud Run startup and Container Apps probes): use at most ${PROBE_PERIOD_MAX}`,
    );

  // Primary and drained.
  let primaryKey = keys[0];
  if (args.primary !== undefined) {
    primaryKey = inRegions(args.primary, "primary");
    if (strategy !== "failover")
      v.fail(
        "primary",
        `got ${describe(args.primary)} with routing.strategy ${describe(strategy)}; primary only applies to "failover" (drain regions with "drained" instead)`,
      );
  }
  const drainedKeys: string[] = [];
  (v.array(args.drained, "drained", { optional: true }) ?? []).forEach((d, i) => {
    const key = inRegions(d, `drained[${i}]`);
    if (drainedKeys.includes(key)) v.fail(`drained[${i}]`, `got ${describe(key)} twice`);
    drainedKeys.push(key);
  });
  if (drainedKeys.length === keys.length)
    v.fail("drained", `got all ${keys.length} region(s); at least one region must keep serving traffic`);
  if (strategy === "failover" && drainedKeys.includes(primaryKey)) {
    v.fail("drained", `got the primary ${describe(primaryKey)}; move traffic first with primary: "<another region>"`);
  }

  // Scale, logs, AWS options.
  const count = v.integer(args.count, "count", { optional: true, min: 0, max: 1000 });
  // One rule per cloud (lib/core/log-retention.ts), the same for every component: each region's cloud must keep it.
  const retention = checkLogRetention(v, args.logRetentionDays, "logRetentionDays", placements);
  const awsOpts = v.object(args.aws, "aws", { optional: true, allowedKeys: ["privateNetworking"] }) ?? {};
  const privateNetworking = v.boolean(awsOpts.privateNetworking, "aws.privateNetworking", { optional: true }) ?? false;
  if (awsOpts.privateNetworking !== undefined && !clouds.includes("aws"))
    v.fail("aws", "given, but no region is on AWS");
  const azureOpts = v.object(args.azure, "azure", { optional: true, allowedKeys: ["originAccess"] }) ?? {};
  const azureOriginAccess =
    v.oneOf(azureOpts.originAccess, "azure.originAccess", ["public", "private-link"] as const, { optional: true }) ??
    "public";
  if (azureOpts.originAccess !== undefined && front.kind !== "azure-frontdoor")
    v.fail("azure.originAccess", `got ${describe(azureOpts.originAccess)}, but Front Door is not this service's front`);
  const transform = checkTransformShape(args.transform, component);

  // Per-region overrides.
  const overrides = v.object(args.perRegion, "perRegion", { optional: true }) ?? {};
  for (const key of Object.keys(overrides)) {
    if (!keys.includes(key)) v.fail(`perRegion.${key}`, `not one of regions: ${keys.join(", ")}`);
  }

  const ordered = [primaryKey, ...keys.filter((k) => k !== primaryKey)];
  const regions = placements.map((p): RegionSpec => {
    const field = `perRegion.${p.key}`;
    const o = v.object(overrides[p.key], field, { optional: true, allowedKeys: OVERRIDE_KEYS }) ?? {};
    const rCpu = v.number(o.cpu, `${field}.cpu`, { optional: true, min: 0.25, max: 16 }) ?? cpu;
    const rMem = v.integer(o.memoryMb, `${field}.memoryMb`, { optional: true, min: 512, max: 122880 }) ?? memoryMb;
    const problem = sizeProblem(p.cloud, rCpu, rMem);
    if (problem) {
      const own = o[problem.field] !== undefined || o.cpu !== undefined || o.memoryMb !== undefined;
      v.fail(
        `${own ? field : "container"}.${problem.field}`,
        `got cpu ${rCpu} with memoryMb ${rMem} for ${p.key}; ${problem.allowed}`,
      );
    }
    const rCount =
      v.integer(o.count, `${field}.count`, { optional: true, min: 0, max: 1000 }) ??
      count ??
      (p.cloud === "aws" ? 2 : 1);
    const rEnv = v.inputMap(o.environment, `${field}.environment`, { maxEntries: 100 }) ?? {};
    for (const key of Object.keys(rEnv)) {
      if (key in secrets)
        v.fail(`${field}.environment.${key}`, "also set in container.secrets; a name is either plain or secret");
    }
    const weight = v.integer(o.weight, `${field}.weight`, { optional: true, min: 0 }) ?? 1;
    const weightLimit = MAX_REGION_WEIGHT[front.kind];
    if (weight > weightLimit.max)
      v.fail(`${field}.weight`, `got ${weight}; allowed 0-${weightLimit.max} here (${weightLimit.why})`);
    if (o.weight !== undefined && strategy !== "weighted")
      v.fail(
        `${field}.weight`,
        `got ${o.weight} with routing.strategy ${describe(strategy)}; weights apply to "weighted" only`,
      );
    return {
      key: p.key,
      cloud: p.cloud as RegionSpec["cloud"],
      region: p.region!,
      label: p.region!,
      cpu: rCpu,
      memoryMb: rMem,
      count: rCount,
      environment: { ...environment, ...rEnv },
      weight,
      priority: ordered.indexOf(p.key) + 1,
      primary: p.key === primaryKey,
      drained: drainedKeys.includes(p.key),
    };
  });
  if (strategy === "weighted" && regions.every((x) => x.drained || x.weight === 0)) {
    v.fail("perRegion", "every serving region has weight 0; give at least one a positive weight");
  }

  return {
    component,
    name,
    image: c.image as pulumi.Input<string>,
    port,
    command,
    healthCheck: {
      preset,
      explicit: (["intervalSeconds", "failureThreshold", "timeoutSeconds"] as const).filter((k) => h[k] !== undefined),
      path,
      intervalSeconds,
      failureThreshold,
      timeoutSeconds,
    },
    strategy,
    dns: dns && { ...dns, fqdn: `${dns.record}.${dns.zone}` },
    front: front.kind,
    regions,
    secrets,
    logRetentionDays: retention.days,
    logRetentionGiven: retention.given,
    privateNetworking,
    azureOriginAccess,
    transform,
  };
}
