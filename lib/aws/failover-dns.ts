import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CLOUDFRONT_ZONE_ID, ResolvedEndpoint, DnsSpec } from "../core/dns/validate";
import { geoSlug, parseGeoCode, route53Geo } from "../core/dns/geo";
import type { DnsAlarmTarget } from "../core/alarms/targets";
import { physicalName } from "../core/naming";
import { commonTags } from "../core/tags";
import { transformsOf, withTransform } from "../core/transform";
import type { Route53DnsChildren } from "./children";

/**
 * Route 53 expansion of FailoverDns: one health check per endpoint and one record per endpoint (per location for
 * geo), each with a `setIdentifier` equal to the endpoint id, its routing policy and its health check.
 */
export function createRoute53FailoverDns(
  parent: pulumi.Resource,
  r: DnsSpec,
): { fqdn: pulumi.Output<string>; alarmTarget: DnsAlarmTarget } {
  const name = r.name;
  const transforms = transformsOf<Route53DnsChildren>(r.transform);
  const opts = { parent };
  const zoneId: pulumi.Input<string> =
    r.route53!.zoneId ?? aws.route53.getZoneOutput({ name: r.zone, privateZone: false }, opts).zoneId;
  const checks = new Map<string, aws.route53.HealthCheck>();
  for (const e of r.endpoints) {
    checks.set(
      e.id,
      new aws.route53.HealthCheck(
        ...withTransform(transforms, "healthCheck", `${name}-${e.id}-health`, healthCheckArgs(name, r, e), { parent }),
      ),
    );
  }

  const records: aws.route53.Record[] = [];
  const record = (logical: string, args: aws.route53.RecordArgs, dependsOn: pulumi.Resource[] = []) => {
    const created = new aws.route53.Record(
      ...withTransform(transforms, "record", logical, args, {
        parent,
        dependsOn,
        // A changed setIdentifier or record type cannot be updated in place, and the old and new record would clash on
        // create-before-delete (terraform-provider-aws#7199, #1668): delete first.
        deleteBeforeReplace: true,
        replaceOnChanges: ["setIdentifier"],
      }),
    );
    records.push(created);
    return created;
  };
  const target = (e: ResolvedEndpoint, recordName: string, setIdentifier: string): aws.route53.RecordArgs => ({
    zoneId,
    name: recordName,
    type: r.route53!.recordType,
    setIdentifier,
    healthCheckId: checks.get(e.id)!.id,
    allowOverwrite: false,
    ...answer(e, r.ttlSeconds, opts),
  });

  switch (r.strategy) {
    case "failover": {
      // Roles follow the declared priority and never swap in place (Route 53 rejects a second PRIMARY, boto/boto3#1347);
      // manual failover and drains hold endpoints out through their health checks instead.
      const declared = [...r.endpoints].sort((a, b) => a.priority - b.priority);
      const tierName = (k: number) => (k === 0 ? r.fqdn : `_tier${k + 1}.${r.fqdn}`);
      // Built from the last tier up: an alias to a name that does not exist yet is refused by Route 53
      // ("Tried to create an alias that targets ..., but it doesn't exist";
      // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html), so the
      // tier-k alias depends on the records of tier k+1. On an update from 2 to 3 endpoints the same dependency
      // orders it: the old SECONDARY at the name is deleted first (deleteBeforeReplace) and recreated one tier down,
      // and only then is the alias SECONDARY created at the name.
      let next: aws.route53.Record[] = [];
      for (let k = declared.length - 2; k >= 0; k--) {
        const tier: aws.route53.Record[] = [];
        if (k === declared.length - 2) {
          const last = declared[k + 1];
          tier.push(
            record(`${name}-${last.id}`, {
              ...target(last, tierName(k), last.id),
              failoverRoutingPolicies: [{ type: "SECONDARY" }],
            }),
          );
        } else {
          // Route 53 has two tiers; the SECONDARY of tier k is an alias to the failover pair of tier k+1.
          tier.push(
            record(
              `${name}-tier${k + 2}`,
              {
                zoneId,
                name: tierName(k),
                type: r.route53!.recordType,
                setIdentifier: `tier${k + 2}`,
                allowOverwrite: false,
                failoverRoutingPolicies: [{ type: "SECONDARY" }],
                aliases: [{ name: tierName(k + 1), zoneId, evaluateTargetHealth: true }],
              },
              next,
            ),
          );
        }
        tier.push(
          record(`${name}-${declared[k].id}`, {
            ...target(declared[k], tierName(k), declared[k].id),
            failoverRoutingPolicies: [{ type: "PRIMARY" }],
          }),
        );
        next = tier;
      }
      break;
    }
    case "latency":
      for (const e of r.endpoints)
        record(`${name}-${e.id}`, { ...target(e, r.fqdn, e.id), latencyRoutingPolicies: [{ region: e.region! }] });
      break;
    case "weighted":
      // A drained endpoint gets weight 0 on top of its held-out health check.
      for (const e of r.endpoints)
        record(`${name}-${e.id}`, {
          ...target(e, r.fqdn, e.id),
          weightedRoutingPolicies: [{ weight: e.heldOut ? 0 : e.weight }],
        });
      break;
    case "geo": {
      for (const e of r.endpoints) {
        for (const code of e.geo) {
          const slug = geoSlug(parseGeoCode(code)!);
          record(`${name}-${e.id}-${slug}`, {
            ...target(e, r.fqdn, `${e.id}-${slug}`),
            geolocationRoutingPolicies: [route53Geo(parseGeoCode(code)!)],
          });
        }
      }
      // Route 53 answers nothing for a location no record covers: the default (*) record is mandatory.
      const d = r.geoDefault!;
      if (!d.geo.includes("WORLD")) {
        record(`${name}-${d.id}-default`, {
          ...target(d, r.fqdn, `${d.id}-default`),
          geolocationRoutingPolicies: [{ country: "*" }],
        });
      }
      break;
    }
  }
  return {
    fqdn: pulumi.all(records.map((x) => x.fqdn)).apply(() => r.fqdn),
    // Held-out endpoints (drained, or above a manual primary) report unhealthy on purpose: no alarm on them.
    alarmTarget: {
      route53: r.endpoints.filter((e) => !e.heldOut).map((e) => ({ id: e.id, healthCheckId: checks.get(e.id)!.id })),
    },
  };
}

function healthCheckArgs(name: string, r: DnsSpec, e: ResolvedEndpoint): aws.route53.HealthCheckArgs {
  const hc = r.healthCheck;
  const ip = e.kind === "ipv4" || e.kind === "ipv6";
  return {
    type: hc.protocol,
    // For an IP target the record name is the Host header and SNI name, so virtual hosts and certificates match.
    // endpoints[].healthCheck.host: the name that really serves the endpoint (Route 53 resolves and checks it, and sends
    // it as Host/SNI; with an IP it is only the Host/SNI), e.g. an API behind an API Gateway regional domain.
    ...(ip ? { ipAddress: e.address, fqdn: e.probe?.host ?? r.fqdn } : { fqdn: e.probe?.host ?? e.address }),
    port: hc.port,
    resourcePath: hc.protocol === "TCP" ? undefined : (e.probe?.path ?? hc.path),
    enableSni: hc.protocol === "HTTPS",
    // Always explicit: an unset interval forces a replacement on the next update (terraform-provider-aws#23514).
    requestInterval: hc.intervalSeconds,
    failureThreshold: hc.failureThreshold,
    regions: r.route53!.regions,
    // Held out (drained, or above a manual primary): a disabled check counts as healthy, an inverted one as unhealthy,
    // so together Route 53 treats the endpoint as down without probing it, and the record stays in place.
    disabled: e.heldOut,
    invertHealthcheck: e.heldOut,
    tags: { ...commonTags("aws", "FailoverDns"), Name: physicalName("awsHealthCheckTag", name, e.id) },
  };
}

/** The answer part of a record: an alias to an AWS target, or the address with the TTL. */
function answer(e: ResolvedEndpoint, ttl: number, opts: pulumi.InvokeOutputOptions): Partial<aws.route53.RecordArgs> {
  const alias = e.alias;
  if (!alias) return { ttl, records: [e.address] };
  const zoneId =
    alias.kind === "given"
      ? alias.zoneId
      : alias.kind === "cloudfront"
        ? CLOUDFRONT_ZONE_ID
        : aws.lb.getHostedZoneIdOutput({ region: alias.region, loadBalancerType: alias.loadBalancerType }, opts).id;
  // CloudFront aliases cannot evaluate target health (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html#rrsets-values-alias-evaluate-target-health); the record's own health check still applies.
  return { aliases: [{ name: e.address, zoneId, evaluateTargetHealth: alias.kind !== "cloudfront" }] };
}
