import { isConfigError } from "../core/errors";
import { ProjectError } from "../engine/project";

/** A command-line usage error: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Parses `--name value` / `--name=value` / `--flag` arguments against the options a command accepts.
 * Unknown options and missing values are UsageErrors, never silently ignored.
 */
export function parseArgs(
  argv: string[],
  valued: readonly string[],
  flags: readonly string[] = [],
): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (flags.includes(name)) {
      out[name] = true;
      continue;
    }
    if (!valued.includes(name)) {
      throw new UsageError(
        `unknown option --${name}; allowed: ${[...valued, ...flags].map((o) => `--${o}`).join(", ")}`,
      );
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--")))
      throw new UsageError(`--${name} needs a value`);
    out[name] = value;
  }
  return out;
}

/**
 * The exit code for an error a command caught, after printing it: bad usage, a project problem (no Pulumi.yaml, an
 * unknown stack, invalid config: ProjectError) or bad component input (ConfigError) is one `error:` line and exit 2; anything else is a program failure, printed
 * with its stack, exit 1. `isUsage` widens what counts as the user's mistake (e.g. a port in use).
 */
export function reportError(err: unknown, isUsage: (err: unknown) => boolean = () => false): 1 | 2 {
  if (err instanceof UsageError || err instanceof ProjectError || isConfigError(err) || isUsage(err)) {
    console.error(`error: ${(err as Error).message}`);
    return 2;
  }
  if (isMissingStackConfig(err)) {
    // Pulumi's own `config.require` message, on one line: it names the key and the `pulumi config set` to run.
    console.error(`error: ${err.message.replace(/\s*\n\s*/g, ": ")}`);
    return 2;
  }
  console.error(`error: the program failed: ${(err as Error)?.stack ?? String(err)}`);
  return 1;
}

/**
 * The error `pulumi.Config.require` throws for an unset key (`ConfigMissingError`, with the key). Recognised by
 * shape, not class: the program may load its own copy of @pulumi/pulumi.
 */
function isMissingStackConfig(err: unknown): err is Error & { key: string } {
  return (
    err instanceof Error &&
    typeof (err as { key?: unknown }).key === "string" &&
    err.message.startsWith("Missing required configuration variable")
  );
}
