/**
 * The one error type for bad input. Every component validates its arguments synchronously in its
 * constructor and throws a `ConfigError` before registering any child, so bad input creates nothing.
 *
 * @example
 * throw new ConfigError(`FailoverDns "api"`, "healthCheck.intervalSeconds", "got 15; Route 53 allows 10 or 30");
 */
export class ConfigError extends Error {
  /** Which component (or config file) rejected the input, e.g. `FailoverDns "api"`. */
  readonly component: string;
  /** Dotted path of the offending field, e.g. `healthCheck.intervalSeconds`. */
  readonly field: string;

  constructor(component: string, field: string, message: string) {
    super(`${component}: ${field}: ${message}`);
    this.name = "ConfigError";
    this.component = component;
    this.field = field;
    // Keep `instanceof` working when compiled to ES5-style classes or loaded twice through ts-node.
    Object.setPrototypeOf(this, ConfigError.prototype);
  }
}

/** True for a `ConfigError`, also one thrown by another copy of this module. */
export function isConfigError(err: unknown): err is ConfigError {
  return err instanceof ConfigError || (err instanceof Error && err.name === "ConfigError" && "field" in err);
}

/** Renders any value for an error message: short, one line, never throws. */
export function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string") {
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return value.toString();
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const kind = nonPlainKind(value as object);
  if (kind) return kind;
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return "an object";
  }
}

/**
 * What an object that is not plain data is ("a pulumi Output", "a Promise", "a Map", "an instance of Foo"), or
 * undefined for a plain object (`{}` or `Object.create(null)`). Such values are never read as objects: their own
 * enumerable keys are not what they hold (a Promise or a Map has none), so reading them as `{}` would silently
 * apply defaults. Rendering one with JSON would print Pulumi's toJSON warning for an Output, or `{}`.
 */
export function nonPlainKind(value: object): string | undefined {
  // Duck-typed as Output.isInstance does, so this file imports nothing.
  if ((value as { __pulumiOutput?: unknown }).__pulumiOutput === true) return "a pulumi Output";
  if (typeof (value as { then?: unknown }).then === "function") return "a Promise";
  const proto = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return undefined;
  if (value instanceof Map) return "a Map";
  if (value instanceof Set) return "a Set";
  if (value instanceof Date) return "a Date";
  if (value instanceof RegExp) return "a RegExp";
  const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name && name !== "Object"
    ? `an instance of ${name}`
    : "an object with a prototype";
}

/** A value shown by its kind only: what an error message says about a secret ("a string of 6 characters"). */
export function describeKind(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === "string") return `a string of ${value.length} character(s)`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") return nonPlainKind(value) ?? "an object";
  return `a ${typeof value}`;
}
