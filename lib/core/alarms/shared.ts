/**
 * Native notification targets shared by the components of one evaluation: the first component that needs a
 * target for a cloud (and scope, e.g. an AWS region) and a notify creates it, the others reuse it.
 *
 * The table lives on `globalThis` (one per process, shared by every copy of this module) and is emptied by
 * `resetRegistry()` at the start of every recording: `recordPlan` may evaluate many programs in one process,
 * and a target from an earlier evaluation must never leak into the next (it would be missing from its plan).
 */
const KEY = Symbol.for("meridian.alarmTargets");
type Holder = { [KEY]?: Map<string, { index: number; value: unknown }> };

function table(): Map<string, { index: number; value: unknown }> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) holder[KEY] = new Map();
  return holder[KEY]!;
}

/** Forgets every shared target: called with the registry reset at the start of every evaluation. */
export function resetAlarmTargets(): void {
  table().clear();
}

/**
 * The shared target of `scope` (e.g. `aws:us-east-1`) for the notify identified by `notifyKey`, created by
 * `create(suffix)` the first time. `suffix` is "" for the first notify of a scope and `-2`, `-3`, ... for the
 * next ones, in the program's order, so names are deterministic.
 */
export function sharedAlarmTarget<T>(scope: string, notifyKey: string, create: (suffix: string) => T): T {
  const t = table();
  const key = `${scope}\u0000${notifyKey}`;
  const found = t.get(key);
  if (found) return found.value as T;
  const index = [...t.keys()].filter((k) => k.startsWith(`${scope}\u0000`)).length + 1;
  const value = create(index === 1 ? "" : `-${index}`);
  t.set(key, { index, value });
  return value;
}
