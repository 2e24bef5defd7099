import type * as http from "http";
import type { AuthSpec, CorsSpec } from "../core/api/model";
import type { Cloud } from "../core/placement";
import { corsResponseHeaders, HeaderMap, isPreflight, preflightHeaders } from "./cors";
import { LocalJwtKeys, verifyBearer, WWW_AUTHENTICATE } from "./jwt";
import { ServeLimits } from "./limits";
import { RouteMatch, RouteTable } from "./routes";

/** The header that carries an API key (APIM and Google API Gateway both accept it; see lib/openapi). */
export const API_KEY_HEADER = "x-api-key";

/** What the gateway decided before the function runs: answer now, or forward to a function. */
export type GatewayDecision =
  | {
      readonly kind: "respond";
      readonly status: number;
      readonly headers: HeaderMap;
      readonly body?: unknown;
      readonly note?: string;
    }
  | { readonly kind: "forward"; readonly fn: string };

/** A served endpoint: an ApiGateway (routes, CORS, auth) or a function's own URL (every path and method). */
export interface ServedEndpoint {
  readonly kind: "api" | "function";
  readonly name: string;
  readonly cloud: Cloud;
  readonly limits: ServeLimits;
  /** Route table of an API; undefined for a function URL. */
  readonly table?: RouteTable<string>;
  /** The function behind a function URL. */
  readonly fn?: string;
  readonly cors?: CorsSpec;
  readonly auth?: AuthSpec;
}

/** Local credentials for the gateway checks that the cloud would make against its own key stores. */
export interface LocalAuth {
  readonly jwt: LocalJwtKeys;
  /** The API key to accept; without one any non-empty key passes. */
  readonly apiKey?: string;
}

const json = (status: number, message: string, headers: HeaderMap = {}, note?: string): GatewayDecision => ({
  kind: "respond",
  status,
  headers: { "content-type": "application/json", ...headers },
  body: { message },
  note,
});

/**
 * The gateway's part of a request, in the order the clouds apply it: CORS preflight (answered by the gateway
 * for any path when CORS is configured), route match, then authorization. A path that exists with another
 * method is a 404 on AWS, Google and Azure gateways and a 405 from the Cloudflare router.
 */
export function decide(
  endpoint: ServedEndpoint,
  req: http.IncomingMessage,
  pathname: string,
  auth: LocalAuth,
): GatewayDecision {
  const method = req.method ?? "GET";
  const origin = header(req, "origin");
  if (endpoint.kind === "function") return { kind: "forward", fn: endpoint.fn! };
  if (
    endpoint.cors &&
    isPreflight(method, { origin, "access-control-request-method": header(req, "access-control-request-method") })
  ) {
    return {
      kind: "respond",
      status: 204,
      headers: preflightHeaders(endpoint.cors, origin, header(req, "access-control-request-headers")),
      note: "CORS preflight",
    };
  }
  const match = endpoint.table!.match(method, pathname);
  if (match.kind === "not-found") return json(404, "Not Found");
  if (match.kind === "method-not-allowed") {
    return endpoint.cloud === "cloudflare"
      ? json(405, "Method Not Allowed", { allow: match.allowed.join(", ") })
      : json(404, "Not Found");
  }
  const open = awsUnauthenticatedOptions(endpoint, method, match, origin);
  if (open) return open;
  if (endpoint.auth?.kind === "jwt") {
    const verdict = verifyBearer(header(req, "authorization"), endpoint.auth, auth.jwt);
    if (verdict.problem)
      return json(401, "Unauthorized", { "www-authenticate": WWW_AUTHENTICATE }, `auth: ${verdict.problem}`);
  } else if (endpoint.auth?.kind === "apiKey") {
    const key = header(req, API_KEY_HEADER);
    if (!key) return json(401, "Unauthorized", {}, `auth: missing ${API_KEY_HEADER} header`);
    if (auth.apiKey !== undefined && key !== auth.apiKey) return json(401, "Unauthorized", {}, "auth: wrong API key");
  }
  return { kind: "forward", fn: match.route.target };
}

/**
 * AWS with CORS and JWT: ApiGateway gives each path an `ANY` route covers an unauthenticated `OPTIONS` route,
 * answered 204 by the adapter with the configured CORS headers (lib/aws/api-gateway.ts `preflightRoutes`), so any
 * `OPTIONS` there gets 204 without a token, preflight or not. An explicit `OPTIONS` route keeps its auth.
 */
export function awsUnauthenticatedOptions(
  endpoint: ServedEndpoint,
  method: string,
  match: RouteMatch<string>,
  origin: string | undefined,
): GatewayDecision | undefined {
  if (endpoint.cloud !== "aws" || !endpoint.cors || endpoint.auth?.kind !== "jwt" || method !== "OPTIONS") return;
  if (match.kind !== "route" || match.route.method !== "ANY") return;
  return {
    kind: "respond",
    status: 204,
    headers: corsResponseHeaders(endpoint.cors, origin),
    note: "OPTIONS route without auth (CORS + JWT on an ANY route)",
  };
}

/** The CORS headers the gateway adds to every response of an API with CORS. */
export function responseCors(endpoint: ServedEndpoint, req: http.IncomingMessage): HeaderMap {
  return endpoint.cors ? corsResponseHeaders(endpoint.cors, header(req, "origin")) : {};
}

export function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}
