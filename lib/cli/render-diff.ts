import type { PlanDiff } from "./diff";

/** The diff as text: one line per change, data loss called out first. */
export function renderDiff(diff: PlanDiff): string {
  const lines: string[] = [];
  if (diff.dataLoss.length) {
    lines.push(`DATA LOSS: ${diff.dataLoss.length} stateful resource(s) would be deleted or replaced:`);
    for (const e of diff.dataLoss) lines.push(`  !! ${e.urn}  (${e.reason ?? "replaced"})`);
    lines.push('  Add an alias (see README, "Safety") if this is a rename, or protect the resource.', "");
  }
  const section = (title: string, mark: string, list: PlanDiff["added"]) => {
    if (!list.length) return;
    lines.push(`${title} (${list.length}):`);
    for (const e of list) {
      lines.push(`  ${mark} ${e.urn}${e.reason ? `  (${e.reason})` : ""}${e.from ? `  (was ${e.from})` : ""}`);
      if (mark === "~" && e.changed?.length) lines.push(`      inputs: ${e.changed.join(", ")}`);
    }
  };
  section("Replaced", "+-", diff.replaced);
  section("Removed", "-", diff.removed);
  section("Added", "+", diff.added);
  section("Updated in place", "~", diff.updated);
  section("Renamed under an alias", "=", diff.renamed);
  if (!lines.length) lines.push("No changes.");
  return lines.join("\n");
}
