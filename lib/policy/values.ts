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

/**
 * The value at a dotted path (`siteConfig.minTlsVersion`), or undefined when any step is missing. A secret or
 * unknown step is returned as it is, so that a secret `siteConfig` makes `siteConfig.ftpsState` read as a
 * secret (which a rule cannot judge) rather than as absent (which a rule would read as "unset").
 */
export function get(v: Json, path: string): Json {
  let cur: Json = v;
  for (const key of path.split(".")) {
    if (!isKnown(cur)) return cur;
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** The value at `path` and the path to name in a message: where a secret or unknown sits, if one is on the way. */
export function locate(v: Json, path: string): { value: Json; field: string } {
  const keys = path.split(".");
  let cur: Json = v;
  for (let n = 0; n < keys.length; n++) {
    if (!isKnown(cur)) return { value: cur, field: keys.slice(0, n).join(".") || path };
    if (!isObject(cur)) return { value: undefined, field: path };
    cur = cur[keys[n]];
  }
  return { value: cur, field: path };
}

/** Why a value cannot be judged — a Pulumi secret, or not known until the update — or undefined when it can. */
export function opacity(v: Json): "secret" | "unknown" | undefined {
  if (isSecret(v)) return "secret";
  if (isUnknown(v)) return "unknown";
  return undefined;
}

/**
 * Fail closed: the reason a setting that a rule must see cannot be checked, or none when it can be (or when it is
 * unknown and the runner checks again once it is known; see PolicyContext.unknowns). A security setting has no
 * reason to be secret: `blockPublicAcls: pulumi.secret(false)` or a secret CIDR must not pass unseen. A secret
 * object hides everything in it (Pulumi marks a whole input secret when any value inside is), so the message
 * says where the secret sits.
 */
export function cannotCheck(field: string, v: Json, ctx: { unknowns: "violate" | "defer" }): string[] {
  const why = opacity(v);
  if (why === "secret")
    return [
      `${field} is a Pulumi secret, so this policy cannot check it; keep security settings plain (a secret value inside an object makes the whole object secret: pass secrets through the component's \`secrets\` or the cloud's secret store)`,
    ];
  if (why === "unknown" && ctx.unknowns === "violate")
    return [
      `${field} is not known until the update, so this policy cannot check it; give it a value known at plan time`,
    ];
  return [];
}

/** Whether any of `values` is secret or unknown (a list that cannot be read entry by entry). */
export function anyOpaque(values: readonly Json[]): Json | undefined {
  return values.find((x) => opacity(x) !== undefined);
}

export function str(v: Json): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Arrays as arrays, a single value as a one-element array, absent/secret/unknown as empty (check those first with cannotCheck). */
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
