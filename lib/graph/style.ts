import type { NodeRole } from "./model";

/** Fill and stroke per role: the same palette in every format. */
export const ROLE_COLORS: Record<NodeRole, { fill: string; stroke: string }> = {
  front: { fill: "#ffe8cc", stroke: "#e8590c" },
  dns: { fill: "#fff3bf", stroke: "#f08c00" },
  api: { fill: "#d0ebff", stroke: "#1c7ed6" },
  compute: { fill: "#d3f9d8", stroke: "#2f9e44" },
  alarm: { fill: "#ffe3e3", stroke: "#e03131" },
  other: { fill: "#f1f3f5", stroke: "#868e96" },
};

export const ROLE_LABELS: Record<NodeRole, string> = {
  front: "global front / load balancing",
  dns: "DNS and health checks",
  api: "API gateway",
  compute: "compute",
  alarm: "alarm and notification",
  other: "supporting resource",
};

export const ROLES: readonly NodeRole[] = ["front", "dns", "api", "compute", "alarm", "other"];
