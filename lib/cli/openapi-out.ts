import * as fs from "fs";
import * as path from "path";
import { stableStringify } from "../core/hash";
import type { Plan } from "../testing/plan";

/**
 * Writes every OpenAPI document the plan carries to `dir`: each stack output named `openapi` or ending in
 * `Openapi`/`OpenApi` (an ApiGateway's `openapi` output exported by the stack), as `<output>.json`.
 * Returns the file names written.
 */
export function writeOpenApiFromPlan(plan: Plan, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (!value || typeof value !== "object") return;
    const doc = value as Record<string, unknown>;
    if (typeof doc.openapi === "string" || typeof doc.swagger === "string") {
      const file = `${key.replace(/[^A-Za-z0-9_.-]/g, "-")}.json`;
      fs.writeFileSync(path.join(dir, file), `${stableStringify(doc, 2)}\n`);
      written.push(file);
      return;
    }
    for (const [k, v] of Object.entries(doc)) visit(v, key ? `${key}.${k}` : k);
  };
  visit(plan.outputs, "");
  return written.sort();
}
