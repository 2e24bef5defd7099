import { isStateful } from "../engine/stateful";
import { Plan } from "../engine/plan";

/**
 * The identity of everything a program registers: its URNs. Pulumi matches resources between two deployments
 * by URN only, so a URN that changes (a renamed child, a new parent, a changed type) means delete + create —
 * for a stateful resource, its data lost — unless the new resource lists the old URN in its `aliases`.
 */
export interface UrnSnapshot {
  project: string;
  stack: string;
  /** Every URN of the plan, sorted. */
  urns: string[];
  /** URN → type of each stateful resource (lib/engine/stateful.ts): the ones whose replacement loses data. */
  stateful: Record<string, string>;
}

/** The URN snapshot of a plan: sorted, deterministic, ready to be written as JSON. */
export function urnSnapshot(plan: Plan): UrnSnapshot {
  const urns = plan.resources.map((r) => r.urn).sort();
  const stateful: Record<string, string> = {};
  for (const r of [...plan.resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0))) {
    if (isStateful(r.type)) stateful[r.urn] = r.type;
  }
  return { project: plan.project, stack: plan.stack, urns, stateful };
}

/** How a new plan relates to a snapshot. */
export interface UrnComparison {
  /** Snapshotted URNs that are neither in the new plan nor an alias of one of its resources: they would be deleted. */
  lost: string[];
  /** The subset of `lost` that is stateful (data loss), with its type. */
  lostStateful: { urn: string; type: string }[];
  /** Snapshotted URNs that moved, carried by an alias: old URN → new URN. */
  aliased: { from: string; to: string }[];
  /** URNs of the new plan that the snapshot does not know (new resources, or moved ones). */
  added: string[];
}

/** Compares a plan with an earlier snapshot of the same program. */
export function compareUrns(snapshot: UrnSnapshot, plan: Plan): UrnComparison {
  const now = new Set(plan.resources.map((r) => r.urn));
  const aliasOf = new Map<string, string>();
  for (const r of plan.resources) {
    for (const alias of r.aliases) if (typeof alias === "string") aliasOf.set(alias, r.urn);
  }
  const lost: string[] = [];
  const aliased: { from: string; to: string }[] = [];
  for (const urn of snapshot.urns) {
    if (now.has(urn)) continue;
    const to = aliasOf.get(urn);
    if (to !== undefined) aliased.push({ from: urn, to });
    else lost.push(urn);
  }
  const known = new Set(snapshot.urns);
  return {
    lost,
    lostStateful: lost
      .filter((u) => snapshot.stateful[u] !== undefined)
      .map((urn) => ({ urn, type: snapshot.stateful[urn] })),
    aliased,
    added: [...now].filter((u) => !known.has(u)).sort(),
  };
}

/** A failure message for lost URNs that says what happens and the two ways out. */
export function explainLostUrns(label: string, c: UrnComparison, updateCommand: string): string {
  const lines = [
    `${label}: ${c.lost.length} URN(s) changed without an alias; \`pulumi up\` would DELETE these resources and create new ones:`,
  ];
  const stateful = new Set(c.lostStateful.map((s) => s.urn));
  for (const urn of c.lost)
    lines.push(`  - ${urn}${stateful.has(urn) ? "   <- STATEFUL: its data would be lost" : ""}`);
  if (c.added.length > 0) {
    lines.push("New URNs in the plan (a renamed resource is probably among them):");
    for (const urn of c.added) lines.push(`  + ${urn}`);
  }
  lines.push(
    "If the rename was not intended, restore the old name. If it was, keep the resource by giving the new child an alias",
    'to its old identity, e.g. `{ parent: this, aliases: [{ name: "old-name" }] }` (a renamed child) or',
    "`aliases: [{ parent: oldParent }]` / `aliases: [{ parent: pulumi.rootStackResource }]` (a moved child).",
    `If the replacement is really wanted (nothing stateful is lost), refresh the snapshot: ${updateCommand}`,
  );
  return lines.join("\n");
}
