import { ANY_EXPANSION, ApiSpec, HttpMethod, ParsedRoute } from "../core/api";

/** An OpenAPI or Swagger document as plain JSON. */
export type OpenApiDocument = Record<string, unknown>;

/** Header that carries the API key wherever `auth.apiKey` is used (APIM and Google API Gateway both accept it). */
export const API_KEY_HEADER = "x-api-key";

/** One concrete operation: a route expanded to a single method (`ANY` becomes every method not routed explicitly). */
export interface Operation {
  readonly method: Exclude<HttpMethod, "ANY">;
  readonly route: ParsedRoute;
  readonly operationId: string;
}

/** How `ANY` expands. */
export interface OperationOptions {
  /**
   * Leave OPTIONS out of `ANY`: the gateway answers CORS preflights itself, and an OPTIONS operation would take the
   * preflight away from it (APIM's API-scope cors policy). An explicit `OPTIONS` route is kept.
   * @default false
   */
  readonly preflightByGateway?: boolean;
}

/**
 * The operations of the API grouped by OpenAPI path, sorted by path then method. An explicit route wins over
 * `ANY` on the same path, as on AWS.
 */
export function operationsByPath(
  model: Pick<ApiSpec, "routes">,
  options: OperationOptions = {},
): Map<string, Operation[]> {
  const byPath = new Map<string, Operation[]>();
  const paths = [...new Set(model.routes.map((r) => r.openApiPath))].sort();
  for (const path of paths) {
    const routes = model.routes.filter((r) => r.openApiPath === path);
    const explicit = new Set(routes.filter((r) => r.method !== "ANY").map((r) => r.method));
    const ops: Operation[] = [];
    for (const route of routes) {
      if (route.method !== "ANY") {
        ops.push({ method: route.method, route, operationId: route.operationId });
      } else {
        for (const m of ANY_EXPANSION) {
          if (m === "OPTIONS" && options.preflightByGateway) continue;
          if (!explicit.has(m))
            ops.push({ method: m, route, operationId: `${route.operationId}${m[0]}${m.slice(1).toLowerCase()}` });
        }
      }
    }
    ops.sort((a, b) => ANY_EXPANSION.indexOf(a.method) - ANY_EXPANSION.indexOf(b.method));
    byPath.set(path, ops);
  }
  return byPath;
}

function pathParameters(route: ParsedRoute): Record<string, unknown>[] {
  return route.segments.flatMap((s) =>
    s.kind !== "param"
      ? []
      : [
          {
            name: s.name,
            in: "path",
            required: true,
            schema: { type: "string" },
            ...(s.greedy
              ? { description: "The rest of the path (greedy: may contain '/')", "x-meridian-greedy": true }
              : {}),
          },
        ],
  );
}

/**
 * The OpenAPI 3.1 document of an API: info, one operation per method and path with its path parameters, and the
 * security scheme of `auth`. Cloud-neutral (no backend addresses) and deterministic: the same routes always give
 * the same document. `serverUrl`, when known, is listed in `servers`.
 */
export function buildOpenApi(
  model: Pick<ApiSpec, "routes" | "auth" | "info">,
  serverUrl?: string,
  options: OperationOptions = {},
): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, ops] of operationsByPath(model, options)) {
    const item: Record<string, unknown> = {};
    for (const op of ops) {
      const params = pathParameters(op.route);
      item[op.method.toLowerCase()] = {
        operationId: op.operationId,
        summary: `${op.route.key} → ${op.route.fn.name}`,
        ...(params.length ? { parameters: params } : {}),
        responses: { default: { description: `Response of the function "${op.route.fn.name}"` } },
        "x-meridian-function": op.route.fn.name,
      };
    }
    paths[path] = item;
  }
  const doc: OpenApiDocument = {
    openapi: "3.1.0",
    info: {
      title: model.info.title,
      version: model.info.version,
      ...(model.info.description ? { description: model.info.description } : {}),
    },
  };
  if (serverUrl) doc.servers = [{ url: serverUrl }];
  doc.paths = paths;
  if (model.auth?.kind === "jwt") {
    doc.components = {
      securitySchemes: {
        jwt: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: `JWT issued by ${model.auth.issuer} for audience ${model.auth.audiences.join(", ")}`,
          "x-meridian-jwt": {
            issuer: model.auth.issuer,
            audiences: [...model.auth.audiences],
            ...(model.auth.jwksUri !== undefined ? { jwksUri: model.auth.jwksUri } : {}),
          },
        },
      },
    };
    doc.security = [{ jwt: [] }];
  } else if (model.auth?.kind === "apiKey") {
    doc.components = { securitySchemes: { apiKey: { type: "apiKey", name: API_KEY_HEADER, in: "header" } } };
    doc.security = [{ apiKey: [] }];
  }
  return doc;
}
