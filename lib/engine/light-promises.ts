/**
 * The Pulumi Node SDK wraps every internal promise in `debuggablePromise`, which captures `new Error().stack` for
 * each one, so that `PULUMI_DEBUG_PROMISE_LEAKS=1` can say where a leaked promise was made. On the recording
 * engine that capture is most of the work: a CPU profile of a 500-function stack spent 26% of its time in it, 20%
 * more formatting the stack traces and a good share of the GC in keeping them (and under ts-node, with source-map
 * support installed, formatting costs far more). The recording keeps the leak bookkeeping and drops only the stack
 * capture, unless leak debugging is asked for. Nothing changes for `pulumi up`, which never loads this module.
 */

// Internal SDK modules, untyped: the same ones the runtime itself calls through its exports objects.

const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debuggablePromise: (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
};

const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates: Set<Promise<unknown>> } };

let installed = false;

/** Replaces the SDK's `debuggablePromise` with the same bookkeeping minus the stack capture (idempotent). */
export function useLightPromises(): void {
  if (installed || process.env.PULUMI_DEBUG_PROMISE_LEAKS) return;
  installed = true;
  debuggable.debuggablePromise = function lightPromise<T>(p: Promise<T>, ctx: unknown): Promise<T> {
    Object.defineProperty(p, "_debugCtx", { writable: true, value: ctx });
    const candidates = state.getStore().leakCandidates;
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
  } as typeof debuggable.debuggablePromise;
}
