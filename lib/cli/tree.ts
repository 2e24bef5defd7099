import type { Plan, PlanResource } from "../engine/plan";
import { locationOf } from "../engine/location";

/**
 * A readable tree of a plan, like `cdk synth`'s summary: each component with its native resources grouped by
 * cloud and region (with counts), nested components indented, then totals per location.
 */
export function renderTree(plan: Plan): string {
  const children = new Map<string, PlanResource[]>();
  for (const r of plan.resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const components = plan.resources.filter((r) => !r.custom);
  const custom = plan.resources.length - components.length;
  const lines = [
    `${plan.project}/${plan.stack}: ${plan.resources.length} resources (${components.length} components, ${custom} cloud resources)`,
    "",
  ];

  const render = (parentUrn: string, depth: number): void => {
    const pad = "  ".repeat(depth);
    const kids = children.get(parentUrn) ?? [];
    const groups = new Map<string, PlanResource[]>();
    for (const r of kids.filter((k) => k.custom)) {
      const loc = locationOf(r);
      groups.set(loc, [...(groups.get(loc) ?? []), r]);
    }
    for (const loc of [...groups.keys()].sort()) {
      const rs = groups.get(loc)!;
      lines.push(`${pad}${loc} (${rs.length})`);
      const width = Math.max(...rs.map((r) => r.type.length));
      for (const r of rs) lines.push(`${pad}  ${r.type.padEnd(width)}  ${r.name}${flags(r)}`);
    }
    for (const c of kids.filter((k) => !k.custom)) {
      lines.push(`${pad}${shortType(c.type)} "${c.name}"  (${countBelow(c.urn)} resources)`);
      render(c.urn, depth + 1);
    }
  };
  const countBelow = (urn: string): number => (children.get(urn) ?? []).reduce((n, r) => n + 1 + countBelow(r.urn), 0);
  render("", 0);

  const totals = new Map<string, number>();
  for (const r of plan.resources) if (r.custom) totals.set(locationOf(r), (totals.get(locationOf(r)) ?? 0) + 1);
  lines.push("", "By location:");
  for (const loc of [...totals.keys()].sort()) lines.push(`  ${loc.padEnd(28)} ${totals.get(loc)}`);
  const outputs = Object.keys(plan.outputs);
  if (outputs.length) {
    lines.push("", "Outputs:");
    for (const key of outputs.sort()) lines.push(`  ${key}: ${shortJson(plan.outputs[key])}`);
  }
  return lines.join("\n");
}

function shortType(type: string): string {
  return type.startsWith("meridian:index:") ? type.slice("meridian:index:".length) : type;
}

function flags(r: PlanResource): string {
  const f = [
    r.protect ? "protected" : "",
    r.retainOnDelete ? "retained" : "",
    r.aliases.length ? "aliased" : "",
  ].filter(Boolean);
  return f.length ? `  [${f.join(", ")}]` : "";
}

/** An output on one line; a long one (an OpenAPI document) is cut, with its size: `--json` has it whole. */
function shortJson(value: unknown): string {
  const json = JSON.stringify(value) ?? "undefined";
  return json.length <= 160 ? json : `${json.slice(0, 120)}… (${json.length} characters; see --json)`;
}
