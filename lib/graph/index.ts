import type { Plan } from "../engine/plan";
import { renderDot } from "./dot";
import { renderMermaid } from "./mermaid";
import { buildGraph } from "./model";
import { renderSvg } from "./svg";

export { buildGraph, roleOf, shortType } from "./model";
export type { Graph, GraphNode, ComponentGroup, LocationGroup, NodeRole } from "./model";
export { renderDot, renderMermaid, renderSvg };

export const GRAPH_FORMATS = ["mermaid", "svg", "dot"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** The plan drawn in one format: Mermaid text, Graphviz DOT, or a standalone SVG. Deterministic. */
export function renderGraph(plan: Plan, format: GraphFormat): string {
  const graph = buildGraph(plan);
  return format === "mermaid" ? renderMermaid(graph) : format === "dot" ? renderDot(graph) : renderSvg(graph);
}
