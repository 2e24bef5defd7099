import { ApiSpec } from "../core/api";
import { API_KEY_HEADER, OpenApiDocument, operationsByPath } from "./document";

/** Per function index: the HTTPS address of the function that Google API Gateway calls. */
export type BackendAddresses = readonly string[];

/** Seconds Google API Gateway waits for a backend; its default of 15 s is shorter than most function timeouts. */
export const GOOGLE_BACKEND_DEADLINE_SECONDS = 60;

/**
 * The Swagger 2.0 document Google API Gateway takes (its documented base format), converted from the same route
 * model as the OpenAPI 3.1 document: one operation per method and path, each with an `x-google-backend` that
 * sends the original path to the function (`APPEND_PATH_TO_ADDRESS`, signed with an ID token for the function's
 * URL as audience), JWT validation through `x-google-issuer`/`x-google-jwks_uri`/`x-google-audiences`, API keys in
 * the `x-api-key` header, and with throttling a per-key quota. With CORS, unauthenticated OPTIONS operations let
 * preflight requests reach the function, which answers them (the gateway does not).
 */
export function buildGoogleSwagger(
  model: Pick<ApiSpec, "routes" | "auth" | "info" | "cors" | "throttle" | "name">,
  backends: BackendAddresses,
): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  const quota = model.throttle && model.auth?.kind === "apiKey";
  const metric = "requests";
  const backend = (index: number) => ({
    address: backends[index],
    path_translation: "APPEND_PATH_TO_ADDRESS",
    jwt_audience: backends[index],
    deadline: GOOGLE_BACKEND_DEADLINE_SECONDS,
  });
  for (const [path, ops] of operationsByPath(model)) {
    const item: Record<string, unknown> = {};
    const params = ops[0].route.segments.flatMap((s) =>
      s.kind === "param" ? [{ name: s.name, in: "path", required: true, type: "string" }] : [],
    );
    for (const op of ops) {
      const preflight = model.cors !== undefined && op.method === "OPTIONS";
      item[op.method.toLowerCase()] = {
        operationId: op.operationId,
        summary: `${op.route.key} → ${op.route.fn.name}`,
        ...(params.length ? { parameters: params } : {}),
        responses: { default: { description: `Response of the function "${op.route.fn.name}"` } },
        "x-google-backend": backend(op.route.functionIndex),
        ...(quota && !preflight ? { "x-google-quota": { metricCosts: { [metric]: 1 } } } : {}),
        // A CORS preflight never carries credentials (https://fetch.spec.whatwg.org/#cors-preflight-fetch), so with
        // cors every OPTIONS operation, also one `ANY` expands to, is unauthenticated: under the document-wide
        // security it would answer 401 and the browser would refuse the real request (issue 15 item 8).
        ...(preflight ? { security: [] } : {}),
      };
    }
    if (model.cors && !item.options) {
      item.options = {
        operationId: `${ops[0].operationId}CorsPreflight`,
        summary: `CORS preflight for ${path}`,
        ...(params.length ? { parameters: params } : {}),
        security: [],
        responses: { default: { description: "Preflight response of the function" } },
        "x-google-backend": backend(ops[0].route.functionIndex),
      };
    }
    paths[path] = item;
  }
  const doc: OpenApiDocument = {
    swagger: "2.0",
    info: {
      title: model.info.title,
      version: model.info.version,
      ...(model.info.description ? { description: model.info.description } : {}),
    },
    schemes: ["https"],
    produces: ["application/json"],
    paths,
  };
  if (model.auth?.kind === "jwt") {
    doc.securityDefinitions = {
      jwt: {
        type: "oauth2",
        flow: "implicit",
        authorizationUrl: model.auth.issuer,
        "x-google-issuer": model.auth.issuer,
        // Left out when not given: ESPv2 then finds it by OpenID Connect Discovery (its --disable_oidc_discovery flag,
        // GoogleCloudPlatform/esp-v2, is what turns that off and makes jwks_uri mandatory).
        ...(model.auth.jwksUri !== undefined ? { "x-google-jwks_uri": model.auth.jwksUri } : {}),
        "x-google-audiences": model.auth.audiences.join(","),
      },
    };
    doc.security = [{ jwt: [] }];
  } else if (model.auth?.kind === "apiKey") {
    doc.securityDefinitions = { api_key: { type: "apiKey", name: API_KEY_HEADER, in: "header" } };
    doc.security = [{ api_key: [] }];
  }
  if (quota && model.throttle) {
    doc["x-google-management"] = {
      metrics: [
        { name: metric, displayName: `Requests to ${model.info.title}`, valueType: "INT64", metricKind: "DELTA" },
      ],
      // Quotas are counted per minute and per consumer (API key project): the closest to a per-second rate.
      quota: {
        limits: [
          {
            name: `${metric}-per-minute`,
            metric,
            unit: "1/min/{project}",
            values: { STANDARD: Math.ceil(model.throttle.ratePerSecond * 60) },
          },
        ],
      },
    };
  }
  return doc;
}
