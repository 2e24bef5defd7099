import * as fs from "fs";
import * as path from "path";
import { stableStringify } from "../core/hash";
import { OpenApiDocument } from "./document";

/** A recorded plan, as far as writeOpenApi needs it (lib/testing's Plan fits). */
interface PlanLike {
  resources: unknown[];
  outputs: Record<string, unknown>;
}

function isPlan(value: unknown): value is PlanLike {
  return (
    !!value &&
    typeof value === "object" &&
    Array.isArray((value as PlanLike).resources) &&
    typeof (value as PlanLike).outputs === "object"
  );
}

function isOpenApi(value: unknown): value is OpenApiDocument {
  return (
    !!value &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    typeof (value as OpenApiDocument).openapi === "string" &&
    typeof (value as OpenApiDocument).paths === "object"
  );
}

/** OpenAPI documents found anywhere in a plan's stack outputs, keyed by their output path (`api.openapi` → `api`). */
export function openApiFromPlan(plan: PlanLike): Record<string, OpenApiDocument> {
  const found: Record<string, OpenApiDocument> = {};
  const walk = (value: unknown, at: string[]) => {
    if (isOpenApi(value)) {
      const key = (at[at.length - 1] === "openapi" ? at.slice(0, -1) : at).join(".") || "openapi";
      found[key] = value;
      return;
    }
    if (value && typeof value === "object" && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
  };
  walk(plan.outputs, []);
  return found;
}

/**
 * Writes each document to `<dir>/<name>.openapi.json` (sorted keys, two-space indent, trailing newline: byte
 * identical for the same routes) and returns the written paths, sorted. `source` is either a map of name to
 * document or a recorded plan, whose stack outputs are searched for
 * OpenAPI documents.
 *
 * @example
 * writeOpenApi("out/openapi", { users: doc }) // ["out/openapi/users.openapi.json"]
 */
export function writeOpenApi(dir: string, source: Record<string, OpenApiDocument> | PlanLike): string[] {
  const documents = isPlan(source) ? openApiFromPlan(source) : source;
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const name of Object.keys(documents).sort()) {
    // A stack's top-level `openapi` output becomes `openapi.json`; `users` (or `users.openapi`) `users.openapi.json`.
    const base = name.replace(/[^A-Za-z0-9._-]+/g, "-");
    const file = path.join(dir, base === "openapi" ? "openapi.json" : `${base}.openapi.json`);
    fs.writeFileSync(file, `${stableStringify(documents[name], 2)}\n`);
    written.push(file);
  }
  return written;
}
