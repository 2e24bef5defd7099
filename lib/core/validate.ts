import * as pulumi from "@pulumi/pulumi";
import { ConfigError, describe, describeKind, nonPlainKind } from "./errors";
import { ParsedPlacement, parsePlacement } from "./placement";

/** Options shared by the scalar checks. */
interface Optional {
  /** When true, `undefined` is accepted and returned as is. `null` is never accepted. */
  optional?: boolean;
}

/**
 * Synchronous argument checks for one component. Every method either returns the value, typed, or throws a
 * `ConfigError` naming the component, the field, what was given and what is allowed. Components run all of
 * them in their constructor, before registering any child. Public (`import { Validator } from "meridian"`) so that
 * an app validates its own stack config with the same checks and errors (stacks/config.ts does).
 *
 * @example
 * const v = new Validator(`FailoverDns "api"`);
 * const ttl = v.integer(args.ttlSeconds, "ttlSeconds", { min: 1, max: 86400, optional: true }) ?? 60;
 */
export class Validator {
  constructor(readonly component: string) {}

  fail(field: string, message: string): never {
    throw new ConfigError(this.component, field, message);
  }

  private missing(value: unknown, field: string, what: string, opts: Optional | undefined): boolean {
    if (value === undefined && opts?.optional) return true;
    if (value === undefined || value === null) this.fail(field, `got ${describe(value)}; ${what} is required`);
    return false;
  }

  /**
   * A plain object (`{ ... }`; not an array, not null, not a Promise, Map, Date, RegExp, Output or class instance:
   * their own keys are not what they hold, so reading one as an object would silently apply defaults).
   * Also rejects keys outside `allowedKeys` when given, to catch typos. `secret` keeps the value out of the message.
   */
  object(
    value: unknown,
    field: string,
    opts?: Optional & { allowedKeys?: readonly string[]; secret?: boolean; valuesMayBeOutputs?: boolean },
  ): Record<string, unknown> | undefined {
    if (this.missing(value, field, "an object", opts)) return undefined;
    const shown = opts?.secret ? describeKind(value) : describe(value);
    if (typeof value !== "object" || Array.isArray(value)) this.fail(field, `got ${shown}; expected an object`);
    const kind = nonPlainKind(value as object);
    if (kind) this.fail(field, `got ${kind}; expected a plain object ({ ... })${notPlainHint(kind, opts)}`);
    const obj = value as Record<string, unknown>;
    if (opts?.allowedKeys) {
      for (const key of Object.keys(obj)) {
        if (!opts.allowedKeys.includes(key)) {
          this.fail(field ? `${field}.${key}` : key, `unknown field; allowed: ${opts.allowedKeys.join(", ")}`);
        }
      }
    }
    return obj;
  }

  string(
    value: unknown,
    field: string,
    opts: Optional & { optional: true; pattern?: RegExp; patternHelp?: string; minLength?: number; maxLength?: number },
  ): string | undefined;
  string(
    value: unknown,
    field: string,
    opts?: Optional & { pattern?: RegExp; patternHelp?: string; minLength?: number; maxLength?: number },
  ): string;
  string(
    value: unknown,
    field: string,
    opts?: Optional & { pattern?: RegExp; patternHelp?: string; minLength?: number; maxLength?: number },
  ): string | undefined {
    if (this.missing(value, field, "a string", opts)) return undefined;
    if (typeof value !== "string") this.fail(field, `got ${describe(value)}; expected a string${planTime(value)}`);
    const min = opts?.minLength ?? 1;
    if (value.length < min) this.fail(field, `got ${describe(value)}; expected at least ${min} character(s)`);
    if (opts?.maxLength !== undefined && value.length > opts.maxLength) {
      this.fail(field, `got ${value.length} characters; at most ${opts.maxLength} allowed`);
    }
    if (opts?.pattern && !opts.pattern.test(value)) {
      this.fail(field, `got ${describe(value)}; expected ${opts.patternHelp ?? `a value matching ${opts.pattern}`}`);
    }
    return value;
  }

  integer(
    value: unknown,
    field: string,
    opts: Optional & { optional: true; min?: number; max?: number },
  ): number | undefined;
  integer(value: unknown, field: string, opts?: Optional & { min?: number; max?: number }): number;
  integer(value: unknown, field: string, opts?: Optional & { min?: number; max?: number }): number | undefined {
    if (this.missing(value, field, "an integer", opts)) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value))
      this.fail(field, `got ${describe(value)}; expected an integer${range(opts)}${planTime(value)}`);
    if ((opts?.min !== undefined && value < opts.min) || (opts?.max !== undefined && value > opts.max)) {
      this.fail(field, `got ${value}; allowed${range(opts)}`);
    }
    return value;
  }

  number(
    value: unknown,
    field: string,
    opts: Optional & { optional: true; min?: number; max?: number },
  ): number | undefined;
  number(value: unknown, field: string, opts?: Optional & { min?: number; max?: number }): number;
  number(value: unknown, field: string, opts?: Optional & { min?: number; max?: number }): number | undefined {
    if (this.missing(value, field, "a number", opts)) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value))
      this.fail(field, `got ${describe(value)}; expected a number${range(opts)}${planTime(value)}`);
    if ((opts?.min !== undefined && value < opts.min) || (opts?.max !== undefined && value > opts.max)) {
      this.fail(field, `got ${value}; allowed${range(opts)}`);
    }
    return value;
  }

  boolean(value: unknown, field: string, opts: Optional & { optional: true }): boolean | undefined;
  boolean(value: unknown, field: string, opts?: Optional): boolean;
  boolean(value: unknown, field: string, opts?: Optional): boolean | undefined {
    if (this.missing(value, field, "a boolean", opts)) return undefined;
    if (typeof value !== "boolean")
      this.fail(field, `got ${describe(value)}; expected true or false${planTime(value)}`);
    return value;
  }

  oneOf<T extends string | number>(
    value: unknown,
    field: string,
    allowed: readonly T[],
    opts: Optional & { optional: true },
  ): T | undefined;
  oneOf<T extends string | number>(value: unknown, field: string, allowed: readonly T[], opts?: Optional): T;
  oneOf<T extends string | number>(
    value: unknown,
    field: string,
    allowed: readonly T[],
    opts?: Optional,
  ): T | undefined {
    if (this.missing(value, field, `one of ${allowed.map((a) => describe(a)).join(", ")}`, opts)) return undefined;
    if (!allowed.includes(value as T)) {
      this.fail(
        field,
        `got ${describe(value)}; allowed: ${allowed.map((a) => describe(a)).join(", ")}${planTime(value)}`,
      );
    }
    return value as T;
  }

  array(
    value: unknown,
    field: string,
    opts: Optional & { optional: true; minLength?: number; maxLength?: number },
  ): unknown[] | undefined;
  array(value: unknown, field: string, opts?: Optional & { minLength?: number; maxLength?: number }): unknown[];
  array(
    value: unknown,
    field: string,
    opts?: Optional & { minLength?: number; maxLength?: number },
  ): unknown[] | undefined {
    if (this.missing(value, field, "an array", opts)) return undefined;
    if (!Array.isArray(value)) this.fail(field, `got ${describe(value)}; expected an array${planTime(value)}`);
    if (opts?.minLength !== undefined && value.length < opts.minLength) {
      this.fail(field, `got ${value.length} item(s); at least ${opts.minLength} required`);
    }
    if (opts?.maxLength !== undefined && value.length > opts.maxLength) {
      this.fail(field, `got ${value.length} item(s); at most ${opts.maxLength} allowed`);
    }
    return value;
  }

  /**
   * A map of names to string inputs (plain strings or Pulumi outputs), e.g. environment variables.
   * Names must match `keyPattern` (default: a POSIX environment variable name).
   */
  inputMap(
    value: unknown,
    field: string,
    opts?: Optional & { keyPattern?: RegExp; keyHelp?: string; maxEntries?: number; secret?: boolean },
  ): Record<string, pulumi.Input<string>> | undefined {
    const obj = this.object(value, field, {
      optional: opts?.optional ?? true,
      secret: opts?.secret,
      valuesMayBeOutputs: true,
    });
    if (!obj) return undefined;
    const keyPattern = opts?.keyPattern ?? /^[A-Za-z_][A-Za-z0-9_]*$/;
    const entries = Object.entries(obj);
    if (opts?.maxEntries !== undefined && entries.length > opts.maxEntries) {
      this.fail(field, `got ${entries.length} entries; at most ${opts.maxEntries} allowed`);
    }
    for (const [key, v] of entries) {
      if (!keyPattern.test(key))
        this.fail(
          `${field}.${key}`,
          `invalid name ${describe(key)}; expected ${opts?.keyHelp ?? "letters, digits and _ not starting with a digit"}`,
        );
      if (typeof v !== "string" && !pulumi.Output.isInstance(v)) {
        // A value given under `secrets` is never printed (error messages end up in CI logs), whatever its type.
        const shown = opts?.secret ? `${describeKind(v)} (value not shown: it is a secret)` : describe(v);
        this.fail(`${field}.${key}`, `got ${shown}; expected a string or a pulumi Output<string>`);
      }
    }
    return obj as Record<string, pulumi.Input<string>>;
  }

  /**
   * A component's own name (field `name`). It prefixes every child's logical name and goes into physical names,
   * so it is kept to what every cloud's naming rules take unchanged: a name they would mangle (unicode, spaces,
   * dots) could map to the same physical name as another component's.
   */
  componentName(value: unknown, maxLength = 63): string {
    if (typeof value !== "string" || value.length > maxLength || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(value)) {
      const shown =
        typeof value === "string" && value.length > maxLength ? `${value.length} characters` : describe(value);
      this.fail(
        "name",
        `got ${shown}; expected 1-${maxLength} ASCII letters, digits, "-" or "_", starting with a letter`,
      );
    }
    return value;
  }

  placement(value: unknown, field: string): ParsedPlacement {
    return parsePlacement(value, this.component, field);
  }

  /** A DNS hostname such as `api.example.com` (letters, digits, hyphens; labels ≤ 63; total ≤ 253). */
  hostname(
    value: unknown,
    field: string,
    opts: Optional & { optional: true; allowWildcard?: boolean },
  ): string | undefined;
  hostname(value: unknown, field: string, opts?: Optional & { allowWildcard?: boolean }): string;
  hostname(value: unknown, field: string, opts?: Optional & { allowWildcard?: boolean }): string | undefined {
    const s = this.string(value, field, { optional: opts?.optional as true, maxLength: 253 });
    if (s === undefined) return undefined;
    if (!isHostname(s, opts?.allowWildcard)) {
      this.fail(
        field,
        `got ${describe(s)}; expected a DNS name like "api.example.com" (ASCII letters, digits and hyphens, labels of 1-63 characters)`,
      );
    }
    return s.toLowerCase().replace(/\.$/, "");
  }
}

/** For a Promise or an Output given where a plain value is read: what to pass instead ("" for anything else). */
function planTime(value: unknown): string {
  if (value === null || typeof value !== "object") return "";
  const kind = nonPlainKind(value);
  if (kind === "a pulumi Output")
    return "; this value decides what is created, so it must be known at plan time: pass a plain value (e.g. from pulumi.Config().require), not an Output";
  if (kind === "a Promise") return "; await the value before constructing the component";
  return "";
}

/** What to do instead of passing a Promise, an Output or another non-plain object where a plain object is read. */
function notPlainHint(kind: string, opts?: { valuesMayBeOutputs?: boolean }): string {
  const inside = opts?.valuesMayBeOutputs ? "; its values may be Outputs: { NAME: output }" : "";
  if (kind === "a pulumi Output")
    return `: its keys decide what is created, so they must be known at plan time; build it from plain values${inside}`;
  if (kind === "a Promise") return `: await the value before constructing the component${inside}`;
  return `: copy its entries into an object literal${inside}`;
}

function range(opts?: { min?: number; max?: number }): string {
  if (!opts) return "";
  if (opts.min !== undefined && opts.max !== undefined) return ` from ${opts.min} to ${opts.max}`;
  if (opts.min !== undefined) return ` of at least ${opts.min}`;
  if (opts.max !== undefined) return ` of at most ${opts.max}`;
  return "";
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** True for a fully qualified DNS name with at least two labels (a trailing dot is allowed). */
export function isHostname(value: string, allowWildcard = false): boolean {
  const name = value.replace(/\.$/, "");
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split(".");
  if (labels.length < 2) return false;
  // An all-numeric last label is no top-level domain (RFC 3696 §2): "203.0.113.300" is a mistyped IP, not a name.
  if (/^\d+$/.test(labels[labels.length - 1])) return false;
  return labels.every((label, i) => (allowWildcard && i === 0 && label === "*") || LABEL.test(label));
}

/** True for a dotted IPv4 address. */
export function isIPv4(value: string): boolean {
  const parts = value.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && String(Number(p)) === p);
}

/** True for an IPv6 address (textual form, with optional `::` compression). */
export function isIPv6(value: string): boolean {
  if (!value.includes(":") || !/^[0-9a-f:.]+$/i.test(value)) return false;
  const halves = value.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === "" ? [] : h.split(":")));
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}
