import { ApiModel } from "../core/api";
import { stableStringify } from "../core/hash";
import { operationsByPath } from "../openapi/document";

/** Name of the service binding to function `index` in the router Worker. */
export function functionBinding(index: number): string {
  return `FN_${index}`;
}

/** Name of the Workers rate-limit binding used for `throttle`. */
export const RATE_LIMIT_BINDING = "RATE_LIMITER";

/** What the generated router knows: its route table and the cross-cutting settings. */
export interface RouterConfig {
  routes: {
    method: string;
    segments: ({ literal: string } | { param: string; greedy: boolean })[];
    binding: string;
    operationId: string;
  }[];
  cors?: { allowOrigins: string[]; allowMethods: string[]; allowHeaders: string[]; maxAgeSeconds?: number };
  jwt?: { issuer: string; audiences: string[]; jwksUri: string };
  rateLimit: boolean;
  accessLogs: boolean;
}

/** The router configuration of an API, in route order (literal segments before parameters on equal prefixes). */
export function routerConfig(
  model: Pick<ApiModel, "routes" | "cors" | "auth" | "throttle" | "accessLogs">,
): RouterConfig {
  const routes: RouterConfig["routes"] = [];
  for (const [, ops] of operationsByPath(model)) {
    for (const op of ops) {
      routes.push({
        method: op.method,
        segments: op.route.segments.map((s) =>
          s.kind === "literal" ? { literal: s.value } : { param: s.name, greedy: s.greedy },
        ),
        binding: functionBinding(op.route.functionIndex),
        operationId: op.operationId,
      });
    }
  }
  // More specific routes first: a literal beats a parameter, a parameter beats a greedy parameter (AWS semantics).
  const rank = (r: RouterConfig["routes"][number]) =>
    r.segments.map((s) => ("literal" in s ? "0" : s.greedy ? "2" : "1")).join("");
  routes.sort((a, b) => {
    const n = Math.min(a.segments.length, b.segments.length);
    const ra = rank(a),
      rb = rank(b);
    for (let i = 0; i < n; i++) if (ra[i] !== rb[i]) return ra[i] < rb[i] ? -1 : 1;
    return b.segments.length - a.segments.length;
  });
  return {
    routes,
    cors: model.cors
      ? {
          allowOrigins: [...model.cors.allowOrigins],
          allowMethods: [...model.cors.allowMethods],
          allowHeaders: [...model.cors.allowHeaders],
          maxAgeSeconds: model.cors.maxAgeSeconds,
        }
      : undefined,
    jwt:
      model.auth?.kind === "jwt"
        ? { issuer: model.auth.issuer, audiences: [...model.auth.audiences], jwksUri: model.auth.jwksUri }
        : undefined,
    rateLimit: !!model.throttle,
    accessLogs: model.accessLogs.enabled,
  };
}

/**
 * The router Worker's runtime, an ES module. It matches method and path against the route table, answers CORS
 * preflights, verifies bearer JWTs (RS256/ES256 against the issuer's JWKS, `iss`, `aud`, `exp`, `nbf`), applies
 * the rate-limit binding per client IP, and forwards the original Request to the function's Worker through its
 * service binding. One JSON log line per request feeds Workers Logs.
 */
const RUNTIME = String.raw`
const json = (status, body, headers) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

function match(route, parts) {
  const params = {};
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i];
    if (seg.greedy) {
      if (i >= parts.length) return null;
      params[seg.param] = parts.slice(i).map(decodeURIComponent).join("/");
      return params;
    }
    if (i >= parts.length) return null;
    if (seg.literal !== undefined) { if (seg.literal !== parts[i]) return null; }
    else params[seg.param] = decodeURIComponent(parts[i]);
  }
  return route.segments.length === parts.length ? params : null;
}

function corsHeaders(request) {
  const c = CONFIG.cors;
  if (!c) return {};
  const origin = request.headers.get("origin");
  if (!origin) return {};
  const allowed = c.allowOrigins.includes("*") ? "*" : c.allowOrigins.includes(origin) ? origin : null;
  if (!allowed) return {};
  const h = { "access-control-allow-origin": allowed };
  if (allowed !== "*") h["vary"] = "Origin";
  return h;
}

function preflight(request) {
  const c = CONFIG.cors;
  const h = corsHeaders(request);
  if (!h["access-control-allow-origin"]) return new Response(null, { status: 403 });
  h["access-control-allow-methods"] = c.allowMethods.join(",");
  h["access-control-allow-headers"] = c.allowHeaders.includes("*") ? (request.headers.get("access-control-request-headers") || "*") : c.allowHeaders.join(",");
  if (c.maxAgeSeconds !== undefined) h["access-control-max-age"] = String(c.maxAgeSeconds);
  return new Response(null, { status: 204, headers: h });
}

const b64url = (s) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4)), (c) => c.charCodeAt(0));
let jwks = { keys: null, fetchedAt: 0 };

async function signingKeys() {
  if (!jwks.keys || Date.now() - jwks.fetchedAt > 600000) {
    const res = await fetch(CONFIG.jwt.jwksUri);
    if (!res.ok) throw new Error("jwks fetch failed: " + res.status);
    jwks = { keys: (await res.json()).keys || [], fetchedAt: Date.now() };
  }
  return jwks.keys;
}

const ALGS = {
  RS256: { import: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, verify: { name: "RSASSA-PKCS1-v1_5" } },
  ES256: { import: { name: "ECDSA", namedCurve: "P-256" }, verify: { name: "ECDSA", hash: "SHA-256" } },
};

async function verifyJwt(request) {
  const auth = request.headers.get("authorization") || "";
  const m = /^Bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(auth);
  if (!m) return "missing bearer token";
  let header, claims;
  try {
    header = JSON.parse(new TextDecoder().decode(b64url(m[1])));
    claims = JSON.parse(new TextDecoder().decode(b64url(m[2])));
  } catch { return "malformed token"; }
  const alg = ALGS[header.alg];
  if (!alg) return "unsupported alg";
  const jwk = (await signingKeys()).find((k) => k.kid === header.kid) ;
  if (!jwk) return "unknown key";
  const key = await crypto.subtle.importKey("jwk", jwk, alg.import, false, ["verify"]);
  const ok = await crypto.subtle.verify(alg.verify, key, b64url(m[3]), new TextEncoder().encode(m[1] + "." + m[2]));
  if (!ok) return "bad signature";
  const now = Math.floor(Date.now() / 1000);
  if (claims.iss !== CONFIG.jwt.issuer) return "wrong issuer";
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => CONFIG.jwt.audiences.includes(a))) return "wrong audience";
  if (typeof claims.exp !== "number" || claims.exp < now - 60) return "expired";
  if (typeof claims.nbf === "number" && claims.nbf > now + 60) return "not yet valid";
  return null;
}

async function handle(request, env) {
  const url = new URL(request.url);
  const parts = url.pathname === "/" ? [] : url.pathname.replace(/^\//, "").replace(/\/$/, "").split("/");
  if (CONFIG.cors && request.method === "OPTIONS" && request.headers.get("access-control-request-method")) return { response: preflight(request) };
  let pathMatched = false;
  for (const route of CONFIG.routes) {
    const params = match(route, parts);
    if (!params) continue;
    pathMatched = true;
    if (route.method !== request.method) continue;
    if (CONFIG.rateLimit) {
      const { success } = await env.${RATE_LIMIT_BINDING}.limit({ key: request.headers.get("cf-connecting-ip") || "anonymous" });
      if (!success) return { response: json(429, { message: "Too Many Requests" }), route };
    }
    if (CONFIG.jwt) {
      const problem = await verifyJwt(request);
      if (problem) return { response: json(401, { message: "Unauthorized" }, { "www-authenticate": 'Bearer error="invalid_token"' }), route, problem };
    }
    return { response: await env[route.binding].fetch(request), route };
  }
  return { response: pathMatched ? json(405, { message: "Method Not Allowed" }) : json(404, { message: "Not Found" }) };
}

export default {
  async fetch(request, env) {
    const started = Date.now();
    const { response, route, problem } = await handle(request, env);
    let out = response;
    const cors = corsHeaders(request);
    if (Object.keys(cors).length && !response.headers.has("access-control-allow-origin")) {
      out = new Response(response.body, response);
      for (const [k, v] of Object.entries(cors)) out.headers.set(k, v);
    }
    if (CONFIG.accessLogs) {
      console.log(JSON.stringify({ method: request.method, path: new URL(request.url).pathname, operation: route ? route.operationId : null,
        status: out.status, ms: Date.now() - started, ip: request.headers.get("cf-connecting-ip"), ray: request.headers.get("cf-ray"), authError: problem || undefined }));
    }
    return out;
  },
};
`;

/** The complete router module source: the route table as a constant, then the runtime. Deterministic. */
export function routerWorkerSource(config: RouterConfig): string {
  return `// Generated by Meridian ApiGateway from the route table. Do not edit.\nconst CONFIG = ${stableStringify(config, 2)};\n${RUNTIME}`;
}
