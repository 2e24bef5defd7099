import type { CorsSpec } from "../core/api/model";

/** A header map as the dev server writes it. */
export type HeaderMap = Record<string, string>;

/** True for a CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`. */
export function isPreflight(
  method: string,
  headers: { origin?: string; "access-control-request-method"?: string },
): boolean {
  return method === "OPTIONS" && !!headers.origin && !!headers["access-control-request-method"];
}

/** `Access-Control-Allow-Origin` (and `Vary`) for an allowed `Origin`; nothing for a request without one or a foreign origin. */
export function corsResponseHeaders(cors: CorsSpec, origin: string | undefined): HeaderMap {
  if (!origin) return {};
  const allowed = cors.allowOrigins.includes("*") ? "*" : cors.allowOrigins.includes(origin) ? origin : undefined;
  if (!allowed) return {};
  return allowed === "*"
    ? { "access-control-allow-origin": "*" }
    : { "access-control-allow-origin": allowed, vary: "Origin" };
}

/**
 * The gateway's answer to a preflight, as API Gateway gives it when CORS is configured: 204, with the allowed
 * methods, headers and max age for an allowed origin, and without any `Access-Control-*` header for another
 * origin (the browser then blocks the call). A `"*"` header list echoes what the browser asked for.
 */
export function preflightHeaders(
  cors: CorsSpec,
  origin: string | undefined,
  requestedHeaders: string | undefined,
): HeaderMap {
  const base = corsResponseHeaders(cors, origin);
  if (!base["access-control-allow-origin"]) return {};
  const headers: HeaderMap = { ...base, "access-control-allow-methods": cors.allowMethods.join(",") };
  const allowHeaders = cors.allowHeaders.includes("*") ? (requestedHeaders ?? "*") : cors.allowHeaders.join(",");
  if (allowHeaders) headers["access-control-allow-headers"] = allowHeaders;
  if (cors.maxAgeSeconds !== undefined) headers["access-control-max-age"] = String(cors.maxAgeSeconds);
  return headers;
}
