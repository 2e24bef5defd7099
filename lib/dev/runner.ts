import * as fs from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import * as esbuild from "esbuild";
import { WORKER_SOURCE } from "./worker-source";

/** A request as handed to a function: what the gateway forwards. */
export interface InvokeRequest {
  readonly method: string;
  /** Absolute URL the handler sees (`http://127.0.0.1:3000/users?limit=2`). */
  readonly url: string;
  readonly headers: [string, string][];
  readonly body?: Uint8Array;
}

export interface InvokeResponse {
  readonly status: number;
  readonly headers: [string, string][];
  readonly body: Uint8Array;
}

/** The handler threw, returned something that is not a Response, or could not be loaded. */
export class HandlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HandlerError";
  }
}

/** The handler did not answer within the limit. */
export class HandlerTimeout extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HandlerTimeout";
  }
}

export interface RunnerOptions {
  /** The ServerlessFunction's logical name (log prefix, bundle file name). */
  readonly name: string;
  /** Absolute path of the portable handler. */
  readonly entry: string;
  /** The function's environment: the worker's whole `process.env`. */
  readonly env: Record<string, string>;
  /** Where the bundle is written (a temporary directory, never the repository). */
  readonly outDir: string;
  /** Rebuild and reload when a source file changes. */
  readonly watch: boolean;
  /** esbuild target, e.g. `node20`. */
  readonly target: string;
  /** One line of output (build results, the handler's own console output). */
  readonly log: (line: string) => void;
}

interface Pending {
  resolve: (res: InvokeResponse) => void;
  reject: (err: Error) => void;
}

interface Instance {
  worker: Worker;
  /** Resolves when the bundle is loaded; holds the load error, if any. */
  ready: Promise<string | undefined>;
  pending: Map<number, Pending>;
  retired: boolean;
}

/**
 * Runs one portable handler in-process, in its own worker thread: bundled by an esbuild context (CommonJS for
 * Node, inline source maps), rebuilt when one of its source files changes, and swapped for a fresh worker
 * after each successful build. In-flight requests finish on the worker they started on.
 */
export class FunctionRunner {
  private ctx?: esbuild.BuildContext;
  private current?: Instance;
  private watchers: fs.FSWatcher[] = [];
  private watchedDirs = new Set<string>();
  private inputs = new Set<string>();
  private rebuildTimer?: NodeJS.Timeout;
  private nextId = 1;
  private closed = false;
  private readonly outfile: string;
  /** Settles after each build (initial and rebuilds): tests and callers can wait for a reload. */
  private buildListeners: Array<(ok: boolean) => void> = [];

  private constructor(private readonly opts: RunnerOptions) {
    this.outfile = path.join(opts.outDir, `${opts.name.replace(/[^A-Za-z0-9_-]/g, "_")}.js`);
  }

  /** Bundles the handler and starts its worker. Rejects with the build errors when the first build fails. */
  static async start(opts: RunnerOptions): Promise<FunctionRunner> {
    const runner = new FunctionRunner(opts);
    await runner.init();
    return runner;
  }

  private async init(): Promise<void> {
    this.ctx = await esbuild.context({
      entryPoints: [this.opts.entry],
      outfile: this.outfile,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: this.opts.target,
      sourcemap: "inline",
      metafile: true,
      logLevel: "silent",
      absWorkingDir: path.dirname(this.opts.entry),
    });
    let result: esbuild.BuildResult<{ metafile: true }>;
    try {
      result = await this.ctx.rebuild();
    } catch (err) {
      await this.ctx.dispose();
      const errors = (err as esbuild.BuildFailure).errors;
      throw new HandlerError(`cannot bundle ${this.opts.entry}:\n${errors ? formatMessages(errors) : String(err)}`);
    }
    this.afterBuild(result);
    this.current = this.spawn();
  }

  /** Waits for the next build to finish (true when it succeeded). */
  nextBuild(): Promise<boolean> {
    return new Promise((resolve) => this.buildListeners.push(resolve));
  }

  /** Sends a request to the handler. Rejects with HandlerError or HandlerTimeout. */
  async invoke(request: InvokeRequest, timeoutMs: number): Promise<InvokeResponse> {
    if (this.closed) throw new HandlerError("the dev server is shutting down");
    if (!this.current || this.current.retired) this.current = this.spawn();
    const instance = this.current;
    const loadError = await instance.ready;
    if (loadError) throw new HandlerError(`cannot load ${this.opts.entry}: ${loadError}`);
    const id = this.nextId++;
    return new Promise<InvokeResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        instance.pending.delete(id);
        reject(new HandlerTimeout(`${this.opts.name} did not answer within ${timeoutMs / 1000} s`));
        // A handler stuck in a loop would hold the thread forever: replace the worker as the platform would.
        this.retire(instance, "a request timed out");
      }, timeoutMs);
      instance.pending.set(id, {
        resolve: (res) => {
          clearTimeout(timer);
          resolve(res);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
      const body = request.body && request.body.byteLength > 0 ? request.body : undefined;
      instance.worker.postMessage(
        { id, method: request.method, url: request.url, headers: request.headers, body },
        body ? [body.buffer as ArrayBuffer] : [],
      );
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.rebuildTimer);
    for (const w of this.watchers) w.close();
    this.watchers = [];
    if (this.current) await this.retire(this.current, "the dev server stopped", true);
    await this.ctx?.dispose();
    fs.rmSync(this.outfile, { force: true });
  }

  private spawn(): Instance {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env: { ...this.opts.env },
      workerData: { bundle: this.outfile },
      stdout: true,
      stderr: true,
    });
    const pending = new Map<number, Pending>();
    let markReady!: (err: string | undefined) => void;
    const instance: Instance = { worker, pending, retired: false, ready: new Promise((r) => (markReady = r)) };
    pipeLines(worker.stdout, (line) => this.opts.log(`[${this.opts.name}] ${line}`));
    pipeLines(worker.stderr, (line) => this.opts.log(`[${this.opts.name}] ${line}`));
    worker.on(
      "message",
      (msg: {
        type: string;
        id?: number;
        error?: string;
        status?: number;
        headers?: [string, string][];
        body?: Uint8Array;
      }) => {
        if (msg.type === "ready") return markReady(undefined);
        if (msg.type === "load-error") {
          this.opts.log(`[${this.opts.name}] error: cannot load the handler: ${msg.error}`);
          return markReady(msg.error);
        }
        const p = pending.get(msg.id!);
        if (!p) return;
        pending.delete(msg.id!);
        if (msg.error !== undefined) p.reject(new HandlerError(msg.error));
        else p.resolve({ status: msg.status!, headers: msg.headers!, body: msg.body ?? new Uint8Array() });
        if (instance.retired && pending.size === 0) void worker.terminate();
      },
    );
    const fail = (why: string) => {
      markReady(why);
      instance.retired = true;
      for (const p of pending.values()) p.reject(new HandlerError(why));
      pending.clear();
    };
    worker.on("error", (err) => {
      this.opts.log(`[${this.opts.name}] error: the handler crashed: ${err.stack ?? err}`);
      fail(`the handler crashed: ${err.message}`);
    });
    worker.on("exit", () => fail("the handler's worker exited"));
    return instance;
  }

  private async retire(instance: Instance, why: string, now = false): Promise<void> {
    instance.retired = true;
    if (this.current === instance) this.current = undefined;
    if (now || instance.pending.size === 0 || why.includes("timed out")) {
      for (const p of instance.pending.values()) p.reject(new HandlerError(`the handler's worker was stopped: ${why}`));
      instance.pending.clear();
      await instance.worker.terminate();
    }
  }

  private afterBuild(result: esbuild.BuildResult<{ metafile: true }>): void {
    const base = path.dirname(this.opts.entry);
    this.inputs = new Set(
      Object.keys(result.metafile.inputs)
        .filter((f) => !f.includes("node_modules"))
        .map((f) => path.resolve(base, f)),
    );
    if (this.opts.watch) this.watchInputs();
  }

  /** Watches the directories of the bundle's inputs (editors replace files, which a per-file watch would miss). */
  private watchInputs(): void {
    for (const dir of new Set([...this.inputs].map((f) => path.dirname(f)))) {
      if (this.watchedDirs.has(dir)) continue;
      this.watchedDirs.add(dir);
      try {
        this.watchers.push(
          fs.watch(dir, (_event, file) => {
            if (file && this.inputs.has(path.join(dir, file.toString()))) this.scheduleRebuild();
          }),
        );
      } catch {
        // A directory that cannot be watched (removed, permissions): changes there need a restart.
      }
    }
  }

  private scheduleRebuild(): void {
    clearTimeout(this.rebuildTimer);
    this.rebuildTimer = setTimeout(() => void this.rebuild(), 50);
  }

  private async rebuild(): Promise<void> {
    if (this.closed || !this.ctx) return;
    const started = Date.now();
    let ok = false;
    try {
      const result = await this.ctx.rebuild();
      this.afterBuild(result);
      const previous = this.current;
      this.current = this.spawn();
      if (previous) void this.retire(previous, "reloaded");
      ok = true;
      this.opts.log(`[${this.opts.name}] reloaded ${path.basename(this.opts.entry)} (${Date.now() - started} ms)`);
    } catch (err) {
      const errors = (err as esbuild.BuildFailure).errors;
      this.opts.log(
        `[${this.opts.name}] error: rebuild failed, still serving the last good build:\n${errors ? formatMessages(errors) : String(err)}`,
      );
    }
    const listeners = this.buildListeners;
    this.buildListeners = [];
    for (const l of listeners) l(ok);
  }
}

function formatMessages(messages: esbuild.Message[]): string {
  return messages
    .map((m) => `  ${m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : ""}${m.text}`)
    .join("\n");
}

function pipeLines(stream: NodeJS.ReadableStream, line: (s: string) => void): void {
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      line(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  });
  stream.on("end", () => {
    if (buffered) line(buffered);
    buffered = "";
  });
}
