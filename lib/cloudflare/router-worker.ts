import { ApiSpec } from "../core/api";
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
  /** `jwksUri` absent: discovered from the issuer's OpenID configuration at run time. */
  jwt?: { issuer: string; audiences: string[]; jwksUri?: string };
  rateLimit: boolean;
  accessLogs: boolean;
}

/** The router configuration of an API, in route order (literal segments before parameters on equal prefixes). */
export function routerConfig(
  model: Pick<ApiSpec, "routes" | "cors" | "auth" | "throttle" | "accessLogs">,
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
        ? {
            issuer: model.auth.issuer,
            audiences: [...model.auth.audiences],
            ...(model.auth.jwksUri !== undefined ? { jwksUri: model.auth.jwksUri } : {}),
          }
        : undefined,
    rateLimit: !!model.throttle,
    accessLogs: model.accessLogs.enabled,
  };
}

/**
 * The router Worker's runtime, an ES module. It matches method and path against the route table, answers CORS
 * preflights, verifies bearer JWTs (RS256/ES256 against the issuer's JWKS, discovered from its OpenID configuration
 * unless `jwksUri` is given; `iss`, `aud`, `exp`, `nbf`; 401 for every bad token, 503 only when no keys were ever
 * fetched), applies
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

// JWS compact serialization (RFC 7515 §7.1): three base64url parts without padding (RFC 7515 §2). A length of
// 4k + 1 cannot be base64url, and anything that does not decode is a malformed token (401), never a 500.
function b64url(s) {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  try {
    return Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/") + "==".slice(0, (4 - (s.length % 4)) % 4)), (c) => c.charCodeAt(0));
  } catch { return null; }
}
// The JOSE header and the claims set are JSON objects (RFC 7515 §4, RFC 7519 §7.2 step 10): null, arrays and
// scalars are malformed.
function jsonObject(part) {
  const bytes = b64url(part);
  if (!bytes) return null;
  try {
    const value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch { return null; }
}

// RS256 and ES256 (RFC 7518 §3.3, §3.4), each with the key type it needs (RFC 7518 §6.2, §6.3). A Map, not an
// object: "constructor" or "__proto__" as alg must not find anything.
const ALGS = new Map([
  ["RS256", { kty: "RSA", import: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, verify: { name: "RSASSA-PKCS1-v1_5" } }],
  ["ES256", { kty: "EC", crv: "P-256", signatureBytes: 64, import: { name: "ECDSA", namedCurve: "P-256" }, verify: { name: "ECDSA", hash: "SHA-256" } }],
]);
const KEYS_TTL_MS = 600000;
const UNKNOWN_KID_REFETCH_MS = 60000;
const FAILED_FETCH_RETRY_MS = 5000;
let keyCache = { keys: null, fetchedAt: 0, triedAt: -Infinity, jwksUri: CONFIG.jwt ? CONFIG.jwt.jwksUri : undefined };
let refreshing = null;

async function fetchJson(url) {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(url + ": HTTP " + res.status);
  return res.json();
}

// Without an explicit jwksUri, the key set is found the way OpenID Connect Discovery 1.0 §4 says, as AWS's JWT
// authorizer and APIM's openid-config do: GET <issuer>/.well-known/openid-configuration, whose "issuer" must be
// identical to the configured one (§4.3), and read its "jwks_uri".
async function discoverJwksUri() {
  const doc = await fetchJson(CONFIG.jwt.issuer.replace(/\/$/, "") + "/.well-known/openid-configuration");
  if (!doc || doc.issuer !== CONFIG.jwt.issuer) throw new Error("openid-configuration issuer mismatch");
  if (typeof doc.jwks_uri !== "string" || !doc.jwks_uri.startsWith("https://")) throw new Error("no https jwks_uri");
  return doc.jwks_uri;
}

// One refresh at a time. A failed refresh keeps the keys already cached (serving them stale beats failing every
// authenticated request), and is not retried for FAILED_FETCH_RETRY_MS.
function refreshKeys(now) {
  if (!refreshing) {
    refreshing = (async () => {
      keyCache.triedAt = now;
      try {
        const uri = keyCache.jwksUri || (keyCache.jwksUri = await discoverJwksUri());
        const set = await fetchJson(uri);
        if (!set || !Array.isArray(set.keys)) throw new Error("not a JWK Set");
        keyCache = { ...keyCache, keys: set.keys, fetchedAt: now };
      } catch (e) {
        console.log(JSON.stringify({ jwks: "refresh failed", error: String(e && e.message) }));
      } finally {
        refreshing = null;
      }
    })();
  }
  return refreshing;
}

function usable(jwk, header, alg) {
  return jwk && typeof jwk === "object" && jwk.kid === header.kid && jwk.kty === alg.kty && (alg.crv === undefined || jwk.crv === alg.crv) &&
    (jwk.use === undefined || jwk.use === "sig") && (jwk.alg === undefined || jwk.alg === header.alg);
}

// The key for this header, refetching the set when it is older than the TTL or (at most once a minute) when the kid
// is one it has not seen: a key the issuer just rotated in is found at once (OpenID Connect Core 1.0 §10.1.1).
async function signingKey(header, alg) {
  const now = Date.now();
  const stale = !keyCache.keys || now - keyCache.fetchedAt > KEYS_TTL_MS;
  if (stale && now - keyCache.triedAt >= FAILED_FETCH_RETRY_MS) await refreshKeys(now);
  const find = () => (keyCache.keys || []).find((k) => usable(k, header, alg));
  let jwk = find();
  if (!jwk && keyCache.keys && now - keyCache.triedAt >= UNKNOWN_KID_REFETCH_MS) {
    await refreshKeys(now);
    jwk = find();
  }
  return { jwk, available: !!keyCache.keys };
}

// null when the request carries a valid token; otherwise the status and the reason (logged, never sent).
async function verifyJwt(request) {
  const auth = request.headers.get("authorization") || "";
  const m = /^Bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(auth);
  if (!m) return { status: 401, problem: "missing bearer token" };
  const header = jsonObject(m[1]);
  const claims = jsonObject(m[2]);
  const signature = b64url(m[3]);
  if (!header || !claims || !signature) return { status: 401, problem: "malformed token" };
  const alg = typeof header.alg === "string" ? ALGS.get(header.alg) : undefined;
  if (!alg) return { status: 401, problem: "unsupported alg" };
  // RFC 7515 §4.1.11: extensions listed in "crit" must be understood, and this verifier understands none.
  if (header.crit !== undefined) return { status: 401, problem: "unsupported crit" };
  if (alg.signatureBytes !== undefined && signature.length !== alg.signatureBytes) return { status: 401, problem: "bad signature" };
  const { jwk, available } = await signingKey(header, alg);
  if (!jwk) return available ? { status: 401, problem: "unknown key" } : { status: 503, problem: "signing keys unavailable" };
  let ok = false;
  try {
    const key = await crypto.subtle.importKey("jwk", jwk, alg.import, false, ["verify"]);
    ok = await crypto.subtle.verify(alg.verify, key, signature, new TextEncoder().encode(m[1] + "." + m[2]));
  } catch { return { status: 401, problem: "unusable key" }; }
  if (!ok) return { status: 401, problem: "bad signature" };
  const now = Math.floor(Date.now() / 1000);
  if (claims.iss !== CONFIG.jwt.issuer) return { status: 401, problem: "wrong issuer" };
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => CONFIG.jwt.audiences.includes(a))) return { status: 401, problem: "wrong audience" };
  if (typeof claims.exp !== "number" || claims.exp < now - 60) return { status: 401, problem: "expired" };
  if (typeof claims.nbf === "number" && claims.nbf > now + 60) return { status: 401, problem: "not yet valid" };
  return null;
}

async function handle(request, env) {
  const url = new URL(request.url);
  const parts = url.pathname === "/" ? [] : url.pathname.replace(/^\//, "").replace(/\/$/, "").split("/");
  // A malformed %-escape is the client's error (RFC 3986 §2.1), not the router's.
  try { parts.forEach((p) => decodeURIComponent(p)); } catch { return { response: json(400, { message: "Bad Request" }), problem: "malformed path" }; }
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
      const failure = await verifyJwt(request);
      if (failure && failure.status === 503) return { response: json(503, { message: "Service Unavailable" }, { "retry-after": "5" }), route, problem: failure.problem };
      if (failure) return { response: json(401, { message: "Unauthorized" }, { "www-authenticate": 'Bearer error="invalid_token"' }), route, problem: failure.problem };
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
