import type { PolicyRule } from "../model";
import { get, list, str } from "../values";

/** Ports the world may reach: HTTPS, and HTTP (which every front of Meridian only redirects to HTTPS). */
const WEB_PORTS = new Set([80, 443]);
const WORLD = new Set(["0.0.0.0/0", "::/0", "*", "internet", "any"]);

const isWorld = (cidr: unknown) => typeof cidr === "string" && WORLD.has(cidr.trim().toLowerCase());

/** True when the port range [from, to] reaches a port other than 80 and 443 (all ports: `-1`, `*`, 0-65535). */
function beyondWeb(from: number | undefined, to: number | undefined): boolean {
  if (from === undefined || to === undefined || from < 0 || to < 0) return true;
  if (from > to) return false;
  // Only a single-port range can stay within {80, 443}: any wider one includes a port in between or beyond.
  return !(from === to && WEB_PORTS.has(from));
}

/** `"22"`, `"8000-8100"`, `"*"` → a range (`*` = every port). */
function parseRange(value: unknown): [number, number] | undefined {
  const s = str(value)?.trim();
  if (!s) return undefined;
  if (s === "*") return [0, 65535];
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  return m ? [Number(m[1]), Number(m[2] ?? m[1])] : undefined;
}

/** True when any of the port strings (`"22"`, `"8000-8100"`, `"*"`) reaches beyond 80/443; an unreadable one counts. */
function anyBeyondWeb(ports: unknown[]): boolean {
  return ports.some((p) => {
    const range = parseRange(p);
    return !range || beyondWeb(range[0], range[1]);
  });
}

const num = (v: unknown) => (typeof v === "number" ? v : undefined);
const allProtocols = (p: unknown) => p === "-1" || p === "all" || p === "*" || p === -1;

/** One AWS ingress permission open to the world on a port other than 80/443. */
function awsIngress(from: unknown, to: unknown, protocol: unknown, cidrs: unknown[]): string[] {
  const world = cidrs.filter(isWorld);
  if (world.length === 0) return [];
  const open = allProtocols(protocol) ? true : beyondWeb(num(from), num(to));
  return open
    ? [
        `ingress from ${world.join(", ")} on ${allProtocols(protocol) ? "every port" : `ports ${from}-${to}`}: only 80 and 443 may be open to the world`,
      ]
    : [];
}

export const noWorldOpenPorts: PolicyRule = {
  name: "network-no-world-open-ports",
  description:
    "No AWS security group (or ingress rule), Google Cloud firewall or Azure network security rule may admit the whole internet (0.0.0.0/0, ::/0, *, Internet) on any port other than 80 and 443, or on every protocol. Why: SSH, RDP, databases and admin ports must never face the internet; public services sit behind load balancers that listen on 443 (80 only to redirect).",
  clouds: ["aws", "gcp", "azure"],
  scope: "resource",
  types: [
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/securityGroupRule:SecurityGroupRule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "gcp:compute/firewall:Firewall",
    "azure-native:network:NetworkSecurityGroup",
    "azure-native:network:SecurityRule",
  ],
  check(r) {
    const i = r.inputs;
    switch (r.type) {
      case "aws:ec2/securityGroup:SecurityGroup":
        return list(i.ingress).flatMap((x) => {
          const rule = (x ?? {}) as Record<string, unknown>;
          return awsIngress(rule.fromPort, rule.toPort, rule.protocol, [
            ...list(rule.cidrBlocks),
            ...list(rule.ipv6CidrBlocks),
          ]);
        });
      case "aws:ec2/securityGroupRule:SecurityGroupRule":
        return i.type === "ingress"
          ? awsIngress(i.fromPort, i.toPort, i.protocol, [...list(i.cidrBlocks), ...list(i.ipv6CidrBlocks)])
          : [];
      case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
        return awsIngress(i.fromPort, i.toPort, i.ipProtocol, [i.cidrIpv4, i.cidrIpv6]);
      case "gcp:compute/firewall:Firewall": {
        if ((str(i.direction) ?? "INGRESS") !== "INGRESS") return [];
        const world = list(i.sourceRanges).filter(isWorld);
        if (world.length === 0) return [];
        return list(i.allows).flatMap((a) => {
          const allow = (a ?? {}) as Record<string, unknown>;
          const ports = list(allow.ports);
          const open = allProtocols(allow.protocol) || ports.length === 0 || anyBeyondWeb(ports);
          return open
            ? [
                `firewall admits ${world.join(", ")} on ${ports.length ? `ports ${ports.join(", ")}` : "every port"} (${str(allow.protocol) ?? "?"}): only 80 and 443 may be open to the world`,
              ]
            : [];
        });
      }
      case "azure-native:network:NetworkSecurityGroup":
        return list(i.securityRules).flatMap((x) => azureRule((x ?? {}) as Record<string, unknown>));
      case "azure-native:network:SecurityRule":
        return azureRule(i);
    }
    return [];
  },
};

function azureRule(rule: Record<string, unknown>): string[] {
  if (str(rule.direction) !== "Inbound" || str(rule.access) !== "Allow") return [];
  const sources = [rule.sourceAddressPrefix, ...list(rule.sourceAddressPrefixes)].filter(isWorld);
  if (sources.length === 0) return [];
  const ranges = [rule.destinationPortRange, ...list(rule.destinationPortRanges)].filter((p) => p !== undefined);
  const open = ranges.length === 0 || anyBeyondWeb(ranges);
  const label = str(rule.name) ? `security rule ${str(rule.name)}` : "security rule";
  return open
    ? [
        `${label} admits ${sources.join(", ")} on ${ranges.join(", ") || "every port"}: only 80 and 443 may be open to the world`,
      ]
    : [];
}

export const databasesNotPublic: PolicyRule = {
  name: "database-not-public",
  description:
    "No AWS RDS instance or cluster instance may be publiclyAccessible, and no Cloud SQL instance may have public IPv4 with an authorized network of 0.0.0.0/0. Why: data stores are reached from inside the network, never from the internet.",
  clouds: ["aws", "gcp"],
  scope: "resource",
  types: [
    "aws:rds/instance:Instance",
    "aws:rds/clusterInstance:ClusterInstance",
    "gcp:sql/databaseInstance:DatabaseInstance",
  ],
  check(r) {
    if (r.type === "gcp:sql/databaseInstance:DatabaseInstance") {
      const world = list(get(r.inputs, "settings.ipConfiguration.authorizedNetworks")).some((n) =>
        isWorld(get(n, "value")),
      );
      return get(r.inputs, "settings.ipConfiguration.ipv4Enabled") !== false && world
        ? ["Cloud SQL admits 0.0.0.0/0 on its public IP"]
        : [];
    }
    return r.inputs.publiclyAccessible === true ? ["database is publiclyAccessible: reach it from inside the VPC"] : [];
  },
};
