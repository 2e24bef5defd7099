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
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return "an object";
  }
}
