/**
 * `meridian dev --stack <env> [--port N] [--root DIR] [--api NAME] [--env-file FILE] [--jwks FILE] [--no-watch]`
 * (here `npm run dev -- …`)
 *
 * Evaluates the stack on the recording engine (like `npm run plan`) and serves every ApiGateway and function
 * URL it declares on 127.0.0.1 — routes, CORS, JWT/API-key checks, the cloud's size limits and timeouts —
 * running the portable handlers in-process and reloading them when their sources change.
 * The first API listens on --port (default 3000), each further API or function URL on the next port.
 * Exit codes: 0 stopped with Ctrl+C; 2 bad usage, unknown stack, invalid config, nothing to serve, port in use.
 */
import * as path from "path";
import { DevServerError, startDevServer } from "../dev/server";
import { UsageError, parseArgs, reportError } from "./args";
import { CommandContext, enterProject } from "./project-root";

export const HELP = `Usage: meridian dev --stack <env> [options]

Evaluates the stack offline and serves every ApiGateway and function URL it declares on 127.0.0.1: routes, CORS,
JWT and API-key checks, the cloud's size limits and timeouts, running the portable handlers in-process and
reloading them when their sources change.

Options:
  --stack <env>       the stack whose config to use (required)
  --port <n>          the first API's port; each further API or function URL takes the next (default 3000; 0 = free ports)
  --api <name>        serve only this API or function URL
  --env-file <file>   secrets and local overrides (default <project>/.env)
  --jwks <file>       a JSON Web Key Set (path relative to the project) to verify JWTs against
  --no-watch          do not reload handlers when their sources change
  --root <dir>        the project folder (default: the folder holding Pulumi.yaml at or above this one)
  --help              show this help

Exit codes: 0 stopped with Ctrl+C; 2 bad usage, unknown stack, invalid config, nothing to serve, port in use.`;

export async function main(argv: string[], context: CommandContext = {}): Promise<number> {
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
    const envFile = typeof opts["env-file"] === "string" ? path.resolve(opts["env-file"]) : undefined;
    const server = await startDevServer({
      stack: opts.stack,
      root: enterProject(opts.root, context),
      port,
      api: typeof opts.api === "string" ? opts.api : undefined,
      envFile,
      jwks: typeof opts.jwks === "string" ? opts.jwks : undefined,
      watch: !opts["no-watch"],
    });
    console.log(`ready: ${server.url}${opts["no-watch"] ? "" : " (handlers reload on change)"}; Ctrl+C to stop`);
    await untilStopped();
    await server.close();
    return 0;
  } catch (err) {
    return reportError(err, (e) => e instanceof DevServerError);
  }
}

/**
 * Resolves on Ctrl+C, SIGTERM or SIGHUP, or when the process that started this one goes away. `npm run dev` runs
 * this file under `sh -c`, and stopping npm (SIGTERM to it, as a terminal multiplexer, an IDE or a test harness
 * does) kills that shell without passing the signal on: the server would keep answering, orphaned (its parent
 * becomes init). So it also stops when its parent process changes.
 */
function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const parent = process.ppid;
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
    const orphaned = setInterval(() => {
      if (process.ppid !== parent) stop();
    }, 500);
    function stop() {
      clearInterval(orphaned);
      for (const s of signals) process.off(s, stop);
      resolve();
    }
    for (const s of signals) process.once(s, stop);
  });
}
