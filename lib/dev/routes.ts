import type { HttpMethod, PathSegment } from "../core/api/routes";

/** One route of a served API, with whatever the dev server attaches to it (the function to run). */
export interface DevRoute<T> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly segments: readonly PathSegment[];
  readonly target: T;
}

/** The result of matching a request: the route, its path parameters, or why nothing matched. */
export type RouteMatch<T> =
  | { readonly kind: "route"; readonly route: DevRoute<T>; readonly params: Record<string, string> }
  | { readonly kind: "method-not-allowed"; readonly allowed: readonly HttpMethod[] }
  | { readonly kind: "not-found" };

/**
 * A route table with API Gateway's precedence: a literal segment beats a `{param}`, which beats a greedy
 * `{param+}`; at equal shape a route naming the method beats `ANY`. The order is fixed when the table is
 * built, so matching is a first-hit scan.
 */
export class RouteTable<T> {
  private readonly routes: DevRoute<T>[];

  constructor(routes: readonly DevRoute<T>[]) {
    this.routes = [...routes].sort(compareRoutes);
  }

  match(method: string, pathname: string): RouteMatch<T> {
    const parts = splitPath(pathname);
    if (parts === undefined) return { kind: "not-found" };
    const allowed: HttpMethod[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method || route.method === "ANY") return { kind: "route", route, params };
      if (!allowed.includes(route.method)) allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: "method-not-allowed", allowed } : { kind: "not-found" };
  }
}

/** `/users/42` → `["users", "42"]` (decoded); `/` → `[]`; undefined for an undecodable path or an empty segment. */
export function splitPath(pathname: string): string[] | undefined {
  if (pathname === "/" || pathname === "") return [];
  const raw = pathname.replace(/^\//, "").split("/");
  try {
    const parts = raw.map((p) => decodeURIComponent(p));
    return parts.some((p) => p === "") ? undefined : parts;
  } catch {
    return undefined;
  }
}

function matchSegments(segments: readonly PathSegment[], parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (i >= parts.length) return undefined;
    if (seg.kind === "literal") {
      if (seg.value !== parts[i]) return undefined;
    } else if (seg.greedy) {
      params[seg.name] = parts.slice(i).join("/");
      return params;
    } else {
      params[seg.name] = parts[i];
    }
  }
  return segments.length === parts.length ? params : undefined;
}

const rank = (s: PathSegment) => (s.kind === "literal" ? 0 : s.greedy ? 2 : 1);

function compareRoutes<T>(a: DevRoute<T>, b: DevRoute<T>): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const d = rank(a.segments[i]) - rank(b.segments[i]);
    if (d !== 0) return d;
  }
  if (a.segments.length !== b.segments.length) return b.segments.length - a.segments.length;
  const any = Number(a.method === "ANY") - Number(b.method === "ANY");
  if (any !== 0) return any;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0;
}
