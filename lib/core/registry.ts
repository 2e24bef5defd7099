import type { ApiModel } from "./api/model";
import type { FunctionHandle } from "./function-handle";

/**
 * What the components of the program being evaluated declared, kept in-process for local tools: the dev
 * server reads the APIs and function URLs from here after evaluating a stack on the recording engine.
 * Each recording starts with an empty registry.
 */
export interface Registry {
  readonly apis: ApiModel[];
  /** Every function, with whether it has its own public URL (`url: true`). */
  readonly functions: Array<{ handle: FunctionHandle; url: boolean }>;
}

const KEY = Symbol.for("meridian.registry");
type Holder = { [KEY]?: Registry };

/** The registry of the current evaluation (one per process, shared by every copy of this module). */
export function registry(): Registry {
  const holder = globalThis as Holder;
  if (!holder[KEY]) holder[KEY] = { apis: [], functions: [] };
  return holder[KEY]!;
}

/** Forgets everything registered so far: called at the start of every recording. */
export function resetRegistry(): void {
  (globalThis as Holder)[KEY] = { apis: [], functions: [] };
}

export function registerApi(model: ApiModel): void {
  registry().apis.push(model);
}

export function registerFunction(handle: FunctionHandle, url: boolean): void {
  registry().functions.push({ handle, url });
}
