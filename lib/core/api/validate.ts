import { everyKeyListed } from "../arg-keys";
import type { ApiGatewayArgs } from "./args";
import { acmDomainProblem } from "../certificate-limits";
import { describe } from "../errors";
import { FunctionHandle } from "../function-handle";
import { Cloud, ParsedPlacement } from "../placement";
import { checkTransformShape } from "../transform";
import { Validator, isHostname } from "../validate";
import { checkLogRetention, DEFAULT_LOG_RETENTION_DAYS } from "../log-retention";
import { sameCloudflareAccount } from "./cloudflare-bindings";
import { GATEWAY_CAPABILITIES, throttleWindowSeconds } from "./capabilities";
import { AccessLogSpec, ApiSpec, AuthSpec, CorsSpec, DomainSpec, ThrottleSpec } from "./model";
import {
  HTTP_METHODS,
  MAX_ROUTES,
  ParsedRoute,
  PathSegment,
  openApiPath,
  operationIdFor,
  parseRouteKey,
  pathShape,
} from "./routes";

const ARG_KEYS = [
  "target",
  "routes",
  "cors",
  "auth",
  "domain",
  "throttle",
  "accessLogs",
  "info",
  "alarms",
  "transform",
] as const satisfies readonly (keyof ApiGatewayArgs)[];
everyKeyListed<ApiGatewayArgs, typeof ARG_KEYS>(true);
const HEADER_TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Checks every ApiGateway argument and returns the cloud-neutral model. Throws a ConfigError naming the field
 * for the first problem; nothing is created before this returns.
 */
export function validateApiGatewayArgs(name: string, args: unknown): ApiSpec {
  const v = new Validator(`ApiGateway "${name}"`);
  v.componentName(name);
  if (args === null || typeof args !== "object" || Array.isArray(args))
    v.fail("args", `got ${describe(args)}; expected an object { target, routes, ... }`);
  const a = v.object(args, "", { allowedKeys: ARG_KEYS })!;
  const placement = v.placement(a.target, "target");
  const caps = GATEWAY_CAPABILITIES[placement.cloud];
  if (caps.regions && !caps.regions.includes(placement.region!))
    v.fail(
      "target",
      `got ${describe(placement.key)}; the gateway exists only in ${caps.regions.map((r) => `${placement.cloud}:${r}`).join(", ")} (its functions may run in any region)`,
    );

  const auth = validateAuth(v, a.auth, placement);
  const { routes, functions } = validateRoutes(v, a.routes, placement);
  const cors = validateCors(v, a.cors);
  const throttle = validateThrottle(v, a.throttle);
  if (throttle && !caps.throttleWithoutApiKey && auth?.kind !== "apiKey") {
    v.fail("throttle", `${placement.key}: ${caps.throttleUnit}; set auth: { apiKey: true } or remove throttle`);
  }
  if (throttle && caps.maxThrottleWindowSeconds && throttleWindowSeconds(throttle) > caps.maxThrottleWindowSeconds)
    v.fail(
      "throttle.burst",
      `got burst ${throttle.burst} at ${throttle.ratePerSecond}/s, a ${throttleWindowSeconds(throttle)} s window (burst / ratePerSecond); ${placement.key} allows at most ${caps.maxThrottleWindowSeconds} s: lower burst or raise ratePerSecond`,
    );
  const accessLogs = validateAccessLogs(v, a.accessLogs, placement);
  const domain = validateDomain(v, a.domain, placement.cloud);
  const info = validateInfo(v, a.info, name);
  const transform = checkTransformShape(a.transform, `ApiGateway "${name}"`);
  return {
    name,
    placement,
    cloud: placement.cloud,
    routes,
    functions,
    cors,
    auth,
    throttle,
    accessLogs,
    domain,
    info,
    transform,
  };
}

function validateRoutes(
  v: Validator,
  value: unknown,
  placement: ParsedPlacement,
): { routes: ParsedRoute[]; functions: FunctionHandle[] } {
  const obj = v.object(value, "routes")!;
  const entries = Object.entries(obj);
  if (entries.length === 0)
    v.fail("routes", `got an empty map; add at least one route such as { "GET /users": usersFn }`);
  if (entries.length > MAX_ROUTES)
    v.fail("routes", `got ${entries.length} routes; at most ${MAX_ROUTES} per API (the AWS HTTP API default quota)`);
  const caps = GATEWAY_CAPABILITIES[placement.cloud];
  if (caps.regions && !caps.regions.includes(placement.region!))
    v.fail(
      "target",
      `got ${describe(placement.key)}; the gateway exists only in ${caps.regions.map((r) => `${placement.cloud}:${r}`).join(", ")} (its functions may run in any region)`,
    );
  const parsed: {
    key: string;
    method: (typeof HTTP_METHODS)[number];
    path: string;
    segments: PathSegment[];
    fn: FunctionHandle;
  }[] = [];
  const byShape = new Map<string, string>();
  for (const [key, target] of entries) {
    const field = `routes["${key}"]`;
    const { method, path, segments } = parseRouteKey(v, key, field);
    const greedy = segments.some((s) => s.kind === "param" && s.greedy);
    if (greedy && !caps.greedyParams) {
      v.fail(
        field,
        `greedy parameters like {path+} are not supported on ${placement.cloud}: its gateway imports OpenAPI, where a parameter matches one segment; list the routes explicitly`,
      );
    }
    const fn = functionHandle(v, target, field, placement);
    if (placement.cloud === "cloudflare") sameCloudflareAccount(v, fn, parsed[0]?.fn, field);
    const shapeKey = `${method} ${pathShape(segments)}`;
    const clash = byShape.get(shapeKey);
    if (clash !== undefined) {
      v.fail(
        field,
        normalizedKey(clash) === normalizedKey(key)
          ? `duplicate route ${describe(key)}`
          : `conflicts with route ${describe(clash)}: both match the same requests (parameter names do not distinguish routes)`,
      );
    }
    byShape.set(shapeKey, key);
    parsed.push({ key: `${method} ${path}`, method, path, segments, fn });
  }
  parsed.sort((x, y) =>
    x.path < y.path ? -1 : x.path > y.path ? 1 : x.method < y.method ? -1 : x.method > y.method ? 1 : 0,
  );
  const functions: FunctionHandle[] = [];
  const usedIds = new Set<string>();
  const routes = parsed.map((p) => {
    let index = functions.indexOf(p.fn);
    if (index < 0) index = functions.push(p.fn) - 1;
    let operationId = operationIdFor(p.method, p.segments);
    for (let n = 2; usedIds.has(operationId); n++) operationId = `${operationIdFor(p.method, p.segments)}${n}`;
    usedIds.add(operationId);
    return {
      key: p.key,
      method: p.method,
      path: p.path,
      openApiPath: openApiPath(p.segments),
      segments: p.segments,
      params: p.segments.flatMap((s) => (s.kind === "param" ? [s.name] : [])),
      greedy: p.segments.some((s) => s.kind === "param" && s.greedy),
      fn: p.fn,
      functionIndex: index,
      operationId,
    } satisfies ParsedRoute;
  });
  return { routes, functions };
}

/** `"GET  /a "` → `"GET /a"`: two keys that differ only in spacing are duplicates. */
function normalizedKey(key: string): string {
  return key.trim().split(/\s+/).join(" ");
}

/** A route target must carry a FunctionHandle for the gateway's own cloud (and region, on AWS). */
function functionHandle(v: Validator, target: unknown, field: string, placement: ParsedPlacement): FunctionHandle {
  const expected = "a ServerlessFunction (any object with a `handle: FunctionHandle`)";
  if (target === null || typeof target !== "object") v.fail(field, `got ${describe(target)}; expected ${expected}`);
  const handle = (target as { handle?: unknown }).handle;
  if (handle === null || typeof handle !== "object")
    v.fail(field, `got an object without a handle; expected ${expected}`);
  const h = handle as Partial<FunctionHandle>;
  if (
    typeof h.name !== "string" ||
    !h.placement ||
    typeof h.placement !== "object" ||
    typeof h.placement.cloud !== "string"
  ) {
    v.fail(field, `got a handle without name or placement; expected ${expected}`);
  }
  const fnPlacement = h.placement as ParsedPlacement;
  if (fnPlacement.cloud !== placement.cloud) {
    v.fail(
      field,
      `function "${h.name}" runs on ${fnPlacement.key} but the gateway's target is ${placement.key}; a gateway fronts functions of its own cloud only`,
    );
  }
  if (placement.cloud === "aws" && fnPlacement.region !== placement.region) {
    v.fail(
      field,
      `function "${h.name}" runs in ${fnPlacement.key} but the gateway is in ${placement.key}; an HTTP API invokes Lambda functions of its own region`,
    );
  }
  if (!h[placement.cloud])
    v.fail(
      field,
      `function "${h.name}" has no ${placement.cloud} details in its handle; it cannot be fronted by this gateway`,
    );
  return h as FunctionHandle;
}

function validateCors(v: Validator, value: unknown): CorsSpec | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return { allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"] };
  const c = v.object(value, "cors", {
    allowedKeys: ["allowOrigins", "allowMethods", "allowHeaders", "maxAgeSeconds"],
  })!;
  const list = (val: unknown, field: string, check: (s: string, f: string) => void, dflt: string[]): string[] => {
    const arr = v.array(val, field, { optional: true, minLength: 1, maxLength: 100 });
    if (!arr) return dflt;
    return arr.map((item, i) => {
      const s = v.string(item, `${field}[${i}]`);
      if (s !== "*") check(s, `${field}[${i}]`);
      return s;
    });
  };
  const allowOrigins = list(
    c.allowOrigins,
    "cors.allowOrigins",
    (s, f) => {
      if (!/^https?:\/\/[A-Za-z0-9.*-]+(:\d{1,5})?$/.test(s))
        v.fail(
          f,
          `got ${describe(s)}; expected "*" or an origin like "https://app.example.com" (scheme, host, optional port; no path)`,
        );
    },
    ["*"],
  );
  const allowMethods = list(
    c.allowMethods,
    "cors.allowMethods",
    (s, f) => {
      if (!(HTTP_METHODS as readonly string[]).includes(s) || s === "ANY")
        v.fail(f, `got ${describe(s)}; allowed: "*", ${HTTP_METHODS.filter((m) => m !== "ANY").join(", ")}`);
    },
    ["*"],
  );
  const allowHeaders = list(
    c.allowHeaders,
    "cors.allowHeaders",
    (s, f) => {
      if (!HEADER_TOKEN.test(s)) v.fail(f, `got ${describe(s)}; expected "*" or a header name`);
    },
    ["*"],
  );
  const maxAgeSeconds = v.integer(c.maxAgeSeconds, "cors.maxAgeSeconds", { optional: true, min: 0, max: 86400 });
  return { allowOrigins, allowMethods, allowHeaders, maxAgeSeconds };
}

function validateAuth(v: Validator, value: unknown, placement: ParsedPlacement): AuthSpec | undefined {
  if (value === undefined) return undefined;
  const a = v.object(value, "auth", { allowedKeys: ["jwt", "apiKey"] })!;
  const modes = Object.keys(a).filter((k) => a[k] !== undefined);
  if (modes.length !== 1)
    v.fail("auth", `got ${describe(value)}; set exactly one of { jwt: { issuer, audiences } } or { apiKey: true }`);
  if (a.apiKey !== undefined) {
    if (a.apiKey !== true) v.fail("auth.apiKey", `got ${describe(a.apiKey)}; expected true`);
    if (!GATEWAY_CAPABILITIES[placement.cloud].apiKey) {
      const why =
        placement.cloud === "aws"
          ? "AWS HTTP APIs have no API keys or usage plans (REST APIs only)"
          : "Cloudflare has no gateway-managed API keys";
      v.fail("auth.apiKey", `${why}; use auth: { jwt: { issuer, audiences } } on ${placement.key}`);
    }
    return { kind: "apiKey" };
  }
  const j = v.object(a.jwt, "auth.jwt", { allowedKeys: ["issuer", "audiences", "jwksUri"] })!;
  const httpsUrl = { pattern: /^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, patternHelp: "an https:// URL" };
  const issuer = v.string(j.issuer, "auth.jwt.issuer", httpsUrl);
  const auds = v.array(j.audiences, "auth.jwt.audiences", { minLength: 1, maxLength: 50 });
  const audiences = auds.map((x, i) => v.string(x, `auth.jwt.audiences[${i}]`, { maxLength: 256 }));
  // No guessed default (`<issuer>/.well-known/jwks.json` is wrong for Okta, Entra ID, Google, Keycloak): without
  // jwksUri every gateway discovers it from the issuer's OpenID configuration (OpenID Connect Discovery 1.0 §4).
  const jwksUri = v.string(j.jwksUri, "auth.jwt.jwksUri", { ...httpsUrl, optional: true });
  // An HTTP API JWT authorizer has only issuer and audience: it finds the keys through the issuer's
  // `/.well-known/openid-configuration` `jwks_uri` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html),
  // so a jwksUri given for AWS would be silently ignored: refuse it.
  if (jwksUri !== undefined && placement.cloud === "aws")
    v.fail(
      "auth.jwt.jwksUri",
      `got ${describe(jwksUri)}; an AWS HTTP API JWT authorizer reads the keys from the issuer's /.well-known/openid-configuration and takes no JWKS URL: remove jwksUri, or publish it as the issuer's jwks_uri`,
    );
  return { kind: "jwt", issuer, audiences, ...(jwksUri !== undefined ? { jwksUri } : {}) };
}

function validateThrottle(v: Validator, value: unknown): ThrottleSpec | undefined {
  if (value === undefined) return undefined;
  const t = v.object(value, "throttle", { allowedKeys: ["ratePerSecond", "burst"] })!;
  const ratePerSecond = v.number(t.ratePerSecond, "throttle.ratePerSecond", { min: 1, max: 10000 });
  const burst = v.integer(t.burst, "throttle.burst", { min: 1, max: 5000 });
  return { ratePerSecond, burst };
}

function validateAccessLogs(v: Validator, value: unknown, placement: ParsedPlacement): AccessLogSpec {
  const caps = GATEWAY_CAPABILITIES[placement.cloud];
  if (caps.regions && !caps.regions.includes(placement.region!))
    v.fail(
      "target",
      `got ${describe(placement.key)}; the gateway exists only in ${caps.regions.map((r) => `${placement.cloud}:${r}`).join(", ")} (its functions may run in any region)`,
    );
  const dflt =
    caps.accessLogRetention && !caps.accessLogRetentionOnlyWhenGiven ? DEFAULT_LOG_RETENTION_DAYS : undefined;
  if (value === undefined || value === true) return { enabled: true, retentionDays: dflt };
  if (value === false) {
    if (!caps.accessLogControl)
      v.fail(
        "accessLogs",
        `got false; Google API Gateway always writes request logs to Cloud Logging (exclude them with a log sink exclusion instead)`,
      );
    return { enabled: false };
  }
  const o = v.object(value, "accessLogs", { allowedKeys: ["retentionDays"] })!;
  if (o.retentionDays === undefined) return { enabled: true, retentionDays: dflt };
  // The same rule as every other component's log retention (lib/core/log-retention.ts).
  const days = checkLogRetention(v, o.retentionDays, "accessLogs.retentionDays", [placement]).days;
  return { enabled: true, retentionDays: days };
}

function validateDomain(v: Validator, value: unknown, cloud: Cloud): DomainSpec | undefined {
  if (value === undefined) return undefined;
  const spec =
    typeof value === "string"
      ? { name: value }
      : v.object(value, "domain", { allowedKeys: ["name", "zone", "zoneId", "zoneResourceGroup"] })!;
  const field = typeof value === "string" ? "domain" : "domain.name";
  const name = v.hostname(spec.name, field);
  const labels = name.split(".");
  if (labels.length < 3 && spec.zone === undefined) {
    v.fail(
      field,
      `got ${describe(name)}; a gateway domain is a subdomain such as "api.example.com" (an apex needs domain: { name, zone })`,
    );
  }
  const zone = spec.zone === undefined ? labels.slice(1).join(".") : v.hostname(spec.zone, "domain.zone");
  if (name !== zone && !name.endsWith(`.${zone}`))
    v.fail("domain.zone", `zone ${describe(zone)} does not contain ${describe(name)}`);
  // API Management's managed certificate "does not support root domain names"
  // (https://learn.microsoft.com/azure/api-management/configure-custom-domain, Managed TLS certificate, Limitations).
  if (cloud === "azure" && name === zone)
    v.fail(
      field,
      `got ${describe(name)}, the zone apex; API Management's managed certificate does not support root domain names: use a subdomain such as "api.${zone}"`,
    );
  const zoneResourceGroup = v.string(spec.zoneResourceGroup, "domain.zoneResourceGroup", {
    optional: true,
    maxLength: 90,
    pattern: /^[-\w._()]+$/,
    patternHelp: "an Azure resource group name",
  });
  if (!isHostname(zone)) v.fail("domain.zone", `got ${describe(zone)}; expected a DNS zone like "example.com"`);
  // The AWS custom domain is served with an ACM certificate for exactly this name (lib/aws/api-gateway.ts).
  const acm = cloud === "aws" ? acmDomainProblem(name) : undefined;
  if (acm) v.fail(field, `${acm}: shorten it`);
  // A Route 53 hosted zone id ("Z" then upper-case letters and digits, up to 32 characters): given, it is used
  // as is instead of a lookup by name, which fails or picks the wrong zone when two zones share the name
  // (https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetHostedZone.html).
  const zoneId = v.string(spec.zoneId, "domain.zoneId", {
    optional: true,
    pattern: /^Z[A-Z0-9]{1,31}$/,
    patternHelp: 'a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ"',
  });
  if (zoneId !== undefined && cloud !== "aws")
    v.fail("domain.zoneId", `got ${describe(zoneId)}; a Route 53 hosted zone id applies to AWS targets only`);
  return { name, zone, zoneId, zoneResourceGroup };
}

function validateInfo(v: Validator, value: unknown, name: string): ApiSpec["info"] {
  const i = v.object(value, "info", { optional: true, allowedKeys: ["title", "version", "description"] }) ?? {};
  return {
    title: v.string(i.title, "info.title", { optional: true, maxLength: 300 }) ?? name,
    version: v.string(i.version, "info.version", { optional: true, maxLength: 100 }) ?? "1.0.0",
    description: v.string(i.description, "info.description", { optional: true, maxLength: 1000 }),
  };
}
