import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { parseGeoCode } from "../core/dns/geo";
import { ResolvedEndpoint, DnsSpec } from "../core/dns/validate";
import { physicalName } from "../core/naming";
import { transformsOf, withTransform } from "../core/transform";
import type { DnsResult } from "../core/backend";
import type { CloudflareDnsChildren } from "./children";

const STEERING: Record<DnsSpec["strategy"], string> = {
  failover: "off",
  latency: "dynamic_latency",
  weighted: "random",
  geo: "geo",
};

/**
 * Cloudflare expansion of FailoverDns: an account-level monitor, one pool per endpoint (so each endpoint is
 * health-checked and steered on its own), and a zone load balancer whose default pools are in priority order.
 */
export function createCloudflareFailoverDns(parent: pulumi.Resource, r: DnsSpec): DnsResult {
  const name = r.name;
  const transforms = transformsOf<CloudflareDnsChildren>(r.transform);
  const cf = r.cloudflare!;
  const hc = r.healthCheck;
  const http = hc.protocol !== "TCP";
  const monitorFor = (key: string, host: string, path: string) =>
    new cloudflare.LoadBalancerMonitor(
      ...withTransform(
        transforms,
        "monitor",
        key,
        {
          accountId: cf.accountId,
          description: `${r.fqdn} health (FailoverDns ${name})`,
          type: hc.protocol.toLowerCase(),
          port: hc.port,
          // Host (and so SNI) = the public name, as real traffic sends it: without it the probe uses the origin's address
          // and fails the certificate check of an origin that serves the public name (an ALB). An origin's own Host
          // override (Cloud Run, Container Apps) takes precedence over this one (Cloudflare "Override HTTP Host headers").
          ...(http
            ? {
                path,
                method: "GET",
                expectedCodes: "2xx",
                followRedirects: false,
                allowInsecure: false,
                header: { Host: [host] },
              }
            : {}),
          interval: hc.intervalSeconds,
          timeout: hc.timeoutSeconds,
          retries: cf.retries,
          consecutiveDown: hc.failureThreshold,
          consecutiveUp: 2,
        } satisfies cloudflare.LoadBalancerMonitorArgs,
        { parent },
      ),
    );
  const monitor = monitorFor(`${name}-monitor`, r.fqdn, hc.path);
  // endpoints[].healthCheck: a pool whose endpoint is probed with another Host or path gets a monitor of its own.
  const monitorOf = (e: ResolvedEndpoint) =>
    e.probe ? monitorFor(`${name}-${e.id}-monitor`, e.probe.host ?? r.fqdn, e.probe.path ?? hc.path) : monitor;

  const pools = new Map<string, cloudflare.LoadBalancerPool>();
  for (const e of r.endpoints) {
    pools.set(
      e.id,
      new cloudflare.LoadBalancerPool(
        ...withTransform(
          transforms,
          "pool",
          `${name}-${e.id}-pool`,
          {
            accountId: cf.accountId,
            name: physicalName("cloudflareLbPool", name, e.id),
            description: `${r.fqdn} endpoint ${e.id}`,
            origins: [{ name: e.id, address: e.address, enabled: true, weight: 1 }],
            monitor: monitorOf(e).id,
            // Drained: the pool (and its monitor) stay, but a disabled pool is never steered to.
            enabled: !e.heldOut,
            minimumOrigins: 1,
            // Probing from every data centre is Enterprise only (error 1002); name the regions explicitly.
            checkRegions: cf.checkRegions,
          } satisfies cloudflare.LoadBalancerPoolArgs,
          { parent },
        ),
      ),
    );
  }

  const poolId = (e: ResolvedEndpoint) => pools.get(e.id)!.id;
  const active = r.order.filter((e) => !e.heldOut);
  // Geo: the catch-all endpoint leads the default pools; the rest follow in priority order as its fallbacks.
  const ordered =
    r.strategy === "geo" && r.geoDefault ? [r.geoDefault, ...r.order.filter((e) => e !== r.geoDefault)] : r.order;
  const fallback = active[active.length - 1];

  const args: cloudflare.LoadBalancerArgs = {
    zoneId: cf.zoneId,
    name: r.fqdn,
    description: `FailoverDns ${name}: ${r.strategy} across ${r.endpoints.map((e) => e.id).join(", ")}`,
    defaultPools: ordered.map(poolId),
    fallbackPool: poolId(fallback),
    steeringPolicy: STEERING[r.strategy],
    proxied: cf.proxied,
    // The TTL only exists for a DNS-only (grey-cloud) load balancer.
    ttl: cf.proxied ? undefined : r.ttlSeconds,
    sessionAffinity: "none",
    // Proxied: retry a request that hits a dead origin (521/522/523) on the next pool at once, before the monitor reacts.
    adaptiveRouting: cf.proxied ? { failoverAcrossPools: true } : undefined,
    enabled: true,
  };
  if (r.strategy === "weighted") {
    // Pool weights are 0-1 and "relative to other pools" (API schema load-balancing_random_steering). Scaled against
    // the largest weight (not the sum), a positive weight is at least 1/255 before rounding to Cloudflare's three
    // decimals, so it never rounds to 0 (1 against ten pools of 255 used to become 0: never steered to).
    const largest = Math.max(...r.endpoints.map((e) => (e.heldOut ? 0 : e.weight)));
    const scaled = (e: ResolvedEndpoint) =>
      e.heldOut || e.weight === 0 ? 0 : Math.max(0.001, Math.round((e.weight / largest) * 1000) / 1000);
    args.randomSteering = pulumi.all(r.endpoints.map(poolId)).apply((ids) => ({
      defaultWeight: 0,
      poolWeights: Object.fromEntries(r.endpoints.map((e, i) => [ids[i], scaled(e)])),
    }));
  }
  if (r.strategy === "geo") {
    const { regionPools, countryPools } = geoPools(r, ordered);
    args.regionPools = pulumi.all(r.endpoints.map(poolId)).apply((ids) => mapPools(regionPools, r, ids));
    args.countryPools = pulumi.all(r.endpoints.map(poolId)).apply((ids) => mapPools(countryPools, r, ids));
  } else {
    // Explicitly empty, and managed (not ignored): Cloudflare keeps the region/country pool lists of an earlier geo
    // configuration when they are left out, which later makes deleting those pools fail (issue #16 item 6).
    args.regionPools = {};
    args.countryPools = {};
  }
  const lb = new cloudflare.LoadBalancer(
    ...withTransform(transforms, "loadBalancer", `${name}-lb`, args, {
      parent,
      // The provider reports computed maps it did not get as drift on every plan (terraform-provider-cloudflare#7339).
      ignoreChanges: ["sessionAffinityAttributes", "popPools"],
    }),
  );
  return {
    fqdn: lb.name,
    // Held-out pools are disabled on purpose: no health alarm on them.
    alarmTarget: {
      cloudflare: { accountId: cf.accountId, poolIds: r.endpoints.filter((e) => !e.heldOut).map(poolId) },
    },
  };
}

/** Region and country keys → endpoint ids in failover order (the assigned endpoint first, then the rest). */
function geoPools(
  r: DnsSpec,
  ordered: readonly ResolvedEndpoint[],
): { regionPools: Map<string, string[]>; countryPools: Map<string, string[]> } {
  const regionPools = new Map<string, string[]>();
  const countryPools = new Map<string, string[]>();
  const chain = (e: ResolvedEndpoint) => [e.id, ...ordered.filter((o) => o !== e).map((o) => o.id)];
  for (const e of r.endpoints) {
    for (const code of e.geo) {
      const g = parseGeoCode(code)!;
      // Cloudflare's own regions and ISO countries only: continents and Traffic Manager regions, whose members differ,
      // are refused for Cloudflare in lib/core/dns/geo.ts. WORLD is the default pools.
      if (g.kind === "cloudflare-region") regionPools.set(g.region, chain(e));
      if (g.kind === "country") countryPools.set(g.country, chain(e));
    }
  }
  return { regionPools, countryPools };
}

function mapPools(keys: Map<string, string[]>, r: DnsSpec, ids: string[]): Record<string, string[]> {
  const idOf = new Map(r.endpoints.map((e, i) => [e.id, ids[i]]));
  return Object.fromEntries(
    [...keys.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, list]) => [k, list.map((id) => idOf.get(id)!)]),
  );
}
