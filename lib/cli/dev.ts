#!/usr/bin/env node
/**
 * `npm run dev -- --stack <env> [--port N] [--root DIR] [--api NAME] [--env-file FILE] [--jwks FILE] [--no-watch]`
 *
 * Evaluates the stack on the recording engine (like `npm run plan`) and serves every ApiGateway and function
 * URL it declares on 127.0.0.1 — routes, CORS, JWT/API-key checks, the cloud's size limits and timeouts —
 * running the portable handlers in-process and reloading them when their sources change.
 * The first API listens on --port (default 3000), each further API or function URL on the next port.
 * Exit codes: 0 stopped with Ctrl+C; 2 bad usage, unknown stack, invalid config, nothing to serve, port in use.
 */
import { DevServerError, startDevServer } from "../dev/server";
import { UsageError, parseArgs, reportError } from "./args";

export async function main(argv: string[]): Promise<number> {
  try {
    const opts = parseArgs(argv, ["stack", "port", "root", "api", "env-file", "jwks"], ["no-watch"]);
    if (typeof opts.stack !== "string")
      throw new UsageError("--stack <env> is required (e.g. npm run dev -- --stack dev)");
    let port = 3000;
    if (typeof opts.port === "string") {
      port = Number(opts.port);
      if (!/^\d+$/.test(opts.port) || port > 65535)
        throw new UsageError(`--port must be an integer from 0 to 65535, got "${opts.port}"`);
    }
    const server = await startDevServer({
      stack: opts.stack,
      root: typeof opts.root === "string" ? opts.root : undefined,
      port,
      api: typeof opts.api === "string" ? opts.api : undefined,
      envFile: typeof opts["env-file"] === "string" ? opts["env-file"] : undefined,
      jwks: typeof opts.jwks === "string" ? opts.jwks : undefined,
      watch: !opts["no-watch"],
    });
    console.log(`ready: ${server.url}${opts["no-watch"] ? "" : " (handlers reload on change)"}; Ctrl+C to stop`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await server.close();
    return 0;
  } catch (err) {
    return reportError(err, (e) => e instanceof DevServerError);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`error: ${(err as Error)?.message ?? String(err)}`);
      process.exit(2);
    },
  );
}
