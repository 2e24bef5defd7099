import type { Plan, PlanResource } from "../engine/plan";
import { locationOf } from "../engine/location";

/** What a native resource is, for grouping and colour: the global front, DNS, the API layer, compute, the rest. */
export type NodeRole = "front" | "dns" | "api" | "compute" | "alarm" | "other";

export interface GraphNode {
  /** Stable id (`n0`, `n1`, ... in URN order). */
  readonly id: string;
  readonly urn: string;
  /** Logical name of the resource. */
  readonly name: string;
  /** Short type: `lambda.Function`, `web.WebApp`, `WorkersScript`. */
  readonly kind: string;
  readonly role: NodeRole;
}

/** The resources of one component in one location. */
export interface ComponentGroup {
  readonly id: string;
  /** `ApiGateway "api"`, or `(no component)` for top-level resources. */
  readonly label: string;
  readonly nodes: readonly GraphNode[];
}

/** A cloud region (or a global scope) and the component groups in it. */
export interface LocationGroup {
  readonly id: string;
  /** `aws:us-east-1`, `aws (global)`, `cloudflare`. */
  readonly label: string;
  readonly global: boolean;
  readonly components: readonly ComponentGroup[];
}

export interface Graph {
  readonly title: string;
  readonly locations: readonly LocationGroup[];
  /** `from` depends on `to` (from a `dependsOn` or an input that is an output of `to`). */
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

const ROLES: [NodeRole, RegExp][] = [
  // Alarms and where they notify (`alarms` of every component), before DNS: a Route 53 health alarm is an alarm.
  [
    "alarm",
    /cloudwatch\/metricAlarm|sns\/topic|monitoring\/alertPolicy|monitoring\/notificationChannel|monitoring\/uptimeCheckConfig|monitor:MetricAlert|monitor:ScheduledQueryRule|monitor:ActionGroup|notificationPolicy/i,
  ],
  [
    "dns",
    /route53\/record|route53\/healthCheck|:dns\/|dnsRecord|:index\/record:|recordSet|trafficmanager|managedZone|dns:Zone|:dns:/i,
  ],
  [
    "front",
    /cloudfront|frontdoor|:cdn:|globalForwardingRule|targetHttpsProxy|urlMap|backendService|globalAddress|loadBalancerPool|loadBalancerMonitor|index\/loadBalancer:|workersRoute|workersCustomDomain|workerDomain/i,
  ],
  ["api", /apigateway|apimanagement|apigatewayv2|api_gateway|:apigateway:/i],
  [
    "compute",
    /lambda\/function:|cloudfunctionsv2|cloudrun|cloudrunv2|web:WebApp|containerapp|workersScript|workerScript|ecs\/service|ecs\/taskDefinition|compute\/instance/i,
  ],
];

/** Role of a resource type, by its provider token. */
export function roleOf(type: string): NodeRole {
  for (const [role, re] of ROLES) if (re.test(type)) return role;
  return "other";
}

/** `aws:lambda/function:Function` → `lambda.Function`; `cloudflare:index/workersScript:WorkersScript` → `WorkersScript`. */
export function shortType(type: string): string {
  const [, mod = "", cls = type] = type.split(":");
  const module = mod.split("/")[0];
  return module && module !== "index" ? `${module}.${cls}` : cls;
}

/** `meridian:index:ApiGateway` + `api` → `ApiGateway "api"`. */
function componentLabel(r: PlanResource): string {
  return `${r.type.split(":").pop()} "${r.name}"`;
}

// Providers and Pulumi dynamic resources (the name seeds of lib/core/global-name.ts: state, no cloud) are not drawn.
const isDrawn = (r: PlanResource) => r.custom && !r.type.startsWith("pulumi:") && !r.type.startsWith("pulumi-nodejs:");

/** Global scopes first (the front and DNS that traffic meets first), then regions by name. */
function locationOrder(a: string, b: string): number {
  const rank = (l: string) => (l === "cloudflare" ? 0 : l.endsWith("(global)") ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The plan as a graph: native resources grouped by location, then by the component that owns them, and the
 * dependency edges between them. Deterministic: ids follow URN order, groups and nodes are sorted.
 */
export function buildGraph(plan: Plan): Graph {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const drawn = [...plan.resources].filter(isDrawn).sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  const ids = new Map(drawn.map((r, i) => [r.urn, `n${i}`]));

  const owner = (r: PlanResource): PlanResource | undefined => {
    for (let p = byUrn.get(r.parent); p; p = byUrn.get(p.parent))
      if (!p.custom && !p.type.startsWith("pulumi:")) return p;
    return undefined;
  };

  // Depth in the dependency graph (resources with no drawn dependencies first): the order inside a group.
  const depth = new Map<string, number>();
  const depthOf = (urn: string, seen: Set<string>): number => {
    if (depth.has(urn)) return depth.get(urn)!;
    if (seen.has(urn)) return 0;
    seen.add(urn);
    const deps = (byUrn.get(urn)?.dependencies ?? []).filter((d) => ids.has(d) && d !== urn);
    const d = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((x) => depthOf(x, seen)));
    depth.set(urn, d);
    return d;
  };

  const groups = new Map<string, Map<string, { label: string; nodes: { node: GraphNode; depth: number }[] }>>();
  for (const r of drawn) {
    const location = locationOf(r) || "(unplaced)";
    const comp = owner(r);
    const compKey = comp ? comp.urn : "";
    if (!groups.has(location)) groups.set(location, new Map());
    const byComp = groups.get(location)!;
    if (!byComp.has(compKey)) byComp.set(compKey, { label: comp ? componentLabel(comp) : "(no component)", nodes: [] });
    byComp.get(compKey)!.nodes.push({
      node: { id: ids.get(r.urn)!, urn: r.urn, name: r.name, kind: shortType(r.type), role: roleOf(r.type) },
      depth: depthOf(r.urn, new Set()),
    });
  }

  const locations: LocationGroup[] = [...groups.keys()].sort(locationOrder).map((label, li) => {
    const comps = [...groups.get(label)!.entries()]
      .sort(([ka, a], [kb, b]) => (ka === "" ? 1 : 0) - (kb === "" ? 1 : 0) || cmp(a.label, b.label) || cmp(ka, kb))
      .map(([, g], ci): ComponentGroup => ({
        id: `g${li}_${ci}`,
        label: g.label,
        nodes: g.nodes
          .sort((a, b) => a.depth - b.depth || cmp(a.node.kind, b.node.kind) || cmp(a.node.name, b.node.name))
          .map((n) => n.node),
      }));
    return { id: `g${li}`, label, global: label === "cloudflare" || label.endsWith("(global)"), components: comps };
  });

  const edges: { from: string; to: string }[] = [];
  const seen = new Set<string>();
  for (const r of drawn) {
    for (const dep of [...r.dependencies].sort()) {
      const from = ids.get(r.urn)!;
      const to = ids.get(dep);
      if (!to || to === from || seen.has(`${from}>${to}`)) continue;
      seen.add(`${from}>${to}`);
      edges.push({ from, to });
    }
  }
  return { title: `${plan.project} / ${plan.stack}`, locations, edges };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
