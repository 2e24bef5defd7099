import { resetAlarmTargets } from "./alarms/shared";
import type { ApiSpec } from "./api/model";
import type { FunctionHandle } from "./function-handle";

/**
 * What the components of the program being evaluated declared, kept in-process for local tools: the dev
 * server reads the APIs and function URLs from here after evaluating a stack on the recording engine.
 *
 * Collection is off unless a tool asks for it (`collectingRegistrations`): the handles reference every
 * resource, and holding them through an ordinary evaluation would keep the whole resource graph alive
 * (more memory, more garbage-collection work) for nothing.
 */
export interface Registry {
  readonly apis: ApiSpec[];
  /** Every function, with whether it has its own public URL (`url: true`). */
  readonly functions: Array<{ handle: FunctionHandle; url: boolean }>;
}

const KEY = Symbol.for("meridian.registry");
type Holder = { [KEY]?: { registry: Registry; collecting: boolean } };

function state(): { registry: Registry; collecting: boolean } {
  const holder = globalThis as Holder;
  if (!holder[KEY]) holder[KEY] = { registry: { apis: [], functions: [] }, collecting: false };
  return holder[KEY]!;
}

/** The registry of the current evaluation (one per process, shared by every copy of this module). */
export function registry(): Registry {
  return state().registry;
}

/** Forgets everything registered so far: called at the start of every recording. */
export function resetRegistry(): void {
  state().registry = { apis: [], functions: [] };
  // Shared alarm targets belong to one evaluation too.
  resetAlarmTargets();
}

/** Runs `fn` (an evaluation) with registrations collected, then stops collecting; the registry keeps what came. */
export async function collectingRegistrations<T>(fn: () => Promise<T>): Promise<T> {
  const s = state();
  s.collecting = true;
  try {
    return await fn();
  } finally {
    s.collecting = false;
  }
}

export function registerApi(model: ApiSpec): void {
  if (state().collecting) state().registry.apis.push(model);
}

export function registerFunction(handle: FunctionHandle, url: boolean): void {
  if (state().collecting) state().registry.functions.push({ handle, url });
}
