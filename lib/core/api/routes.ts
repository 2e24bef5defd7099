import { FunctionHandle } from "../function-handle";
import { Validator } from "../validate";
import { describe } from "../errors";

/** HTTP methods a route key may name. `ANY` matches every method (AWS semantics). */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The concrete methods `ANY` stands for in documents that have no `ANY` (OpenAPI, APIM, the Cloudflare router). */
export const ANY_EXPANSION: readonly Exclude<HttpMethod, "ANY">[] = [
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "HEAD",
  "OPTIONS",
];

/** One segment of a route path: a literal, or a `{param}` (a greedy `{param+}` matches the rest of the path). */
export type PathSegment =
  | { readonly kind: "literal"; readonly value: string }
  | { readonly kind: "param"; readonly name: string; readonly greedy: boolean };

/** Anything that carries a `FunctionHandle`: a `ServerlessFunction`, or a test double. */
export interface RouteTarget {
  readonly handle: FunctionHandle;
}

/** A validated route: `"GET /users/{id}"` parsed, with the function it reaches. */
export interface ParsedRoute {
  /** The route key exactly as given (after trimming): `"GET /users/{id}"`. */
  readonly key: string;
  readonly method: HttpMethod;
  /** The path as given, `{id}` and `{path+}` included: AWS route keys use it unchanged. */
  readonly path: string;
  /** The path in OpenAPI form: a greedy `{path+}` becomes `{path}`. */
  readonly openApiPath: string;
  readonly segments: readonly PathSegment[];
  /** Path parameter names in order. */
  readonly params: readonly string[];
  /** True when the last segment is a greedy parameter. */
  readonly greedy: boolean;
  /** The function behind the route. */
  readonly fn: FunctionHandle;
  /** Index of the function in the model's de-duplicated function list. */
  readonly functionIndex: number;
  /** A unique, stable operation id (`getUsersById`), used by OpenAPI documents and APIM policies. */
  readonly operationId: string;
}

const LITERAL = /^[A-Za-z0-9._~-]+$/;
const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+)?\}$/;

/** AWS HTTP APIs allow 300 routes per API by default; the other gateways take far more, so this is the portable cap. */
export const MAX_ROUTES = 300;

/**
 * Parses one route key (`"METHOD /path/{param}"`). Paths start with `/`, have no empty segments or trailing
 * slash, literal segments use URL-safe characters, a parameter fills a whole segment, names are unique, and a
 * greedy `{name+}` may only be last.
 */
export function parseRouteKey(
  v: Validator,
  key: string,
  field: string,
): { method: HttpMethod; path: string; segments: PathSegment[] } {
  const trimmed = key.trim();
  const match = /^(\S+)\s+(\S+)$/.exec(trimmed);
  if (!match) v.fail(field, `got ${describe(key)}; a route key is "METHOD /path", e.g. "GET /users/{id}"`);
  const [, rawMethod, path] = match;
  if (!(HTTP_METHODS as readonly string[]).includes(rawMethod)) {
    v.fail(field, `method ${describe(rawMethod)} is not allowed; use one of ${HTTP_METHODS.join(", ")} (upper case)`);
  }
  const method = rawMethod as HttpMethod;
  if (!path.startsWith("/")) v.fail(field, `path ${describe(path)} must start with "/"`);
  if (path.includes("?") || path.includes("#"))
    v.fail(field, `path ${describe(path)} must not contain a query or fragment`);
  if (path === "/") return { method, path, segments: [] };
  if (path.endsWith("/")) v.fail(field, `path ${describe(path)} must not end with "/"`);
  const parts = path.slice(1).split("/");
  const segments: PathSegment[] = [];
  // Parameter names are compared ignoring case: API Management requires "parameter names to be unique within the
  // entire URL template. Names are case-insensitive." (https://learn.microsoft.com/azure/api-management/
  // api-management-api-import-restrictions), so {id} and {Id} would fail its OpenAPI import at deploy time.
  const seen = new Map<string, string>();
  parts.forEach((part, i) => {
    if (part === "") v.fail(field, `path ${describe(path)} has an empty segment ("//")`);
    const param = PARAM.exec(part);
    if (param) {
      const [, name, plus] = param;
      const earlier = seen.get(name.toLowerCase());
      if (earlier === name) v.fail(field, `path ${describe(path)} uses the parameter {${name}} twice`);
      if (earlier !== undefined)
        v.fail(
          field,
          `path ${describe(path)} uses the parameters {${earlier}} and {${name}}, which are one name ignoring case (API Management compares parameter names ignoring case); rename one`,
        );
      seen.set(name.toLowerCase(), name);
      if (plus && i !== parts.length - 1)
        v.fail(field, `greedy parameter {${name}+} must be the last segment of ${describe(path)}`);
      segments.push({ kind: "param", name, greedy: !!plus });
      return;
    }
    if (part.includes("{") || part.includes("}")) {
      v.fail(
        field,
        `segment ${describe(part)} of ${describe(path)}: a parameter must fill a whole segment and be named like {id} or {path+} (letters, digits, _)`,
      );
    }
    if (!LITERAL.test(part))
      v.fail(field, `segment ${describe(part)} of ${describe(path)} has characters outside A-Z a-z 0-9 . _ ~ -`);
    segments.push({ kind: "literal", value: part });
  });
  return { method, path, segments };
}

/** The shape of a path for conflict checks: parameter names do not matter (`/users/{id}` ≡ `/users/{name}`). */
export function pathShape(segments: readonly PathSegment[]): string {
  return `/${segments.map((s) => (s.kind === "literal" ? s.value : s.greedy ? "{+}" : "{}")).join("/")}`;
}

/** `/users/{id}` → `UsersById`: the path part of an operation id. */
function operationSuffix(segments: readonly PathSegment[]): string {
  if (segments.length === 0) return "Root";
  const cap = (s: string) =>
    s
      .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))
      .replace(/^./, (c) => c.toUpperCase());
  return segments.map((s) => (s.kind === "literal" ? cap(s.value) : `By${cap(s.name)}`)).join("");
}

export function operationIdFor(method: HttpMethod, segments: readonly PathSegment[]): string {
  return `${method.toLowerCase()}${operationSuffix(segments)}`;
}

/** Renders segments as an OpenAPI path (`{path+}` → `{path}`). */
export function openApiPath(segments: readonly PathSegment[]): string {
  return `/${segments.map((s) => (s.kind === "literal" ? s.value : `{${s.name}}`)).join("/")}`;
}
