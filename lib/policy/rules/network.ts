import type { PolicyContext, PolicyRule } from "../model";
import { anyOpaque, cannotCheck, get, list, opacity, str } from "../values";
import { admitsInternet } from "./cidr";

/** Ports the world may reach: HTTPS, and HTTP (which every front of Meridian only redirects to HTTPS). */
const WEB_PORTS = new Set([80, 443]);

/**
 * The sources that admit the internet, or the reason they cannot be read (a secret or unknown CIDR could be
 * 0.0.0.0/0: fail closed). `fields` are the raw inputs (lists or single values) the sources come from.
 */
function worldSources(fields: Record<string, unknown>, ctx: PolicyContext): { world: string[]; hidden: string[] } {
  const hidden: string[] = [];
  const values: unknown[] = [];
  for (const [name, v] of Object.entries(fields)) {
    if (opacity(v)) {
      hidden.push(...cannotCheck(name, v, ctx));
      continue;
    }
    const items = Array.isArray(v) ? v : [v];
    const opaque = anyOpaque(items);
    if (opaque) hidden.push(...cannotCheck(`${name}[]`, opaque, ctx));
    values.push(...items);
  }
  return { world: admitsInternet(values), hidden };
}

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
function awsIngress(
  from: unknown,
  to: unknown,
  protocol: unknown,
  cidrs: Record<string, unknown>,
  ctx: PolicyContext,
): string[] {
  const { world, hidden } = worldSources(cidrs, ctx);
  if (hidden.length) return hidden;
  if (world.length === 0) return [];
  const ports = anyOpaque([from, to, protocol]);
  if (ports) return cannotCheck("fromPort/toPort/protocol", ports, ctx);
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
    "No AWS security group (default security groups and ingress rules included), Google Cloud firewall or Azure network security rule may admit the internet on any port other than 80 and 443, or on every protocol. The internet is any source set that covers at least a /8 of public IPv4 or a /28 of global IPv6, however it is spelt (0.0.0.0/0, 0.0.0.0/1 + 128.0.0.0/1, ::/0, 0::/0, 2000::/3) or a tag (*, Internet, Any); a secret or unknown source or port is a violation (it could be any of these). Why: SSH, RDP, databases and admin ports must never face the internet; public services sit behind load balancers that listen on 443 (80 only to redirect).",
  clouds: ["aws", "gcp", "azure"],
  scope: "resource",
  types: [
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:ec2/securityGroupRule:SecurityGroupRule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "gcp:compute/firewall:Firewall",
    "azure-native:network:NetworkSecurityGroup",
    "azure-native:network:SecurityRule",
  ],
  check(r, ctx) {
    const i = r.inputs;
    switch (r.type) {
      case "aws:ec2/securityGroup:SecurityGroup":
      case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
        if (opacity(i.ingress)) return cannotCheck("ingress", i.ingress, ctx);
        return list(i.ingress).flatMap((x, n) => {
          if (opacity(x)) return cannotCheck(`ingress[${n}]`, x, ctx);
          const rule = (x ?? {}) as Record<string, unknown>;
          return awsIngress(
            rule.fromPort,
            rule.toPort,
            rule.protocol,
            { cidrBlocks: rule.cidrBlocks, ipv6CidrBlocks: rule.ipv6CidrBlocks },
            ctx,
          );
        });
      case "aws:ec2/securityGroupRule:SecurityGroupRule":
        if (opacity(i.type)) return cannotCheck("type", i.type, ctx);
        return i.type === "ingress"
          ? awsIngress(
              i.fromPort,
              i.toPort,
              i.protocol,
              { cidrBlocks: i.cidrBlocks, ipv6CidrBlocks: i.ipv6CidrBlocks },
              ctx,
            )
          : [];
      case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
        return awsIngress(i.fromPort, i.toPort, i.ipProtocol, { cidrIpv4: i.cidrIpv4, cidrIpv6: i.cidrIpv6 }, ctx);
      case "gcp:compute/firewall:Firewall": {
        if (opacity(i.direction)) return cannotCheck("direction", i.direction, ctx);
        if ((str(i.direction) ?? "INGRESS") !== "INGRESS") return [];
        const { world, hidden } = worldSources({ sourceRanges: i.sourceRanges }, ctx);
        if (hidden.length) return hidden;
        if (world.length === 0) return [];
        if (opacity(i.allows)) return cannotCheck("allows", i.allows, ctx);
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
        if (opacity(i.securityRules)) return cannotCheck("securityRules", i.securityRules, ctx);
        return list(i.securityRules).flatMap((x) => azureRule((x ?? {}) as Record<string, unknown>, ctx));
      case "azure-native:network:SecurityRule":
        return azureRule(i, ctx);
    }
    return [];
  },
};

function azureRule(rule: Record<string, unknown>, ctx: PolicyContext): string[] {
  const flags = anyOpaque([rule, rule.direction, rule.access]);
  if (flags) return cannotCheck("security rule direction/access", flags, ctx);
  if (str(rule.direction) !== "Inbound" || str(rule.access) !== "Allow") return [];
  const { world: sources, hidden } = worldSources(
    { sourceAddressPrefix: rule.sourceAddressPrefix, sourceAddressPrefixes: rule.sourceAddressPrefixes },
    ctx,
  );
  if (hidden.length) return hidden;
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
  check(r, ctx) {
    if (r.type === "gcp:sql/databaseInstance:DatabaseInstance") {
      const networks = get(r.inputs, "settings.ipConfiguration.authorizedNetworks");
      const { world: open, hidden } = worldSources(
        { authorizedNetworks: list(networks).map((n) => get(n, "value")) },
        ctx,
      );
      if (opacity(networks)) return cannotCheck("settings.ipConfiguration.authorizedNetworks", networks, ctx);
      if (hidden.length) return hidden;
      const world = open.length > 0;
      return get(r.inputs, "settings.ipConfiguration.ipv4Enabled") !== false && world
        ? ["Cloud SQL admits 0.0.0.0/0 on its public IP"]
        : [];
    }
    if (opacity(r.inputs.publiclyAccessible))
      return cannotCheck("publiclyAccessible", r.inputs.publiclyAccessible, ctx);
    return r.inputs.publiclyAccessible === true ? ["database is publiclyAccessible: reach it from inside the VPC"] : [];
  },
};
