import { createHash } from "crypto";

/** Hex SHA-256 of a string or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** A short, stable, lowercase base-36 digest: deterministic suffixes for physical names. */
export function shortHash(data: string, length = 8): string {
  const hex = sha256(data);
  return BigInt(`0x${hex.slice(0, 24)}`)
    .toString(36)
    .padStart(length, "0")
    .slice(0, length);
}

/**
 * A name-based GUID (RFC 9562 §5.8 layout, SHA-256 of the parts): the same parts always give the same GUID, as
 * ARM templates' `guid(scope, role, principal)` does for role assignments.
 */
export function deterministicGuid(...parts: string[]): string {
  const hex = sha256(parts.join("\u0000")).slice(0, 32).split("");
  hex[12] = "8"; // version 8: custom, name-based
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16); // RFC variant
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** JSON with object keys sorted at every depth, so equal values always give equal text. */
export function stableStringify(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object" && (value as object).constructor === Object) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
