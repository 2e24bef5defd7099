import * as azure from "@pulumi/azure-native";
import * as pulumi from "@pulumi/pulumi";
import { frontDoorFailoverTime } from "../../core/failover-time";
import { globalName } from "../../core/global-name";
import { physicalName } from "../../core/naming";
import type { ServiceSpec } from "../../core/service";
import { transformsOf, withTransform } from "../../core/transform";
import { azureGlobalNameScope } from "../global-names";
import type { AzureServiceChildren } from "../children";
import type { AzureRegion } from "./region";
import type { ServiceFrontAlarmTarget } from "../../core/alarms/targets";

export interface AzureFront {
  url: pulumi.Output<string>;
  failoverSeconds: number;
  /** What the front's alarms watch. */
  alarmTarget: ServiceFrontAlarmTarget;
}

/**
 * Azure Front Door Standard in its own resource group: profile, endpoint (`*.azurefd.net`, TLS 1.2), one
 * origin group whose health probe is the service's health check, one origin per region and a route that
 * accepts HTTP only to redirect it to HTTPS and forwards over HTTPS. Strategies map to origin settings:
 * `latency` = equal priority, closest origins within 50 ms; `failover` = priority 1 for the primary, the
 * rest in listed order; `weighted` = equal priority with weights and a wide latency band. Drained regions
 * keep their origin, disabled. The route is created after the origins (Front Door refuses a route to an
 * empty origin group).
 */
export function createFrontDoor(
  parent: pulumi.Resource,
  spec: ServiceSpec,
  regions: Map<string, AzureRegion>,
  tags: Record<string, string>,
): AzureFront {
  const t = transformsOf<AzureServiceChildren>(spec.transform);
  const base = spec.name;
  const hc = spec.healthCheck;
  const home = spec.regions.find((r) => r.primary)!;
  const privateLink = spec.azureOriginAccess === "private-link";

  const group = new azure.resources.ResourceGroup(
    ...withTransform(
      t,
      "resourceGroup",
      `${base}-front-rg`,
      {
        resourceGroupName: physicalName("azureResourceGroup", spec.name, "front"),
        location: home.region,
        tags,
      } satisfies azure.resources.ResourceGroupArgs,
      { parent },
    ),
  );
  const profile = new azure.cdn.Profile(
    ...withTransform(
      t,
      "profile",
      `${base}-frontdoor`,
      {
        profileName: physicalName("azureGeneric", spec.name, "frontdoor"),
        resourceGroupName: group.name,
        location: "global",
        // Private Link origins are a Premium feature (https://learn.microsoft.com/azure/frontdoor/private-link).
        sku: { name: privateLink ? "Premium_AzureFrontDoor" : "Standard_AzureFrontDoor" },
        originResponseTimeoutSeconds: 60,
        tags,
      } satisfies azure.cdn.ProfileArgs,
      { parent },
    ),
  );
  const endpoint = new azure.cdn.AFDEndpoint(
    ...withTransform(
      t,
      "endpoint",
      `${base}-endpoint`,
      {
        // Front Door adds its own hash to the endpoint's host name, but by default ("TenantReuse") the same name gives
        // the same host name in one tenant (https://learn.microsoft.com/azure/frontdoor/endpoint#endpoint-domain-names):
        // two stacks of one tenant must not share a name, hence lib/core/global-name.ts.
        endpointName: globalName("azureFrontDoorEndpoint", azureGlobalNameScope(base, parent), spec.name),
        profileName: profile.name,
        resourceGroupName: group.name,
        location: "global",
        enabledState: "Enabled",
        tags,
      } satisfies azure.cdn.AFDEndpointArgs,
      // Set at creation only: routes and the url read the endpoint's own name and host name.
      { parent, ignoreChanges: ["endpointName"] },
    ),
  );

  // Unhealthy when fewer than `required` of the last `sampleSize` probes succeed: failureThreshold misses in a row.
  const sampleSize = Math.max(4, hc.failureThreshold);
  const required = sampleSize - hc.failureThreshold + 1;
  const probeInterval = Math.min(255, hc.intervalSeconds);
  const originGroup = new azure.cdn.AFDOriginGroup(
    ...withTransform(
      t,
      "originGroup",
      `${base}-origins`,
      {
        originGroupName: "regions",
        profileName: profile.name,
        resourceGroupName: group.name,
        loadBalancingSettings: {
          sampleSize,
          successfulSamplesRequired: required,
          additionalLatencyInMilliseconds: spec.strategy === "weighted" ? 1000 : 50,
        },
        healthProbeSettings: {
          probePath: hc.path,
          probeProtocol: "Https",
          probeRequestType: "GET",
          probeIntervalInSeconds: probeInterval,
        },
        trafficRestorationTimeToHealedOrNewEndpointsInMinutes: 5,
        sessionAffinityState: "Disabled",
      } satisfies azure.cdn.AFDOriginGroupArgs,
      { parent },
    ),
  );

  const origins = spec.regions
    .filter((r) => regions.has(r.key))
    .map((r) => {
      const region = regions.get(r.key)!;
      const off = r.drained || (spec.strategy === "weighted" && r.weight === 0);
      return new azure.cdn.AFDOrigin(
        ...withTransform(
          t,
          "origin",
          `${base}-origin-${r.label}`,
          {
            originName: physicalName("azureGeneric", r.region),
            originGroupName: originGroup.name,
            profileName: profile.name,
            resourceGroupName: group.name,
            hostName: region.fqdn,
            originHostHeader: region.fqdn,
            httpPort: 80,
            httpsPort: 443,
            // Front Door origin priorities are 1-5 and weights 1-1000 (lib/core/service/front-limits.ts, from the AFD
            // origin API): validation keeps a failover order within 5 regions and weights within 0-1000, so both land
            // as they are (never clamped, never multiplied); weight 0 is a disabled origin, which still needs a weight.
            priority: spec.strategy === "failover" ? r.priority : 1,
            weight: spec.strategy === "weighted" ? Math.max(1, r.weight) : 1000,
            enabledState: off ? "Disabled" : "Enabled",
            enforceCertificateNameCheck: true,
            // Over Private Link to the region's environment (group id "managedEnvironments"); the connection waits
            // for approval (https://learn.microsoft.com/azure/container-apps/how-to-integrate-with-azure-front-door).
            sharedPrivateLinkResource: privateLink
              ? {
                  privateLink: { id: region.environment.id },
                  groupId: "managedEnvironments",
                  privateLinkLocation: region.location,
                  requestMessage: `Front Door of MultiRegionService ${spec.name}`,
                }
              : undefined,
          } satisfies azure.cdn.AFDOriginArgs,
          { parent },
        ),
      );
    });

  new azure.cdn.Route(
    ...withTransform(
      t,
      "route",
      `${base}-route`,
      {
        routeName: "default",
        endpointName: endpoint.name,
        profileName: profile.name,
        resourceGroupName: group.name,
        originGroup: { id: originGroup.id },
        supportedProtocols: ["Http", "Https"],
        patternsToMatch: ["/*"],
        forwardingProtocol: "HttpsOnly",
        httpsRedirect: "Enabled",
        linkToDefaultDomain: "Enabled",
        enabledState: "Enabled",
      } satisfies azure.cdn.RouteArgs,
      { parent, dependsOn: origins },
    ),
  );

  return {
    alarmTarget: {
      azure: {
        resourceGroupName: group.name,
        profileId: profile.id,
        // Drained origins are disabled on purpose: no health alarm on them.
        origins: spec.regions
          .filter((r) => regions.has(r.key) && !r.drained)
          .map((r) => ({ id: r.label, name: physicalName("azureGeneric", r.region) })),
      },
    },
    url: pulumi.interpolate`https://${endpoint.hostName}`,
    failoverSeconds: frontDoorFailoverTime({
      probeIntervalSeconds: probeInterval,
      sampleSize,
      successfulSamplesRequired: required,
    }).seconds,
  };
}
