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
export function parseArgs(argv: string[], valued: readonly string[], flags: readonly string[] = []): Record<string, string | true> {
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
      throw new UsageError(`unknown option --${name}; allowed: ${[...valued, ...flags].map((o) => `--${o}`).join(", ")}`);
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
    out[name] = value;
  }
  return out;
}
