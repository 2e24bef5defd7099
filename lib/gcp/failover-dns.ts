import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedEndpoint, DnsSpec } from "../core/dns/validate";
import type { DnsResult } from "../core/backend";
import { physicalName } from "../core/naming";
import { transformsOf, withTransform } from "../core/transform";
import { enableApis } from "./apis";
import type { CloudDnsChildren } from "./children";

/**
 * Cloud DNS expansion of FailoverDns: one global health check with exactly three source regions (the kind Cloud DNS
 * can use for external endpoints) and one record set whose routing policy health-checks every endpoint.
 */
export function createCloudDnsFailoverDns(parent: pulumi.Resource, r: DnsSpec): DnsResult {
  const name = r.name;
  const transforms = transformsOf<CloudDnsChildren>(r.transform);
  const g = r.gcp!;
  const apis = enableApis(r.component, name, ["dns", "compute"], parent, transforms, g.project);
  const hc = r.healthCheck;
  const probe = hc.protocol === "TCP" ? { port: hc.port } : { port: hc.port, requestPath: hc.path, host: r.fqdn };
  const check = new gcp.compute.HealthCheck(
    ...withTransform(
      transforms,
      "healthCheck",
      `${name}-health`,
      {
        name: physicalName("gcpResource", name, "dns-health"),
        project: g.project,
        description: `Cloud DNS health check for ${r.fqdn} (FailoverDns ${name})`,
        checkIntervalSec: hc.intervalSeconds,
        timeoutSec: hc.timeoutSeconds,
        unhealthyThreshold: hc.failureThreshold,
        healthyThreshold: 2,
        sourceRegions: g.healthCheckRegions,
        ...(hc.protocol === "HTTPS"
          ? { httpsHealthCheck: probe }
          : hc.protocol === "HTTP"
            ? { httpHealthCheck: probe }
            : { tcpHealthCheck: probe }),
      } satisfies gcp.compute.HealthCheckArgs,
      { parent, dependsOn: apis },
    ),
  );

  const targets = (e: ResolvedEndpoint) => ({ externalEndpoints: [e.address] });
  const active = r.order.filter((e) => !e.heldOut);
  let routingPolicy: gcp.types.input.dns.RecordSetRoutingPolicy;
  switch (r.strategy) {
    case "failover": {
      // Backups are keyed by GCP region: the backup nearest the resolver answers when the primary is unhealthy.
      const [primary, ...backups] = active;
      routingPolicy = {
        healthCheck: check.id,
        primaryBackup: {
          primary: targets(primary),
          backupGeos: backups.map((e) => ({ location: e.region!, healthCheckedTargets: targets(e) })),
          enableGeoFencingForBackups: false,
          trickleRatio: 0,
        },
      };
      break;
    }
    case "weighted":
      // Every endpoint stays in the policy; a drained one has weight 0.
      routingPolicy = {
        healthCheck: check.id,
        wrrs: r.endpoints.map((e) => ({ weight: e.heldOut ? 0 : e.weight, healthCheckedTargets: targets(e) })),
      };
      break;
    case "geo":
      // No catch-all is needed: Cloud DNS answers every query from the nearest configured region (geo-fencing off),
      // and from the next nearest healthy one when that is down. Drained endpoints answer for no region.
      routingPolicy = {
        healthCheck: check.id,
        enableGeoFencing: false,
        geos: r.endpoints
          .filter((e) => !e.heldOut)
          .flatMap((e) => e.geo.map((location) => ({ location, healthCheckedTargets: targets(e) }))),
      };
      break;
    case "latency":
      throw new Error("unreachable: latency on Cloud DNS is refused by validation");
  }
  const recordSet = new gcp.dns.RecordSet(
    ...withTransform(
      transforms,
      "recordSet",
      `${name}-record`,
      {
        managedZone: g.managedZone,
        project: g.project,
        name: `${r.fqdn}.`,
        type: "A",
        ttl: r.ttlSeconds,
        routingPolicy,
      } satisfies gcp.dns.RecordSetArgs,
      { parent, dependsOn: apis },
    ),
  );
  return {
    fqdn: recordSet.name.apply((n) => n.replace(/\.$/, "")),
    // Cloud DNS's own health checks publish no per-endpoint metric to alert on: uptime checks watch the same
    // endpoints, path and port (held-out endpoints are unhealthy on purpose and get none).
    alarmTarget: {
      gcp: {
        project: g.project ?? check.project,
        endpoints: r.endpoints
          .filter((e) => !e.heldOut)
          .map((e) => ({
            id: e.id,
            host: e.address,
            path: hc.path,
            port: hc.port,
            protocol: hc.protocol,
            validateSsl: e.kind === "hostname",
          })),
      },
    },
  };
}
