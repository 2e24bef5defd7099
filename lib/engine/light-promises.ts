/**
 * The Pulumi Node SDK wraps every internal promise in `debuggablePromise`, which captures `new Error().stack` for
 * each one, so that `PULUMI_DEBUG_PROMISE_LEAKS=1` can say where a leaked promise was made. On the recording
 * engine that capture is most of the work: a CPU profile of a 500-function stack spent 26% of its time in it, 20%
 * more formatting the stack traces and a good share of the GC in keeping them (and under ts-node, with source-map
 * support installed, formatting costs far more). The recording keeps the leak bookkeeping and drops only the stack
 * capture, unless leak debugging is asked for. Nothing changes for `pulumi up`, which never loads this module.
 */

// Internal SDK modules, untyped: the same ones the runtime itself calls through its exports objects. Present with
// this shape in every @pulumi/pulumi of the peer range (3.142 to today's 3.27x, checked by the consumer test); if
// a future SDK moves them, the recording keeps the SDK's own (slower) promises instead of failing.

interface DebuggableModule {
  debuggablePromise: (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
}
interface StateModule {
  getStore(): { leakCandidates?: Set<Promise<unknown>> };
}

function sdkInternals(): { debuggable: DebuggableModule; state: StateModule } | undefined {
  try {
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
    const state = require("@pulumi/pulumi/runtime/state") as StateModule;
    if (typeof debuggable.debuggablePromise !== "function" || typeof state.getStore !== "function") return undefined;
    if (!(state.getStore().leakCandidates instanceof Set)) return undefined;
    return { debuggable, state };
  } catch {
    return undefined;
  }
}

let installed = false;

/**
 * Replaces the SDK's `debuggablePromise` with the same bookkeeping minus the stack capture (idempotent). A no-op
 * when leak debugging is on or the SDK's internals are not where they have been (then only speed is lost).
 */
export function useLightPromises(): void {
  if (installed || process.env.PULUMI_DEBUG_PROMISE_LEAKS) return;
  installed = true;
  const sdk = sdkInternals();
  if (!sdk) return;
  const { debuggable, state } = sdk;
  debuggable.debuggablePromise = function lightPromise<T>(p: Promise<T>, ctx: unknown): Promise<T> {
    Object.defineProperty(p, "_debugCtx", { writable: true, value: ctx });
    const candidates = state.getStore().leakCandidates!;
    candidates.add(p);
    return p
      .then((value) => {
        candidates.delete(p);
        return value;
      })
      .catch((err) => {
        candidates.delete(p);
        err.promise = p;
        throw err;
      });
  } as DebuggableModule["debuggablePromise"];
}
