import * as azure from "@pulumi/azure-native";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedEndpoint, DnsSpec } from "../core/dns/validate";
import { GlobalNameScope, globalName } from "../core/global-name";
import { physicalName } from "../core/naming";
import { commonTags } from "../core/tags";
import { TransformsOf, withTransform } from "../core/transform";
import type { TrafficManagerDnsChildren } from "./children";

type MonitorConfig = azure.types.input.trafficmanager.MonitorConfigArgs;

/**
 * Geographic routing that fails over. In a Geographic profile an unhealthy endpoint keeps its traffic: Traffic
 * Manager "will continue to route traffic to it" unless the endpoint is a nested profile, whose own routing can move
 * the traffic elsewhere (Traffic Manager FAQ, geographic routing: "What happens if an endpoint is unhealthy?",
 * https://learn.microsoft.com/azure/traffic-manager/traffic-manager-faqs). So each endpoint becomes a child
 * Priority profile (that endpoint first, then the others in failover order, all probed with the same monitor), and
 * the Geographic parent maps its locations to the child as a NestedEndpoints endpoint with minChildEndpoints 1
 * (the child counts as healthy while one of its endpoints is).
 */
export function nestedGeoEndpoints(
  name: string,
  r: DnsSpec,
  parentProfile: azure.trafficmanager.Profile,
  monitorConfig: MonitorConfig,
  geoMapping: Map<string, string[]>,
  names: GlobalNameScope,
  parent: pulumi.Resource,
  transforms?: TransformsOf<TrafficManagerDnsChildren>,
): azure.trafficmanager.Endpoint[] {
  const az = r.azure!;
  return r.endpoints.map((e) => {
    const child = new azure.trafficmanager.Profile(
      ...withTransform(
        transforms,
        "profile",
        `${name}-${e.id}-profile`,
        {
          resourceGroupName: az.resourceGroupName,
          profileName: physicalName("azureGeneric", name, e.id),
          location: "global",
          profileStatus: "Enabled",
          trafficRoutingMethod: "Priority",
          dnsConfig: { relativeName: globalName("azureTrafficManagerDns", names, name, e.id), ttl: r.ttlSeconds },
          monitorConfig,
          trafficViewEnrollmentStatus: "Disabled",
          tags: commonTags("azure", "FailoverDns"),
        } satisfies azure.trafficmanager.ProfileArgs,
        { parent, ignoreChanges: ["endpoints", "dnsConfig.relativeName"] },
      ),
    );
    const chain: ResolvedEndpoint[] = [e, ...r.order.filter((o) => o !== e)];
    const members = chain.map(
      (o, k) =>
        new azure.trafficmanager.Endpoint(
          ...withTransform(
            transforms,
            "endpoint",
            `${name}-${e.id}-via-${o.id}`,
            {
              resourceGroupName: az.resourceGroupName,
              profileName: child.name.apply((n) => n ?? ""),
              endpointName: o.id,
              endpointType: "ExternalEndpoints",
              target: o.address,
              endpointStatus: o.heldOut ? "Disabled" : "Enabled",
              alwaysServe: "Disabled",
              priority: k + 1,
            } satisfies azure.trafficmanager.EndpointArgs,
            { parent },
          ),
        ),
    );
    return new azure.trafficmanager.Endpoint(
      ...withTransform(
        transforms,
        "endpoint",
        `${name}-${e.id}`,
        {
          resourceGroupName: az.resourceGroupName,
          profileName: parentProfile.name.apply((n) => n ?? ""),
          endpointName: e.id,
          endpointType: "NestedEndpoints",
          targetResourceId: child.id,
          minChildEndpoints: 1,
          endpointStatus: "Enabled",
          alwaysServe: "Disabled",
          geoMapping: geoMapping.get(e.id),
        } satisfies azure.trafficmanager.EndpointArgs,
        { parent, dependsOn: members },
      ),
    );
  });
}
