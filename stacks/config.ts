import * as pulumi from "@pulumi/pulumi";
import { ConfigError, Validator } from "../lib";
import type { Placement } from "../lib";

/** The DNS providers the app stack can front its multi-region service with (those MultiRegionService composes). */
export const DNS_PROVIDERS = ["route53", "cloudflare"] as const;
export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;

/** The app stack's typed, validated configuration (`stacks/Pulumi.<env>.yaml`, namespace `meridian`). */
export interface AppConfig {
  /** dev, staging or prod: decides protection of stateful resources and log retention. */
  environment: (typeof ENVIRONMENTS)[number];
  /** Import the log groups a destroyed prod stack retained (first `up` after a destroy only). @default false */
  adoptRetainedLogGroups: boolean;
  /** Where the service runs, first = primary: dev 1 region, staging 2, prod 3. */
  regions: Placement[];
  /** The public name of the service, e.g. `www.example.com`: must be inside `zone`. */
  domain: string;
  /** The DNS zone that holds `domain`, e.g. `example.com`. */
  zone: string;
  /** Who answers for `domain`. */
  dnsProvider: (typeof DNS_PROVIDERS)[number];
  /** Route 53 hosted zone id of `zone` (route53 only; otherwise looked up). */
  zoneId?: string;
  /** Cloudflare zone id of `zone` (cloudflare only; the account comes from `cloudflare:accountId`). */
  cloudflareZoneId?: string;
  /** The Cloudflare account has the Traffic Steering add-on, which latency routing needs below Enterprise (cloudflare only). */
  cloudflareTrafficSteering?: boolean;
  /** Container image of the service. */
  image: string;
  /** Bearer-token auth for the API: the token issuer (an https URL) and the audience. */
  jwt?: { issuer: string; audience: string };
  /**
   * Who receives the alarms (`meridian:alarmEmail`, a list of addresses; `meridian:alarmWebhook`, a secret
   * https URL set with `pulumi config set --secret`). Without either, the stack creates no alarm.
   */
  alarms?: { email: string[]; webhook?: pulumi.Output<string> };
}

const COMPONENT = "stack config";

/**
 * Reads and validates the stack config. Every problem is a ConfigError whose field is the config key
 * (`meridian:regions`), so `npm run plan` prints one clear line and exits 2.
 */
export function loadAppConfig(): AppConfig {
  const cfg = new pulumi.Config("meridian");
  const v = new Validator(COMPONENT);
  const read = (key: string): unknown => {
    const raw = cfg.get(key);
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  };
  const environment = v.oneOf(read("environment"), "meridian:environment", ENVIRONMENTS);
  const regionsRaw = v.array(read("regions"), "meridian:regions", { minLength: 1, maxLength: 10 });
  const regions = regionsRaw.map((r, i) => v.placement(r, `meridian:regions[${i}]`).key as Placement);
  const seen = new Set<string>();
  regions.forEach((r, i) => {
    if (seen.has(r))
      throw new ConfigError(
        COMPONENT,
        `meridian:regions[${i}]`,
        `got ${JSON.stringify(r)} twice; each region may appear once`,
      );
    seen.add(r);
  });
  // Per-user facts: the shipped Pulumi.<env>.yaml carries none (a placeholder zone is one a cloud refuses).
  const required = (key: string, what: string): unknown => {
    const value = read(key);
    if (value === undefined) v.fail(`meridian:${key}`, `not set; run \`pulumi config set meridian:${key} <${what}>\``);
    return value;
  };
  const zone = v.hostname(required("zone", "the DNS zone you own, e.g. mycompany.com"), "meridian:zone");
  const domain = v.hostname(
    required("domain", "this environment's name inside that zone, e.g. www.mycompany.com"),
    "meridian:domain",
  );
  if (!domain.endsWith(`.${zone}`)) {
    v.fail(
      "meridian:domain",
      `got ${JSON.stringify(domain)}; it must be a name inside ${JSON.stringify(zone)} (meridian:zone), such as "www.${zone}"`,
    );
  }
  const orDefault = (key: string, fallback: unknown): unknown => {
    const value = read(key);
    return value === undefined ? fallback : value;
  };
  const dnsProvider = v.oneOf(orDefault("dnsProvider", "route53"), "meridian:dnsProvider", DNS_PROVIDERS);
  const zoneId = v.string(read("zoneId"), "meridian:zoneId", {
    optional: true,
    pattern: /^Z[A-Z0-9]{1,32}$/,
    patternHelp: "a Route 53 hosted zone id like Z0123456789ABCDEFGHIJ",
  });
  if (zoneId !== undefined && dnsProvider !== "route53")
    v.fail(
      "meridian:zoneId",
      `given with dnsProvider ${JSON.stringify(dnsProvider)}; it is the Route 53 hosted zone id`,
    );
  const hex32 = { pattern: /^[0-9a-f]{32}$/, patternHelp: "a 32-character hexadecimal Cloudflare id" };
  const cloudflareZoneId = v.string(read("cloudflareZoneId"), "meridian:cloudflareZoneId", {
    optional: true,
    ...hex32,
  });
  if (dnsProvider === "cloudflare") {
    if (cloudflareZoneId === undefined)
      v.fail("meridian:cloudflareZoneId", 'got undefined; required with dnsProvider "cloudflare"');
    v.string(new pulumi.Config("cloudflare").get("accountId"), "cloudflare:accountId", hex32);
  } else if (cloudflareZoneId !== undefined) {
    v.fail("meridian:cloudflareZoneId", `given with dnsProvider ${JSON.stringify(dnsProvider)}`);
  }
  const cloudflareTrafficSteering = v.boolean(read("cloudflareTrafficSteering"), "meridian:cloudflareTrafficSteering", {
    optional: true,
  });
  const image = v.string(orDefault("image", "public.ecr.aws/nginx/nginx:1.27"), "meridian:image", { maxLength: 255 });
  const issuer = v.string(read("jwtIssuer"), "meridian:jwtIssuer", {
    optional: true,
    pattern: /^https:\/\/[^\s]+$/,
    patternHelp: "an https:// issuer URL",
  });
  const audience = v.string(read("jwtAudience"), "meridian:jwtAudience", { optional: true, maxLength: 256 });
  if ((issuer === undefined) !== (audience === undefined)) {
    v.fail(
      issuer === undefined ? "meridian:jwtIssuer" : "meridian:jwtAudience",
      "meridian:jwtIssuer and meridian:jwtAudience go together",
    );
  }
  const jwt = issuer && audience ? { issuer, audience } : undefined;
  const email = (v.array(read("alarmEmail"), "meridian:alarmEmail", { optional: true, maxLength: 20 }) ?? []).map(
    (e, i) =>
      v.string(e, `meridian:alarmEmail[${i}]`, {
        pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
        patternHelp: "an email address",
      }),
  );
  // Read as a secret: the URL carries the chat or pager integration's token.
  const webhook = cfg.getSecret("alarmWebhook");
  const alarms = email.length > 0 || webhook ? { email, webhook } : undefined;
  // After `pulumi destroy` of prod, the first `up` imports the retained log groups instead of failing on them.
  const adoptRetainedLogGroups =
    v.boolean(read("adoptRetainedLogGroups"), "meridian:adoptRetainedLogGroups", { optional: true }) ?? false;
  return {
    environment,
    regions,
    domain,
    zone,
    dnsProvider,
    zoneId,
    cloudflareZoneId,
    cloudflareTrafficSteering,
    image,
    jwt,
    alarms,
    adoptRetainedLogGroups,
  };
}
