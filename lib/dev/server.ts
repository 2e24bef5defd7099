import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import type { AddressInfo } from "net";
import { Program, RecordOptions } from "../engine/record";
import { stackRecording } from "../engine/project";
import { readDotenv } from "./dotenv";
import { decide, header, LocalAuth, responseCors, ServedEndpoint } from "./gateway";
import { HeaderMap } from "./cors";
import { serveLimits } from "./limits";
import { RouteTable } from "./routes";
import { DevStack, evaluateForDev } from "./stack";
import { FunctionRunner, HandlerTimeout, InvokeResponse } from "./runner";
import { formatBytes } from "../core/function/limits";
import { forwardedHeaders, HOP_BY_HOP } from "./forward";
import { requestTarget } from "./request-target";
import { DEV_KEYS, printBanner } from "./banner";

/** A problem that stops the dev server from starting: printed as one `error:` line, exit code 2. */
export class DevServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DevServerError";
  }
}

export interface DevServerOptions {
  /** Stack to evaluate (`stacks/Pulumi.<stack>.yaml` under `root`), as `npm run plan` does. */
  stack?: string;
  /** Project directory holding `Pulumi.yaml` (default: the current directory). */
  root?: string;
  /** Instead of a project stack: a program to evaluate, with its recording options (tests). */
  program?: Program;
  record?: RecordOptions;
  /**
   * First port: the first API listens on it, each further API or function URL on the next one.
   * 0 picks free ports. Default 3000.
   */
  port?: number;
  /** Serve only this API (or function URL), by logical name. */
  api?: string;
  /** The `.env` file with secrets and local overrides (default `<root>/.env`). */
  envFile?: string;
  /** A JWKS (`{ keys }`) or the path of a JSON file holding one: JWT signatures are verified with it. */
  jwks?: { keys: import("crypto").JsonWebKey[] } | string;
  /** A shared secret for HS256 tokens. */
  jwtSecret?: string;
  /** Rebuild and reload handlers when their sources change (default true). */
  watch?: boolean;
  /** Where log lines go (default console.log). */
  log?: (line: string) => void;
}

export interface ServedTarget {
  readonly kind: "api" | "function";
  readonly name: string;
  readonly url: string;
}

export interface DevServer {
  /** Base URL of the first target (the first API). */
  readonly url: string;
  readonly targets: readonly ServedTarget[];
  /** Waits for the next rebuild of a function's handler (true when it succeeded). */
  nextBuild(fn: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Evaluates a stack on the recording engine and serves its APIs and function URLs on 127.0.0.1, each on its
 * own port so that paths are exactly the deployed ones. Handlers run in worker threads of this process.
 * @throws ProjectError for a bad stack name or config, ConfigError for bad component input, DevServerError
 * for nothing to serve, an unknown `api`, an unreadable `.env`/JWKS, a handler that does not bundle, or a port in use.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const root = path.resolve(options.root ?? ".");
  const { stack, label } = await evaluate(options, root);

  const endpoints = selectEndpoints(stack, options.api, label);
  const dotenvFile = options.envFile ?? path.join(root, ".env");
  let dotenv: Record<string, string>;
  try {
    dotenv = readDotenv(dotenvFile);
  } catch (err) {
    throw new DevServerError(`cannot read ${dotenvFile}: ${(err as Error).message}`);
  }
  const auth = localAuth(options, dotenv, root);
  const fnEnv = Object.fromEntries(Object.entries(dotenv).filter(([k]) => !Object.values(DEV_KEYS).includes(k)));

  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-dev-"));
  const runners = new Map<string, FunctionRunner>();
  const servers: http.Server[] = [];
  const cleanup = async () => {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
    await Promise.all([...runners.values()].map((r) => r.close()));
    fs.rmSync(outDir, { recursive: true, force: true });
  };

  try {
    const needed = new Set(
      endpoints.flatMap((e) => (e.fn ? [e.fn] : stack.apis.find((a) => a.name === e.name)!.routes.map((r) => r.fn))),
    );
    for (const name of [...needed].sort()) {
      const fn = stack.functions.get(name)!;
      if (!fn.entry) {
        log(
          `warning: function "${name}" is native code (code + handler): the dev server runs portable handlers only; its routes answer 501`,
        );
        continue;
      }
      if (fn.unresolved.length > 0)
        log(
          `warning: function "${name}": environment ${fn.unresolved.join(", ")} unknown until deployed; set them in ${path.basename(dotenvFile)}`,
        );
      const missingSecrets = fn.secretNames.filter((key) => !(key in fnEnv));
      if (missingSecrets.length > 0)
        log(
          `warning: function "${name}": secret ${missingSecrets.join(", ")} not in ${path.basename(dotenvFile)}; the handler sees it unset`,
        );
      const env: Record<string, string> = { ...platformEnv(fn.cloud, fn.region), ...fn.environment, ...fnEnv };
      try {
        runners.set(
          name,
          await FunctionRunner.start({
            name,
            entry: fn.entry,
            env,
            outDir,
            watch: options.watch ?? true,
            target: "node20",
            log,
          }),
        );
      } catch (err) {
        throw new DevServerError(`function "${name}": ${(err as Error).message}`);
      }
    }

    const targets: ServedTarget[] = [];
    const base = options.port ?? 3000;
    for (let i = 0; i < endpoints.length; i++) {
      const endpoint = endpoints[i];
      let port = 0;
      const server = http.createServer((req, res) => {
        // Nothing a client sends may take the server down: whatever escapes `serve` is a logged 500.
        serve(endpoint, runners, auth, log, port, req, res).catch((err: unknown) => {
          log(`[${endpoint.name}] dev server error: ${(err as Error)?.message ?? String(err)}`);
          if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
          res.end();
        });
      });
      servers.push(server);
      port = await listen(server, base === 0 ? 0 : base + i);
      targets.push({ kind: endpoint.kind, name: endpoint.name, url: `http://127.0.0.1:${port}` });
    }

    printBanner(log, label, stack, endpoints, targets, auth, Object.keys(fnEnv), dotenvFile);
    return {
      url: targets[0].url,
      targets,
      nextBuild: (fn) => runners.get(fn)?.nextBuild() ?? Promise.resolve(false),
      close: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function evaluate(options: DevServerOptions, root: string): Promise<{ stack: DevStack; label: string }> {
  if (options.program) {
    return {
      stack: await evaluateForDev(options.program, options.record ?? {}),
      label: `stack ${options.record?.stack ?? "dev"}`,
    };
  }
  if (!options.stack) throw new DevServerError("a stack is required (e.g. npm run dev -- --stack dev)");
  const { project, stack: config, program, options: record } = stackRecording(root, options.stack);
  const stack = await evaluateForDev(program, record);
  return { stack, label: `stack ${config.stack} of ${project.name}` };
}

function selectEndpoints(stack: DevStack, only: string | undefined, label: string): ServedEndpoint[] {
  const endpoints: ServedEndpoint[] = [
    ...stack.apis.map((a): ServedEndpoint => ({
      kind: "api",
      name: a.name,
      cloud: a.cloud,
      limits: serveLimits(a.cloud, "api"),
      cors: a.cors,
      auth: a.auth,
      table: new RouteTable(
        a.routes.map((r) => ({ method: r.method, path: r.path, segments: r.segments, target: r.fn })),
      ),
    })),
    ...stack.urlFunctions.map((name): ServedEndpoint => {
      const fn = stack.functions.get(name)!;
      return { kind: "function", name, cloud: fn.cloud, limits: serveLimits(fn.cloud, "url"), fn: name };
    }),
  ];
  if (endpoints.length === 0)
    throw new DevServerError(
      `${label} declares no ApiGateway and no ServerlessFunction with url: true: nothing to serve`,
    );
  if (only === undefined) return endpoints;
  const chosen = endpoints.filter((e) => e.name === only);
  if (chosen.length === 0)
    throw new DevServerError(
      `no API or function URL named "${only}" in ${label} (have: ${endpoints.map((e) => e.name).join(", ")})`,
    );
  return chosen.slice(0, 1);
}

function localAuth(options: DevServerOptions, dotenv: Record<string, string>, root: string): LocalAuth {
  let jwks = options.jwks ?? dotenv[DEV_KEYS.jwks];
  if (typeof jwks === "string") {
    const file = path.resolve(root, jwks);
    try {
      jwks = JSON.parse(fs.readFileSync(file, "utf8")) as { keys: import("crypto").JsonWebKey[] };
    } catch (err) {
      throw new DevServerError(`cannot read the JWKS ${file}: ${(err as Error).message}`);
    }
    if (!Array.isArray(jwks?.keys)) throw new DevServerError(`the JWKS ${file} has no "keys" array`);
  }
  return { jwt: { jwks, secret: options.jwtSecret ?? dotenv[DEV_KEYS.jwtSecret] }, apiKey: dotenv[DEV_KEYS.apiKey] };
}

/** What the platform itself sets and handlers commonly read, plus what Node needs to behave (PATH, TZ, LANG). */
function platformEnv(cloud: string, region: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ["PATH", "TZ", "LANG"]) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  if (cloud === "aws" && region) Object.assign(env, { AWS_REGION: region, AWS_DEFAULT_REGION: region });
  return env;
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE")
        reject(new DevServerError(`port ${port} on 127.0.0.1 is already in use; pick another with --port`));
      else if (err.code === "EACCES")
        reject(new DevServerError(`no permission to listen on port ${port}; use a port above 1023`));
      else reject(new DevServerError(`cannot listen on 127.0.0.1:${port}: ${err.message}`));
    });
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

/** One request through the gateway and the function, with one log line. */
async function serve(
  endpoint: ServedEndpoint,
  runners: Map<string, FunctionRunner>,
  auth: LocalAuth,
  log: (l: string) => void,
  port: number,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const started = process.hrtime.bigint();
  const method = req.method ?? "GET";
  const target = requestTarget(req, port);
  const shownPath = target.kind === "ok" ? target.pathname : JSON.stringify((req.url ?? "").slice(0, 60));
  let note: string | undefined;
  const finish = (status: number, headers: HeaderMap | [string, string][], body?: Uint8Array | string) => {
    const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(body as Uint8Array);
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of Array.isArray(headers) ? headers : Object.entries(headers)) {
      const name = k.toLowerCase();
      if (HOP_BY_HOP.has(name)) continue;
      if (name === "set-cookie") out[name] = [...((out[name] as string[]) ?? []), v];
      else out[name] = v;
    }
    if (target.kind === "ok") Object.assign(out, responseCors(endpoint, req));
    out["content-length"] = String(bytes.length);
    if (!res.headersSent) {
      res.writeHead(status, out);
      res.end(method === "HEAD" ? undefined : bytes);
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log(
      `[${endpoint.name}] ${method} ${shownPath} ${status} ${ms.toFixed(ms < 10 ? 1 : 0)} ms${note ? ` (${note})` : ""}`,
    );
  };
  const message = (status: number, text: string, extra: HeaderMap = {}) =>
    finish(status, { "content-type": "application/json", ...extra }, JSON.stringify({ message: text }));

  try {
    if (target.kind === "refuse") {
      note = target.note;
      req.resume();
      return message(target.status, target.message);
    }
    const decision = decide(endpoint, req, target.pathname, auth);
    if (decision.kind === "respond") {
      note = decision.note;
      return finish(
        decision.status,
        decision.headers,
        decision.body === undefined ? undefined : JSON.stringify(decision.body),
      );
    }
    const limit = endpoint.limits.requestBytes;
    const declared = Number(header(req, "content-length") ?? "0");
    if (declared > limit) {
      note = `request body ${formatBytes(declared)} over the ${endpoint.cloud} limit of ${formatBytes(limit)}`;
      res.setHeader("connection", "close");
      req.resume();
      return message(413, "Request Entity Too Large");
    }
    const body = await readBody(req, limit);
    if (body === undefined) {
      note = `request body over the ${endpoint.cloud} limit of ${formatBytes(limit)}`;
      res.setHeader("connection", "close");
      return message(413, "Request Entity Too Large");
    }
    const runner = runners.get(decision.fn);
    if (!runner) {
      note = `function ${decision.fn} has no portable entry`;
      return message(501, "Not Implemented");
    }
    let response: InvokeResponse;
    try {
      // The handler's URL is this server's own address, never built from the Host header the client chose.
      response = await runner.invoke(
        {
          method,
          url: `http://127.0.0.1:${port}${target.pathname}${target.search}`,
          headers: forwardedHeaders(req),
          body,
        },
        endpoint.limits.timeoutSeconds * 1000,
      );
    } catch (err) {
      if (err instanceof HandlerTimeout) {
        note = err.message;
        return message(504, "Gateway Timeout");
      }
      note = `${decision.fn} failed`;
      log(`[${decision.fn}] error: ${(err as Error).message}`);
      return message(500, "Internal Server Error");
    }
    const cap = endpoint.limits.responseBytes;
    if (cap !== undefined && response.body.byteLength > cap) {
      note = `response body ${formatBytes(response.body.byteLength)} over the ${endpoint.cloud} limit of ${formatBytes(cap)}`;
      return message(502, "Bad Gateway");
    }
    return finish(response.status, response.headers, response.body);
  } catch (err) {
    note = `dev server error: ${(err as Error).message}`;
    return message(500, "Internal Server Error");
  }
}

/** The request body, or undefined as soon as it passes `limit` bytes (the rest is drained, not kept). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? undefined : new Uint8Array(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}
