import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { googleLoadBalancerFailoverTime } from "../../core/failover-time";
import { physicalName } from "../../core/naming";
import { managedCertificateName } from "../certificate-name";
import type { RegionSpec, ServiceSpec } from "../../core/service";
import { transformsOf, withTransform } from "../../core/transform";
import type { ServiceFrontAlarmTarget } from "../../core/alarms/targets";
import type { GcpServiceChildren } from "../children";

/** Outlier detection: a region answering 5 errors in a row is ejected for 30 s, checked every 10 s. */
export const OUTLIER_INTERVAL_SECONDS = 10;

export interface GcpFront {
  address: gcp.compute.GlobalAddress;
  /** `address.address` is the IPv4 anycast address (ipVersion IPV4 below), never a name. */
  addressKind: "ipv4";
  url: pulumi.Output<string>;
  /** Worst-case seconds before a failing region stops receiving requests. */
  failoverSeconds: number;
  /** What the front's alarms watch (the URL map's request metrics). */
  alarmTarget: ServiceFrontAlarmTarget;
}

/**
 * The global external Application Load Balancer (EXTERNAL_MANAGED, anycast): one address, backend service(s)
 * over the regional serverless NEGs with outlier detection, a URL map, an HTTPS proxy with a Google-managed
 * certificate and a TLS 1.2+ policy, the :443 forwarding rule, and an HTTP :80 rule that only redirects.
 * `latency` puts every serving region in one backend service (the LB sends each user to the closest healthy
 * region); `weighted` gives each region its own backend service and splits traffic in the URL map.
 * Drained regions keep their NEG but are left out of the backends.
 */
export function createGcpFront(
  parent: pulumi.Resource,
  spec: ServiceSpec,
  negs: Map<string, gcp.compute.RegionNetworkEndpointGroup>,
  labels: Record<string, string>,
  after: pulumi.Resource[],
): GcpFront {
  const t = transformsOf<GcpServiceChildren>(spec.transform);
  const base = spec.name;
  const serving = spec.regions.filter(
    (r) => r.cloud === "gcp" && !r.drained && (spec.strategy !== "weighted" || r.weight > 0),
  );
  const outlierDetection = {
    consecutiveErrors: 5,
    consecutiveGatewayFailure: 3,
    enforcingConsecutiveErrors: 100,
    enforcingConsecutiveGatewayFailure: 100,
    interval: { seconds: OUTLIER_INTERVAL_SECONDS },
    baseEjectionTime: { seconds: 30 },
    maxEjectionPercent: 80,
  };
  const backendService = (key: string, name: string, regions: RegionSpec[]) =>
    new gcp.compute.BackendService(
      ...withTransform(
        t,
        "backendService",
        key,
        {
          name,
          loadBalancingScheme: "EXTERNAL_MANAGED",
          protocol: "HTTPS",
          backends: regions.map((r) => ({ group: negs.get(r.key)!.id })),
          outlierDetection,
          logConfig: { enable: true, sampleRate: 1 },
        } satisfies gcp.compute.BackendServiceArgs,
        { parent, dependsOn: after },
      ),
    );

  const address = new gcp.compute.GlobalAddress(
    ...withTransform(
      t,
      "address",
      `${base}-ip`,
      {
        name: physicalName("gcpResource", spec.name, "ip"),
        ipVersion: "IPV4",
        addressType: "EXTERNAL",
        labels,
      } satisfies gcp.compute.GlobalAddressArgs,
      { parent, dependsOn: after },
    ),
  );

  let urlMapArgs: gcp.compute.URLMapArgs;
  if (spec.strategy === "weighted") {
    const services = serving.map((r) => ({
      region: r,
      backend: backendService(`${base}-${r.label}-backend`, physicalName("gcpResource", spec.name, r.region), [r]),
    }));
    urlMapArgs = {
      name: physicalName("gcpResource", spec.name, "urlmap"),
      defaultRouteAction: {
        weightedBackendServices: services.map((s) => ({ backendService: s.backend.id, weight: s.region.weight })),
      },
    };
  } else {
    const backend = backendService(`${base}-backend`, physicalName("gcpResource", spec.name, "backend"), serving);
    urlMapArgs = { name: physicalName("gcpResource", spec.name, "urlmap"), defaultService: backend.id };
  }
  const urlMap = new gcp.compute.URLMap(
    ...withTransform(t, "urlMap", `${base}-urlmap`, urlMapArgs, { parent, dependsOn: after }),
  );

  const certificate = new gcp.compute.ManagedSslCertificate(
    ...withTransform(
      t,
      "certificate",
      `${base}-cert`,
      {
        name: managedCertificateName(spec.name, [spec.dns!.fqdn]),
        managed: { domains: [spec.dns!.fqdn] },
      } satisfies gcp.compute.ManagedSslCertificateArgs,
      { parent, dependsOn: after },
    ),
  );
  const sslPolicy = new gcp.compute.SSLPolicy(
    ...withTransform(
      t,
      "sslPolicy",
      `${base}-tls`,
      {
        name: physicalName("gcpResource", spec.name, "tls"),
        profile: "MODERN",
        minTlsVersion: "TLS_1_2",
      } satisfies gcp.compute.SSLPolicyArgs,
      { parent, dependsOn: after },
    ),
  );
  const httpsProxy = new gcp.compute.TargetHttpsProxy(
    ...withTransform(
      t,
      "httpsProxy",
      `${base}-https-proxy`,
      {
        name: physicalName("gcpResource", spec.name, "https"),
        urlMap: urlMap.id,
        sslCertificates: [certificate.id],
        sslPolicy: sslPolicy.id,
      } satisfies gcp.compute.TargetHttpsProxyArgs,
      { parent, dependsOn: after },
    ),
  );
  new gcp.compute.GlobalForwardingRule(
    ...withTransform(
      t,
      "forwardingRule",
      `${base}-https`,
      {
        name: physicalName("gcpResource", spec.name, "https"),
        ipProtocol: "TCP",
        loadBalancingScheme: "EXTERNAL_MANAGED",
        portRange: "443",
        target: httpsProxy.id,
        ipAddress: address.id,
        labels,
      } satisfies gcp.compute.GlobalForwardingRuleArgs,
      { parent, dependsOn: after },
    ),
  );

  const redirectMap = new gcp.compute.URLMap(
    ...withTransform(
      t,
      "urlMap",
      `${base}-redirect`,
      {
        name: physicalName("gcpResource", spec.name, "redirect"),
        defaultUrlRedirect: {
          httpsRedirect: true,
          stripQuery: false,
          redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT",
        },
      } satisfies gcp.compute.URLMapArgs,
      { parent, dependsOn: after },
    ),
  );
  const httpProxy = new gcp.compute.TargetHttpProxy(
    ...withTransform(
      t,
      "httpProxy",
      `${base}-http-proxy`,
      {
        name: physicalName("gcpResource", spec.name, "http"),
        urlMap: redirectMap.id,
      } satisfies gcp.compute.TargetHttpProxyArgs,
      { parent, dependsOn: after },
    ),
  );
  new gcp.compute.GlobalForwardingRule(
    ...withTransform(
      t,
      "forwardingRule",
      `${base}-http`,
      {
        name: physicalName("gcpResource", spec.name, "http"),
        ipProtocol: "TCP",
        loadBalancingScheme: "EXTERNAL_MANAGED",
        portRange: "80",
        target: httpProxy.id,
        ipAddress: address.id,
        labels,
      } satisfies gcp.compute.GlobalForwardingRuleArgs,
      { parent, dependsOn: after },
    ),
  );

  return {
    address,
    addressKind: "ipv4",
    url: pulumi.output(`https://${spec.dns!.fqdn}`),
    failoverSeconds: googleLoadBalancerFailoverTime({ outlierIntervalSeconds: OUTLIER_INTERVAL_SECONDS }).seconds,
    alarmTarget: { gcp: { project: urlMap.project, urlMapName: urlMap.name } },
  };
}
