import { stableStringify } from "../core/hash";
import type { Plan, PlanResource } from "../engine/plan";
import { isStateful, replacingInputs } from "../engine/stateful";

export interface DiffEntry {
  urn: string;
  type: string;
  stateful: boolean;
  /** Why it is replaced: the inputs that force a new resource, or "URN changed without alias". */
  reason?: string;
  /** For a resource moved under a new URN with an alias: the URN it had. */
  from?: string;
  /** The inputs that differ (top-level keys), for updates and replacements. */
  changed?: string[];
}

export interface PlanDiff {
  added: DiffEntry[];
  removed: DiffEntry[];
  replaced: DiffEntry[];
  updated: DiffEntry[];
  /** Resources whose URN changed but an alias carries them over: no replacement. */
  renamed: DiffEntry[];
  /** Stateful resources deleted or replaced: data lost. */
  dataLoss: DiffEntry[];
}

/**
 * What applying `next` over `previous` would do, like `cdk diff`: added, removed, replaced (a replacing input
 * changed, or the resource's protection against replacement was lost), updated in place, and renamed under an
 * alias. Deleting or replacing a stateful resource is data loss and is listed again in `dataLoss`.
 */
export function diffPlans(previous: Plan, next: Plan): PlanDiff {
  const before = new Map(previous.resources.map((r) => [r.urn, r]));
  const after = new Map(next.resources.map((r) => [r.urn, r]));
  const aliasOf = new Map<string, PlanResource>();
  for (const r of next.resources) for (const a of r.aliases) if (typeof a === "string") aliasOf.set(a, r);

  const diff: PlanDiff = { added: [], removed: [], replaced: [], updated: [], renamed: [], dataLoss: [] };
  const entry = (r: PlanResource, extra: Partial<DiffEntry> = {}): DiffEntry => ({
    urn: r.urn,
    type: r.type,
    stateful: isStateful(r.type),
    ...extra,
  });

  for (const [urn, old] of before) {
    const now = after.get(urn);
    if (now) {
      compare(old, now, diff, entry);
      continue;
    }
    const moved = aliasOf.get(urn);
    if (moved) {
      diff.renamed.push(entry(moved, { from: urn }));
      compare(old, moved, diff, entry);
      continue;
    }
    const e = entry(old, { reason: "not in the new plan" });
    diff.removed.push(e);
    if (e.stateful) diff.dataLoss.push(e);
  }
  for (const [urn, r] of after) {
    const carried = r.aliases.some((a) => typeof a === "string" && before.has(a));
    if (!before.has(urn) && !carried) diff.added.push(entry(r));
  }
  return diff;
}

function compare(
  old: PlanResource,
  now: PlanResource,
  diff: PlanDiff,
  entry: (r: PlanResource, extra?: Partial<DiffEntry>) => DiffEntry,
): void {
  if (stableStringify(old.inputs) === stableStringify(now.inputs) && old.type === now.type) return;
  const changed = [...new Set([...Object.keys(old.inputs), ...Object.keys(now.inputs)])]
    .filter((k) => stableStringify(old.inputs[k]) !== stableStringify(now.inputs[k]))
    .sort();
  const keys = new Set([...replacingInputs(now.type), ...now.replaceOnChanges]);
  const forcing = [...keys].filter((k) => changed.includes(k));
  if (old.type !== now.type) forcing.unshift("type");
  if (forcing.length === 0) {
    diff.updated.push(entry(now, { changed }));
    return;
  }
  const e = entry(now, { reason: `changed ${forcing.join(", ")}`, changed });
  diff.replaced.push(e);
  if (e.stateful) diff.dataLoss.push(e);
}
