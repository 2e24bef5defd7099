/**
 * Reading plan-form values safely: inputs may hold secrets (`{ secret: true }`), unknowns (`{ unknown: true }`,
 * preview only), resource references and values of any shape a user's transform put there. Nothing here
 * throws: a value of an unexpected shape reads as absent, and each rule decides what absent means.
 */
export type Json = unknown;

export function isObject(v: Json): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `{ "secret": true }`: a Pulumi secret in a plan. */
export function isSecret(v: Json): boolean {
  return isObject(v) && v.secret === true && Object.keys(v).length === 1;
}

/** `{ "unknown": true }`: a value not known until the update (preview). */
export function isUnknown(v: Json): boolean {
  return isObject(v) && v.unknown === true && Object.keys(v).length === 1;
}

/** Neither secret nor unknown: a value a rule can judge. */
export function isKnown(v: Json): boolean {
  return !isSecret(v) && !isUnknown(v);
}

/** The value at a dotted path (`siteConfig.minTlsVersion`), or undefined when any step is missing. */
export function get(v: Json, path: string): Json {
  let cur: Json = v;
  for (const key of path.split(".")) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function str(v: Json): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Arrays as arrays, a single value as a one-element array, absent/secret/unknown as empty. */
export function list(v: Json): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === undefined || v === null || !isKnown(v)) return [];
  return [v];
}

/** A JSON document given as a string (IAM policies, task definitions) or already as an object. */
export function jsonDoc(v: Json): Json {
  if (typeof v === "string") {
    try {
      return JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  return isObject(v) && isKnown(v) ? v : undefined;
}

/** Every resource of `type` (or any of `types`) in the stack. */
export function ofType<T extends { type: string }>(resources: readonly T[], ...types: string[]): T[] {
  return resources.filter((r) => types.includes(r.type));
}
