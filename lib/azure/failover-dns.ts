import * as azure from "@pulumi/azure-native";
import * as pulumi from "@pulumi/pulumi";
import { azureGeo, parseGeoCode } from "../core/dns/geo";
import { ResolvedEndpoint, DnsSpec } from "../core/dns/validate";
import { GlobalNameScope, globalName } from "../core/global-name";
import { physicalName } from "../core/naming";
import { commonTags } from "../core/tags";
import { transformsOf, withTransform } from "../core/transform";
import type { DnsAlarmTarget } from "../core/alarms/targets";
import { azureGlobalNameScope } from "./global-names";
import type { DnsResult } from "../core/backend";
import type { TrafficManagerDnsChildren } from "./children";
import { nestedGeoEndpoints } from "./traffic-manager-geo";

const ROUTING: Record<DnsSpec["strategy"], string> = {
  failover: "Priority",
  latency: "Performance",
  weighted: "Weighted",
  geo: "Geographic",
};

/**
 * Azure Traffic Manager expansion of FailoverDns: a global profile (routing method, DNS name, TTL, monitor) with one
 * external endpoint resource per endpoint (geo: one nested Priority profile per endpoint, so geo fails over), and a
 * CNAME from the vanity name to `<profile>.trafficmanager.net`.
 */
export function createTrafficManagerFailoverDns(
  parent: pulumi.Resource,
  r: DnsSpec,
): DnsResult & { nativeFqdn: pulumi.Output<string> } {
  const name = r.name;
  const transforms = transformsOf<TrafficManagerDnsChildren>(r.transform);
  const az = r.azure!;
  const hc = r.healthCheck;
  const http = hc.protocol !== "TCP";
  // The DNS label lives in the worldwide *.trafficmanager.net namespace ("must be unique within the
  // trafficmanager.net zone": https://learn.microsoft.com/azure/traffic-manager/quickstart-create-traffic-manager-profile):
  // lib/core/global-name.ts. Set at creation only (ignoreChanges); everything downstream reads the profile's fqdn.
  const names: GlobalNameScope = azureGlobalNameScope(name, parent);
  const relativeName = globalName("azureTrafficManagerDns", names, name);
  const monitorConfig = {
    protocol: hc.protocol,
    port: hc.port,
    path: http ? hc.path : undefined,
    intervalInSeconds: hc.intervalSeconds,
    timeoutInSeconds: hc.timeoutSeconds,
    toleratedNumberOfFailures: hc.failureThreshold - 1,
    // Same healthy range as Route 53 (2xx and 3xx); Traffic Manager's default is 200 only.
    expectedStatusCodeRanges: http ? [{ min: 200, max: 399 }] : undefined,
  };
  const profile = new azure.trafficmanager.Profile(
    ...withTransform(
      transforms,
      "profile",
      `${name}-profile`,
      {
        resourceGroupName: az.resourceGroupName,
        profileName: physicalName("azureGeneric", name),
        location: "global",
        profileStatus: "Enabled",
        trafficRoutingMethod: ROUTING[r.strategy],
        dnsConfig: { relativeName, ttl: r.ttlSeconds },
        monitorConfig,
        trafficViewEnrollmentStatus: "Disabled",
        tags: commonTags("azure", "FailoverDns"),
        // No inline `endpoints`: they are separate resources below, never both (a profile PUT with inline endpoints
        // replaces the separate ones: terraform-provider-azurerm#6041, #7470).
      } satisfies azure.trafficmanager.ProfileArgs,
      { parent, ignoreChanges: ["endpoints", "dnsConfig.relativeName"] },
    ),
  );

  const geoMapping = r.strategy === "geo" ? geoMappings(r) : undefined;
  const endpoints = geoMapping
    ? nestedGeoEndpoints(name, r, profile, monitorConfig, geoMapping, names, parent, transforms)
    : externalEndpoints();
  function externalEndpoints() {
    return r.endpoints.map(
      (e) =>
        new azure.trafficmanager.Endpoint(
          ...withTransform(
            transforms,
            "endpoint",
            `${name}-${e.id}`,
            {
              resourceGroupName: az.resourceGroupName,
              profileName: profile.name.apply((n) => n ?? ""),
              endpointName: e.id,
              endpointType: "ExternalEndpoints",
              target: e.address,
              // Drained: the endpoint stays (and is listed) but Traffic Manager neither probes nor returns it.
              endpointStatus: e.heldOut ? "Disabled" : "Enabled",
              alwaysServe: "Disabled",
              // endpoints[].healthCheck.host: Traffic Manager sends endpoint-level custom headers with its probes
              // (https://learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring).
              customHeaders: e.probe?.host ? [{ name: "host", value: e.probe.host }] : undefined,
              priority: r.strategy === "failover" ? priorityOf(r, e) : undefined,
              weight: r.strategy === "weighted" ? e.weight : undefined,
              endpointLocation: r.strategy === "latency" ? e.region : undefined,
            } satisfies azure.trafficmanager.EndpointArgs,
            { parent },
          ),
        ),
    );
  }

  const nativeFqdn: pulumi.Output<string> = pulumi
    .all([profile.dnsConfig, relativeName, pulumi.all(endpoints.map((x) => x.id))])
    .apply(([dns, label]) => dns?.fqdn ?? `${label}.trafficmanager.net`);
  // Held-out endpoints (drained) report down on purpose: no health alarm watches them.
  const alarmTarget: DnsAlarmTarget = {
    trafficManager: {
      resourceGroupName: az.resourceGroupName,
      // Traffic Manager is global: the first endpoint's Azure region, else West Europe, for the shared action group.
      location: r.endpoints.find((e) => e.region)?.region ?? "westeurope",
      profileId: profile.id,
      endpoints: r.endpoints.filter((e) => !e.heldOut).map((e) => ({ id: e.id, name: e.id })),
    },
  };
  if (!az.dnsRecord) return { fqdn: pulumi.output(r.fqdn), nativeFqdn, alarmTarget };
  const cname = new azure.dns.RecordSet(
    ...withTransform(
      transforms,
      "dnsRecord",
      `${name}-cname`,
      {
        resourceGroupName: az.resourceGroupName,
        zoneName: r.zone,
        relativeRecordSetName: r.label,
        recordType: "CNAME",
        ttl: r.ttlSeconds,
        cnameRecord: { cname: nativeFqdn },
      } satisfies azure.dns.RecordSetArgs,
      { parent },
    ),
  );
  return { fqdn: cname.fqdn.apply((): string => r.fqdn), nativeFqdn, alarmTarget };
}

/**
 * Priorities never collide while changing: declared priority + 1 for every endpoint, and 1 (kept free) for the
 * manual-failover primary, so setting or clearing `primary` updates one endpoint only.
 */
function priorityOf(r: DnsSpec, e: ResolvedEndpoint): number {
  return r.primary === e.id ? 1 : e.priority + 1;
}

/** geoMapping per endpoint; the catch-all endpoint always carries WORLD (a location no endpoint maps gets no answer). */
function geoMappings(r: DnsSpec): Map<string, string[]> {
  const out = new Map<string, string[]>(r.endpoints.map((e) => [e.id, e.geo.map((c) => azureGeo(parseGeoCode(c)!))]));
  const world = out.get(r.geoDefault!.id)!;
  if (!world.includes("WORLD")) world.unshift("WORLD");
  return out;
}
