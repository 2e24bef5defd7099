/**
 * The real-cloud suite's measuring parts, free of Pulumi and of any cloud: probing a URL until it answers, and
 * timing how long clients take to move from one answer to another. Clock, sleep and fetch are injectable so the
 * unit tests (test/cloud-harness.test.ts) drive them against servers on 127.0.0.1.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface ProbeOptions {
  /** Give up after this long. */
  timeoutMs: number;
  /** Pause between attempts. */
  intervalMs: number;
  /** Longest wait for one request. @default 10000 */
  requestTimeoutMs?: number;
  /** What counts as an answer. @default any status below 500 */
  accept?: (status: number) => boolean;
  /** Plain http:// is refused unless the host is a loopback address and this is set (tests only). @default false */
  allowLoopbackHttp?: boolean;
  clock?: Clock;
  fetch?: typeof fetch;
}

export interface ProbeResult {
  readonly url: string;
  readonly ok: boolean;
  readonly status?: number;
  readonly attempts: number;
  /** From the first attempt to the answer (or to giving up). */
  readonly elapsedMs: number;
  /** Why the last attempt failed, when it did. */
  readonly error?: string;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Why a URL may not be probed, or undefined: the suite probes deployed endpoints over HTTPS only. */
export function probeRefusal(url: string, allowLoopbackHttp = false): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `not a URL: ${url}`;
  }
  if (parsed.protocol === "https:") return undefined;
  if (parsed.protocol === "http:" && allowLoopbackHttp && LOOPBACK.has(parsed.hostname)) return undefined;
  return `not HTTPS: ${url}`;
}

/** Requests `url` until it answers with an accepted status or `timeoutMs` passes. Never throws. */
export async function probeUntilAnswers(url: string, options: ProbeOptions): Promise<ProbeResult> {
  const clock = options.clock ?? realClock;
  const doFetch = options.fetch ?? fetch;
  const accept = options.accept ?? ((s: number) => s < 500);
  const refusal = probeRefusal(url, options.allowLoopbackHttp);
  if (refusal) return { url, ok: false, attempts: 0, elapsedMs: 0, error: refusal };
  const start = clock.now();
  let attempts = 0;
  let status: number | undefined;
  let error: string | undefined;
  for (;;) {
    attempts++;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.requestTimeoutMs ?? 10_000);
    try {
      const response = await doFetch(url, { signal: controller.signal, redirect: "manual" });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (accept(status)) return { url, ok: true, status, attempts, elapsedMs: clock.now() - start };
      error = `status ${status}`;
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    } finally {
      clearTimeout(timer);
    }
    if (clock.now() - start + options.intervalMs > options.timeoutMs)
      return { url, ok: false, status, attempts, elapsedMs: clock.now() - start, error };
    await clock.sleep(options.intervalMs);
  }
}

export interface MoveOptions {
  timeoutMs: number;
  intervalMs: number;
  clock?: Clock;
}

export interface MoveResult {
  readonly moved: boolean;
  /** From the start of the measurement to the first sample that is no longer `from`. */
  readonly elapsedMs: number;
  readonly samples: number;
  /** The answer clients moved to. */
  readonly to?: string;
  readonly error?: string;
}

/**
 * Samples who answers (`sample`: a region name, an address set…) until it is no longer `from`: the time clients
 * take to move after a drain. A failed sample counts as not moved yet (DNS and load balancers flap while they
 * converge). Never throws.
 */
export async function measureMove(
  sample: () => Promise<string>,
  from: string,
  options: MoveOptions,
): Promise<MoveResult> {
  const clock = options.clock ?? realClock;
  const start = clock.now();
  let samples = 0;
  let error: string | undefined;
  for (;;) {
    samples++;
    try {
      const who = await sample();
      if (who !== from) return { moved: true, elapsedMs: clock.now() - start, samples, to: who };
      error = undefined;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (clock.now() - start + options.intervalMs > options.timeoutMs)
      return { moved: false, elapsedMs: clock.now() - start, samples, error };
    await clock.sleep(options.intervalMs);
  }
}

/** Every https:// URL in a stack's outputs (nested maps and lists too), with the output path that holds it. */
export function urlOutputs(outputs: Record<string, unknown>): { path: string; url: string }[] {
  const found: { path: string; url: string }[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") {
      if (/^https:\/\/[^\s]+$/.test(value)) found.push({ path, url: value });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`));
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(outputs, "");
  return found.sort((a, b) => (a.path < b.path ? -1 : 1));
}
