import * as fs from "fs";
import * as path from "path";
import { FAILOVER_FORMULAS } from "../lib/core/failover-time";
import { recordPlan } from "../lib/engine/record";
import type { FailoverDnsArgs } from "../lib/failover-dns";
import type { MultiRegionServiceArgs } from "../lib/multi-region-service";
import type { HealthPreset } from "../lib/core/dns/presets";
import { Row } from "./rows";
import { regionsOf } from "./stacks";

/** One front x preset: Meridian's `failoverSeconds` and, for the same topology, what a peer's defaults give. */
export interface FailoverPoint {
  /** "MultiRegionService AWS, Global Accelerator", "FailoverDns route53", ... */
  name: string;
  preset: HealthPreset;
  /** The `failoverSeconds` output of the plan (computed by lib/core/failover-time.ts). */
  seconds: number;
  /** Which formula of lib/core/failover-time.ts gives it. */
  formula: keyof typeof FAILOVER_FORMULAS;
  /** The peer's default for the same topology, with `peer` naming it; undefined when the bench has none. */
  peerSeconds?: number;
  peer?: string;
  /** The goal this row is held to (45 s for the accelerator, 30 s for `fast`), if any. */
  goalSeconds?: number;
  /** Why `fast` cannot reach 30 s on this provider (documented limit), when it cannot. */
  floor?: string;
}

const ZONE = { zone: "example.com", record: "api" } as const;
const ROUTE53 = { zoneId: "Z0123456789ABCDEFGHIJ" };
// trafficSteering: the latency services behind Cloudflare use dynamic steering, which needs the Traffic Steering
// add-on below Enterprise (issue #16 item 5); the bench assumes the account has it.
const CF = {
  accountId: "0123456789abcdef0123456789abcdef",
  zoneId: "fedcba9876543210fedcba9876543210",
  trafficSteering: true,
};
const ELBS = [
  { id: "use1", address: "api-use1-123456789.us-east-1.elb.amazonaws.com", region: "aws:us-east-1" },
  { id: "euw1", address: "api-euw1-987654321.eu-west-1.elb.amazonaws.com", region: "aws:eu-west-1" },
];

async function dnsSeconds(args: FailoverDnsArgs): Promise<number> {
  const { FailoverDns } = await import("../lib/failover-dns");
  const plan = await recordPlan(() => ({ failoverSeconds: new FailoverDns("api", args).failoverSeconds }));
  return plan.outputs.failoverSeconds as number;
}

async function serviceSeconds(args: MultiRegionServiceArgs): Promise<number> {
  const { MultiRegionService } = await import("../lib/multi-region-service");
  const plan = await recordPlan(() => ({ failoverSeconds: new MultiRegionService("svc", args).failoverSeconds }));
  return plan.outputs.failoverSeconds as number;
}

/**
 * The peers' defaults, run through Meridian's own per-provider formulas with the peers' inputs:
 * - AWS (CDK `route53.HealthCheck` / Terraform `aws_route53_health_check` defaults, as in their failover examples):
 *   Route 53 failover records with 30 s x 3 health checks, aliased to the ALBs (the alias's 60 s TTL).
 * - Google Cloud: the global external Application Load Balancer with the default outlier detection (interval 10 s,
 *   pulumi-gcp BackendServiceOutlierDetection "Defaults to 10 seconds"): what Meridian's Google front uses too.
 * - Azure: Front Door with the API defaults, probeIntervalInSeconds 240 ("Default is 240sec", azure-native
 *   HealthProbeParameters), sampleSize 4 and successfulSamplesRequired 3 (2 misses mark an origin down).
 */
const PEERS = {
  aws: {
    name: "CDK/Terraform Route 53 failover, 30 s × 3, 60 s alias TTL",
    seconds: () =>
      dnsSeconds({
        provider: "route53",
        ...ZONE,
        strategy: "failover",
        endpoints: ELBS,
        route53: ROUTE53,
        healthCheck: { path: "/healthz", intervalSeconds: 30, failureThreshold: 3 },
        ttlSeconds: 60,
      }),
  },
  gcp: {
    name: "Google global LB, default outlier detection",
    seconds: () => serviceSeconds(service("gcp", "standard")),
  },
  azure: {
    name: "Front Door defaults: 240 s probes, 3 of 4 samples",
    seconds: () =>
      serviceSeconds({ ...service("azure", "standard"), healthCheck: { intervalSeconds: 240, failureThreshold: 2 } }),
  },
} as const;

function service(
  cloud: "aws" | "gcp" | "azure",
  preset: HealthPreset,
  routing: Partial<NonNullable<MultiRegionServiceArgs["routing"]>> = {},
): MultiRegionServiceArgs {
  return {
    regions: regionsOf(cloud, 2),
    container: { image: "public.ecr.aws/nginx/nginx:1.27", port: 80 },
    healthCheck: { preset },
    routing:
      cloud === "azure"
        ? { strategy: "latency" }
        : { strategy: "latency", dns: { provider: "route53", ...ZONE, route53: ROUTE53 }, ...routing },
  };
}

/** Every MultiRegionService front and every FailoverDns provider, each with both presets, two regions each. */
export async function measureFailover(): Promise<FailoverPoint[]> {
  const { fastPresetFloorReason } = await import("../lib/core/dns/presets");
  const peers = {
    aws: await PEERS.aws.seconds(),
    gcp: await PEERS.gcp.seconds(),
    azure: await PEERS.azure.seconds(),
  };
  const out: FailoverPoint[] = [];
  const presets: HealthPreset[] = ["standard", "fast"];
  const cloudflareZone = (plan: "pro" | "business" | "enterprise") => ({
    dns: { provider: "cloudflare" as const, ...ZONE, cloudflare: { ...CF, plan } },
  });
  const fronts: Array<{
    name: string;
    peer: keyof typeof PEERS;
    args: (preset: HealthPreset) => MultiRegionServiceArgs;
    formula: FailoverPoint["formula"];
    goal?: (preset: HealthPreset) => number | undefined;
    floor?: string;
  }> = [
    {
      name: "MultiRegionService AWS, Route 53 records (standard: ALB aliases; fast: CNAMEs)",
      peer: "aws",
      args: (p) => service("aws", p),
      formula: "route53",
    },
    {
      name: "MultiRegionService AWS, Global Accelerator",
      peer: "aws",
      args: (p) => service("aws", p, { front: "global-accelerator" }),
      formula: "globalAccelerator",
      goal: (p) => (p === "fast" ? 30 : 45),
    },
    {
      name: "MultiRegionService AWS, Global Accelerator + Cloudflare DNS",
      peer: "aws",
      args: (p) => service("aws", p, { front: "global-accelerator", ...cloudflareZone("pro") }),
      formula: "globalAccelerator",
      goal: (p) => (p === "fast" ? 30 : 45),
    },
    ...(["pro", "business", "enterprise"] as const).map((plan) => ({
      name: `MultiRegionService AWS, Cloudflare LB (${plan})`,
      peer: "aws" as const,
      args: (p: HealthPreset) => service("aws", p, cloudflareZone(plan)),
      formula: "cloudflareProxied" as const,
      floor: fastPresetFloorReason("cloudflare", plan),
    })),
    {
      name: "MultiRegionService Google Cloud, global LB",
      peer: "gcp",
      args: (p) => service("gcp", p),
      formula: "googleLoadBalancer",
    },
    {
      name: "MultiRegionService Azure, Front Door",
      peer: "azure",
      args: (p) => service("azure", p),
      formula: "frontDoor",
    },
  ];
  for (const f of fronts) {
    for (const preset of presets) {
      out.push({
        name: f.name,
        preset,
        formula: f.formula,
        seconds: await serviceSeconds(f.args(preset)),
        peer: PEERS[f.peer].name,
        peerSeconds: peers[f.peer],
        goalSeconds: f.goal?.(preset) ?? (preset === "fast" && !f.floor ? 30 : undefined),
        floor: preset === "fast" ? f.floor : undefined,
      });
    }
  }

  const dnsCases: Array<{
    name: string;
    args: FailoverDnsArgs;
    formula: FailoverPoint["formula"];
    floor?: string;
    peer?: boolean;
  }> = [
    {
      name: "FailoverDns route53 (ELB targets: aliases; fast: CNAMEs)",
      args: { provider: "route53", ...ZONE, strategy: "failover", endpoints: ELBS, route53: ROUTE53 },
      formula: "route53",
      peer: true,
    },
    ...(["pro", "business", "enterprise"] as const).map((plan) => ({
      name: `FailoverDns cloudflare (${plan})`,
      args: {
        provider: "cloudflare" as const,
        ...ZONE,
        strategy: "failover" as const,
        endpoints: ELBS,
        cloudflare: { ...CF, plan },
      },
      formula: "cloudflareProxied" as const,
      floor: fastPresetFloorReason("cloudflare", plan),
    })),
    {
      name: "FailoverDns azure-traffic-manager",
      args: {
        provider: "azure-traffic-manager",
        ...ZONE,
        strategy: "failover",
        endpoints: [
          { id: "eus", address: "api-eus.northwind-origins.net", region: "azure:eastus" },
          { id: "weu", address: "api-weu.northwind-origins.net", region: "azure:westeurope" },
        ],
        azure: { resourceGroupName: "rg-dns" },
      },
      formula: "trafficManager",
    },
    {
      name: "FailoverDns gcp-cloud-dns",
      args: {
        provider: "gcp-cloud-dns",
        ...ZONE,
        strategy: "failover",
        endpoints: [
          { id: "use4", address: "8.8.8.8", region: "gcp:us-east4" },
          { id: "euw1", address: "1.1.1.1", region: "gcp:europe-west1" },
        ],
        gcp: { managedZone: "example-com" },
      },
      formula: "cloudDns",
      floor: fastPresetFloorReason("gcp-cloud-dns"),
    },
  ];
  for (const c of dnsCases) {
    for (const preset of presets) {
      out.push({
        name: c.name,
        preset,
        formula: c.formula,
        seconds: await dnsSeconds({ ...c.args, healthCheck: { ...c.args.healthCheck, preset } }),
        peer: c.peer ? PEERS.aws.name : undefined,
        peerSeconds: c.peer ? peers.aws : undefined,
        goalSeconds: preset === "fast" && !c.floor ? 30 : undefined,
        floor: preset === "fast" ? c.floor : undefined,
      });
    }
  }
  return out;
}

export function failoverRows(points: FailoverPoint[]): Row[] {
  return points.map((p) => ({
    figure: "failover",
    name: `${p.name}, preset ${p.preset}`,
    unit: "s",
    measured: p.seconds,
    baseline: p.peerSeconds,
    ratio: p.peerSeconds ? Math.round((p.seconds / p.peerSeconds) * 100) / 100 : undefined,
    goal: p.goalSeconds !== undefined ? `≤ ${p.goalSeconds} s` : p.floor ? `cannot reach 30 s: ${p.floor}` : undefined,
    ok: p.goalSeconds !== undefined ? p.seconds <= p.goalSeconds : undefined,
    note: p.peer ? `worst case; baseline: ${p.peer}` : "worst case",
  }));
}

const BEGIN = "<!-- failover-table: generated by `npm run docs` from lib/core/failover-time.ts -->";
const END = "<!-- end failover-table -->";

/** The table of docs/failover-dns.md: each configuration and preset, its formula, the figure and the peer's. */
export function failoverTable(points: FailoverPoint[]): string {
  const lines = [
    "| configuration | preset | formula (worst case) | failoverSeconds | peer default, same topology |",
    "|---|---|---|---|---|",
    ...points.map(
      (p) =>
        `| ${p.name} | ${p.preset} | ${FAILOVER_FORMULAS[p.formula]} | **${p.seconds} s** | ${p.peer ? `${p.peerSeconds} s (${p.peer})` : "—"} |`,
    ),
  ];
  return `${BEGIN}\n${lines.join("\n")}\n${END}`;
}

/** `doc` with its generated failover table replaced by the current one. */
export function withFailoverTable(doc: string, points: FailoverPoint[]): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`no failover table markers in the document (${BEGIN})`);
  return doc.slice(0, start) + failoverTable(points) + doc.slice(end + END.length);
}

export const FAILOVER_DOC = path.join(__dirname, "..", "docs", "failover-dns.md");

/** Rewrites docs/failover-dns.md's table from the plans; true when it changed. */
export async function refreshFailoverDoc(): Promise<boolean> {
  const before = fs.readFileSync(FAILOVER_DOC, "utf8");
  const after = withFailoverTable(before, await measureFailover());
  if (after !== before) fs.writeFileSync(FAILOVER_DOC, after);
  return after !== before;
}
