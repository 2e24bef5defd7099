import * as pulumi from "@pulumi/pulumi";
import { describe } from "../errors";
import { GCP_REGIONS } from "../regions";
import { Validator } from "../validate";
import {
  CLOUDFLARE_REGIONS,
  DEFAULT_CLOUDFLARE_CHECK_REGIONS,
  DEFAULT_CLOUDFLARE_RETRIES,
  DEFAULT_GCP_HEALTH_REGIONS,
  ROUTE53_CHECKER_REGIONS,
} from "./capabilities";
import { FAST_CLOUDFLARE_RETRIES, HealthPreset } from "./presets";
import { ResolvedEndpoint, DnsSpec } from "./resolved";
import { CLOUDFLARE_PLANS } from "./types";

export function route53Options(
  v: Validator,
  value: unknown,
  endpoints: ResolvedEndpoint[],
  label: string,
): NonNullable<DnsSpec["route53"]> {
  const o = v.object(value, "route53", { optional: true, allowedKeys: ["zoneId", "regions"] }) ?? {};
  let zoneId: pulumi.Input<string> | undefined;
  if (o.zoneId !== undefined) {
    if (pulumi.Output.isInstance(o.zoneId)) zoneId = o.zoneId as pulumi.Output<string>;
    else
      zoneId = v.string(o.zoneId, "route53.zoneId", {
        pattern: /^Z[A-Z0-9]{1,31}$/,
        patternHelp: 'a hosted zone id such as "Z0123456789ABCDEFGHIJ"',
      });
  }
  let regions: string[] | undefined;
  const list = v.array(o.regions, "route53.regions", { optional: true, minLength: 3 });
  if (list) {
    regions = list.map((r, i) => v.oneOf(r, `route53.regions[${i}]`, ROUTE53_CHECKER_REGIONS));
    if (new Set(regions).size !== regions.length)
      v.fail("route53.regions", "contains duplicates; give at least 3 distinct checker regions");
  }
  // Every record of one name must share a type: an alias or IPv4 is A, IPv6 is AAAA, a hostname is CNAME.
  const typeOf = (e: ResolvedEndpoint): "A" | "AAAA" | "CNAME" =>
    e.alias || e.kind === "ipv4" ? "A" : e.kind === "ipv6" ? "AAAA" : "CNAME";
  const recordType = typeOf(endpoints[0]);
  for (const e of endpoints) {
    if (typeOf(e) !== recordType) {
      v.fail(
        `endpoints[${e.index}].address`,
        `is a ${typeOf(e)} target but endpoint ${describe(endpoints[0].id)} is a ${recordType} target; Route 53 needs one record type per name: use all IPs, all hostnames, or all AWS alias targets (aliasZoneId)`,
      );
    }
  }
  if (recordType === "CNAME" && label === "") {
    v.fail(
      "record",
      'the zone apex cannot be a CNAME: use IP addresses, AWS alias targets (aliasZoneId), or a name below the apex such as "api"',
    );
  }
  return { zoneId, regions, recordType };
}

export function cloudflareOptions(
  v: Validator,
  value: unknown,
  preset: HealthPreset,
): NonNullable<DnsSpec["cloudflare"]> {
  const o = v.object(value, "cloudflare", {
    allowedKeys: ["accountId", "zoneId", "plan", "proxied", "retries", "checkRegions", "trafficSteering"],
  })!;
  const id = (key: "accountId" | "zoneId"): pulumi.Input<string> =>
    pulumi.Output.isInstance(o[key])
      ? (o[key] as pulumi.Output<string>)
      : v.string(o[key], `cloudflare.${key}`, {
          pattern: /^[0-9a-f]{32}$/,
          patternHelp: "a 32-character hexadecimal Cloudflare id",
        });
  const accountId = id("accountId");
  const zoneId = id("zoneId");
  const plan = v.oneOf(o.plan, "cloudflare.plan", CLOUDFLARE_PLANS, { optional: true }) ?? "pro";
  const proxied = v.boolean(o.proxied, "cloudflare.proxied", { optional: true }) ?? true;
  const retries =
    v.integer(o.retries, "cloudflare.retries", { optional: true, min: 0, max: 5 }) ??
    (preset === "fast" ? FAST_CLOUDFLARE_RETRIES : DEFAULT_CLOUDFLARE_RETRIES);
  const regions = v.array(o.checkRegions, "cloudflare.checkRegions", { optional: true, minLength: 1 });
  const checkRegions = regions
    ? regions.map((r, i) => v.oneOf(r, `cloudflare.checkRegions[${i}]`, CLOUDFLARE_REGIONS))
    : [...DEFAULT_CLOUDFLARE_CHECK_REGIONS];
  const all = checkRegions.indexOf("ALL_REGIONS");
  if (all >= 0 && plan !== "enterprise")
    // "ALL_REGIONS: all regions (ENTERPRISE customers only)": Cloudflare API schema load-balancing_check_regions.
    v.fail(
      `cloudflare.checkRegions[${all}]`,
      `got "ALL_REGIONS"; Cloudflare probes from all regions for Enterprise accounts only (this plan is ${describe(plan)}): list the regions instead`,
    );
  if (all >= 0 && checkRegions.length > 1)
    v.fail(
      "cloudflare.checkRegions",
      'got "ALL_REGIONS" beside other regions; it already means every region: give it alone',
    );
  const trafficSteering =
    v.boolean(o.trafficSteering, "cloudflare.trafficSteering", { optional: true }) ?? plan === "enterprise";
  return { accountId, zoneId, plan, proxied, retries, checkRegions, trafficSteering };
}

export function azureOptions(v: Validator, value: unknown, label: string): NonNullable<DnsSpec["azure"]> {
  const o = v.object(value, "azure", { allowedKeys: ["resourceGroupName", "dnsRecord"] })!;
  const resourceGroupName = pulumi.Output.isInstance(o.resourceGroupName)
    ? (o.resourceGroupName as pulumi.Output<string>)
    : v.string(o.resourceGroupName, "azure.resourceGroupName", {
        maxLength: 90,
        pattern: /^[-\w.()]*[-\w()]$/,
        patternHelp: "an Azure resource group name (letters, digits, -_.(), not ending in a dot)",
      });
  const dnsRecord = v.boolean(o.dnsRecord, "azure.dnsRecord", { optional: true }) ?? true;
  if (dnsRecord && label === "")
    v.fail(
      "record",
      'Traffic Manager is reached through a CNAME, which the zone apex cannot hold: use a name such as "www", or set azure.dnsRecord: false and point the apex at the profile with an Azure DNS alias yourself',
    );
  return { resourceGroupName, dnsRecord };
}

export function gcpOptions(v: Validator, value: unknown): NonNullable<DnsSpec["gcp"]> {
  const o = v.object(value, "gcp", { allowedKeys: ["managedZone", "project", "healthCheckRegions"] })!;
  const managedZone = v.string(o.managedZone, "gcp.managedZone", {
    maxLength: 63,
    pattern: /^[a-z][a-z0-9-]*$/,
    patternHelp: 'a Cloud DNS managed zone name such as "example-com" (not its DNS name)',
  });
  const project = v.string(o.project, "gcp.project", {
    optional: true,
    pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
    patternHelp: "a GCP project id",
  });
  const list = v.array(o.healthCheckRegions, "gcp.healthCheckRegions", { optional: true, minLength: 3, maxLength: 3 });
  const healthCheckRegions = list
    ? list.map((r, i) => v.oneOf(r, `gcp.healthCheckRegions[${i}]`, GCP_REGIONS))
    : [...DEFAULT_GCP_HEALTH_REGIONS];
  if (new Set(healthCheckRegions).size !== 3)
    v.fail(
      "gcp.healthCheckRegions",
      "contains duplicates; a Cloud DNS health check needs exactly 3 distinct source regions",
    );
  return { managedZone, project, healthCheckRegions };
}

/** Cloud DNS keys failover backups by GCP region (the one nearest the resolver answers), so each needs a distinct one. */
export function gcpFailoverChecks(v: Validator, endpoints: ResolvedEndpoint[]): void {
  const seen = new Map<string, string>();
  for (const e of endpoints) {
    if (!e.region)
      v.fail(
        `endpoints[${e.index}].region`,
        'missing; Cloud DNS failover backups are keyed by GCP region: set the GCP region nearest the endpoint, e.g. "gcp:us-east4"',
      );
    if (seen.has(e.region))
      v.fail(
        `endpoints[${e.index}].region`,
        `got ${describe(e.region)}, already used by endpoint ${describe(seen.get(e.region))}; Cloud DNS allows one backup per GCP region`,
      );
    seen.set(e.region, e.id);
  }
  if (endpoints.filter((e) => e.enabled).length < 2) {
    v.fail("endpoints", "Cloud DNS failover needs a primary and at least one enabled backup; undrain one endpoint");
  }
}
