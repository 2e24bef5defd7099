import type { PolicyContext, PolicyResource, PolicyRule } from "../model";
import { cannotCheck, get, isKnown, isSecret, list, ofType } from "../values";

const ROUTE53_POLICIES = [
  "failoverRoutingPolicies",
  "latencyRoutingPolicies",
  "weightedRoutingPolicies",
  "geolocationRoutingPolicies",
  "geoproximityRoutingPolicy",
  "cidrRoutingPolicy",
];

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false && !(Array.isArray(v) && v.length === 0);
}

function route53(r: PolicyResource): string[] {
  const policies = ROUTE53_POLICIES.filter((p) => present(r.inputs[p]));
  if (r.inputs.multivalueAnswerRoutingPolicy === true) policies.push("multivalueAnswerRoutingPolicy");
  if (policies.length === 0) return [];
  if (!isKnown(r.inputs.healthCheckId) || present(r.inputs.healthCheckId)) return [];
  const aliases = list(r.inputs.aliases);
  if (aliases.length > 0 && aliases.every((a) => get(a, "evaluateTargetHealth") === true)) return [];
  return [
    `record with ${policies.join(", ")} has no healthCheckId (and is not an alias with evaluateTargetHealth): Route 53 keeps answering with it when the target is down`,
  ];
}

/** A GCP routing item is health-checked when it names health-checked targets instead of plain rrdatas. */
function checkedTargets(item: unknown, path = "healthCheckedTargets"): boolean {
  return (
    list(get(item, `${path}.externalEndpoints`)).length > 0 ||
    list(get(item, `${path}.internalLoadBalancers`)).length > 0
  );
}

function gcpRecordSet(r: PolicyResource, ctx: PolicyContext): string[] {
  const policy = r.inputs.routingPolicy;
  if (isSecret(policy)) return cannotCheck("routingPolicy", policy, ctx);
  if (!isKnown(policy) || policy === undefined) return [];
  const out: string[] = [];
  const usesExternal = JSON.stringify(policy).includes('"externalEndpoints"');
  if (usesExternal && !present(get(policy, "healthCheck")))
    out.push("routing policy uses external endpoints but names no routingPolicy.healthCheck");
  const primaryBackup = get(policy, "primaryBackup");
  if (present(primaryBackup) && !checkedTargets(primaryBackup, "primary"))
    out.push("primaryBackup's primary has no health-checked targets: failover never triggers");
  for (const key of ["wrrs", "geos"]) {
    list(get(policy, key)).forEach((item, i) => {
      if (!checkedTargets(item))
        out.push(`routingPolicy.${key}[${i}] answers plain rrdatas without healthCheckedTargets`);
    });
  }
  return out;
}

export const dnsFailoverHealthChecked: PolicyRule = {
  name: "dns-failover-health-checked",
  description:
    "Every traffic-steering DNS record is tied to a health check: Route 53 records with a failover, latency, weighted, geolocation, geoproximity, CIDR or multivalue policy have a healthCheckId unless they are aliases with evaluateTargetHealth; Cloud DNS routing policies (primaryBackup, wrr, geo) use health-checked targets (and routingPolicy.healthCheck for external endpoints); Traffic Manager profiles have a monitorConfig with protocol and port (and path for HTTP/HTTPS); Front Door origin groups with two or more origins have healthProbeSettings; Cloudflare load balancer pools have a monitor. Why: without a health check, failover DNS keeps sending users to a dead region.",
  clouds: ["aws", "gcp", "azure", "cloudflare"],
  scope: "stack",
  types: [
    "aws:route53/record:Record",
    "gcp:dns/recordSet:RecordSet",
    "azure-native:trafficmanager:Profile",
    "azure-native:network:Profile",
    "azure-native:cdn:AFDOriginGroup",
    "cloudflare:index/loadBalancerPool:LoadBalancerPool",
  ],
  check(r, ctx) {
    switch (r.type) {
      case "aws:route53/record:Record":
        return route53(r);
      case "gcp:dns/recordSet:RecordSet":
        return gcpRecordSet(r, ctx);
      case "azure-native:trafficmanager:Profile":
      case "azure-native:network:Profile": {
        const m = r.inputs.monitorConfig;
        if (isSecret(m)) return cannotCheck("monitorConfig", m, ctx);
        if (!isKnown(m)) return [];
        const protocol = get(m, "protocol");
        if (!present(protocol) || !present(get(m, "port")))
          return ["Traffic Manager profile has no monitorConfig protocol and port: endpoints are never probed"];
        if ((protocol === "HTTP" || protocol === "HTTPS") && !present(get(m, "path")))
          return ["Traffic Manager HTTP(S) monitor has no path"];
        return [];
      }
      case "azure-native:cdn:AFDOriginGroup": {
        const origins = ofType(ctx.resources, "azure-native:cdn:AFDOrigin").filter((o) =>
          o.dependencies.includes(r.urn),
        );
        return origins.length >= 2 && !present(r.inputs.healthProbeSettings)
          ? [`origin group with ${origins.length} origins has no healthProbeSettings: Front Door cannot fail over`]
          : [];
      }
      case "cloudflare:index/loadBalancerPool:LoadBalancerPool":
        return isKnown(r.inputs.monitor) && !present(r.inputs.monitor) && !present(r.inputs.monitorGroup)
          ? ["pool has no monitor: Cloudflare never marks its origins down"]
          : [];
    }
    return [];
  },
};
