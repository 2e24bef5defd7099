import * as assert from "node:assert";
import { criticalPathSeconds } from "../lib/core/service";
import { checkPlan, formatViolation } from "../lib/policy";
import { Plan, allStrings, dependsOn, findResources, getResource, recordPlan } from "../lib/testing";
import { crossRegionEdges, regionTypes } from "./support/multi-region-service-helpers";
import {
  DNS_CASES,
  SERVICE_REGIONS,
  SERVICE_SECRET,
  failoverDnsProgram,
  gcpBehindCloudflareProgram,
  mixedCloudflareProgram,
  serviceProgram,
} from "./support/held-out-dns-programs";

/**
 * Review of FailoverDns and MultiRegionService against the pitfalls of reference/failover-dns.md §6 and
 * reference/multiregion-service.md, on held-out-style programs (public API, default arguments). Each plan is
 * recorded once.
 */

const R53 = { hc: "aws:route53/healthCheck:HealthCheck", record: "aws:route53/record:Record" };
const CF = {
  monitor: "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor",
  pool: "cloudflare:index/loadBalancerPool:LoadBalancerPool",
  lb: "cloudflare:index/loadBalancer:LoadBalancer",
};
const TM = { profile: "azure-native:trafficmanager:Profile", endpoint: "azure-native:trafficmanager:Endpoint" };
const GDNS = { hc: "gcp:compute/healthCheck:HealthCheck", record: "gcp:dns/recordSet:RecordSet" };

const of = (plan: Plan, type: string, component: string) =>
  findResources(plan, type).filter((r) => r.name.startsWith(`${component}-`));
const labelsOf = (cloud: keyof typeof SERVICE_REGIONS, n: number) =>
  SERVICE_REGIONS[cloud].slice(0, n).map((p) => p.split(":")[1]);

describe("review: FailoverDns held-out programs (every provider × strategy, defaults)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(failoverDnsProgram);
  });

  it("passes every policy", () => {
    assert.deepStrictEqual(checkPlan(plan).map(formatViolation), []);
  });

  it("failoverSeconds for the default configuration is the documented worst case (issue #16)", () => {
    // This test used to require Route 53 <= 60 s and proxied Cloudflare <= 30 s (15 s): both figures were not worst
    // cases. Route 53's RequestInterval counts from the last response (API_HealthCheckConfig), so (10 + 6) × 2 + 30;
    // proxied Cloudflare only retries 521/522/523/525/526 (adaptive-routing docs), so the pro monitor: 60 + 5 × 2.
    for (const c of DNS_CASES) {
      const s = plan.outputs[c.name] as number;
      if (c.provider === "route53") assert.strictEqual(s, 62, c.name);
      if (c.provider === "cloudflare") assert.strictEqual(s, 70, c.name);
    }
    // An alias takes the ELB's own 60 s TTL: documented in docs/failover-dns.md.
    assert.strictEqual(plan.outputs["r53-alias"], (10 + 6) * 2 + 60);
  });

  describe("Route 53", () => {
    it("ties every endpoint record to its own health check; only chained-tier aliases have none (they evaluate target health)", () => {
      for (const c of DNS_CASES.filter((x) => x.provider === "route53")) {
        assert.strictEqual(of(plan, R53.hc, c.name).length, c.count, c.name);
        for (const r of of(plan, R53.record, c.name)) {
          const alias = (r.inputs.aliases as any[] | undefined)?.[0];
          if (r.inputs.healthCheckId === undefined) {
            assert.ok(
              alias && alias.evaluateTargetHealth === true && /^tier\d+$/.test(r.inputs.setIdentifier as string),
              `${r.name} has no health check`,
            );
            continue;
          }
          const id = (r.inputs.setIdentifier as string).split("-")[0];
          assert.ok(
            dependsOn(plan, r, getResource(plan, R53.hc, `${c.name}-${id}-health`)),
            `${r.name} is not tied to its endpoint's check`,
          );
        }
        const ids = of(plan, R53.record, c.name)
          .map((r) => r.inputs.healthCheckId)
          .filter((x) => x !== undefined);
        assert.strictEqual(
          new Set(ids).size,
          new Set(
            of(plan, R53.record, c.name)
              .filter((r) => r.inputs.healthCheckId)
              .map((r) => (r.inputs.setIdentifier as string).split("-")[0]),
          ).size,
        );
      }
    });

    it("derives setIdentifier from the endpoint id, unique per name, replaced delete-first when it changes (§6 AWS 1, 2)", () => {
      for (const c of DNS_CASES.filter((x) => x.provider === "route53")) {
        const records = of(plan, R53.record, c.name);
        const keys = records.map((r) => `${r.inputs.name} ${r.inputs.setIdentifier}`);
        assert.strictEqual(new Set(keys).size, keys.length, `${c.name}: duplicate setIdentifier`);
        for (const r of records) {
          assert.ok(typeof r.inputs.setIdentifier === "string" && (r.inputs.setIdentifier as string).length > 0);
          assert.ok(r.replaceOnChanges.includes("setIdentifier"), r.name);
          assert.strictEqual(r.deleteBeforeReplace, true, r.name);
        }
      }
      assert.deepStrictEqual(
        of(plan, R53.record, "r53-latency")
          .map((r) => r.inputs.setIdentifier)
          .sort(),
        ["eu", "us"],
      );
    });

    it("sets requestInterval explicitly (10 or 30) and never measureLatency (§6 AWS 5)", () => {
      for (const h of findResources(plan, R53.hc)) {
        assert.ok([10, 30].includes(h.inputs.requestInterval as number), h.name);
        assert.strictEqual(h.inputs.measureLatency, undefined, h.name);
        assert.ok((h.inputs.failureThreshold as number) >= 1 && (h.inputs.failureThreshold as number) <= 10);
      }
    });

    it("failover: one PRIMARY and one SECONDARY per name, three endpoints chained through an alias tier (§6 AWS 9)", () => {
      const records = of(plan, R53.record, "r53-failover");
      const byName = new Map<string, string[]>();
      for (const r of records)
        byName.set(r.inputs.name as string, [
          ...(byName.get(r.inputs.name as string) ?? []),
          (r.inputs.failoverRoutingPolicies as any[])[0].type,
        ]);
      assert.strictEqual(byName.size, 2);
      for (const types of byName.values()) assert.deepStrictEqual(types.sort(), ["PRIMARY", "SECONDARY"]);
      for (const r of records.filter((x) => (x.inputs.failoverRoutingPolicies as any[])[0].type === "PRIMARY"))
        assert.ok(r.inputs.healthCheckId, "§6 AWS 4: a non-alias PRIMARY needs a health check");
    });

    it("geo: has the default (*) record (§0)", () => {
      const geos = of(plan, R53.record, "r53-geo").map((r) => (r.inputs.geolocationRoutingPolicies as any[])[0]);
      assert.ok(geos.some((g) => g.country === "*"));
    });

    it("aliases to ELBs evaluate target health (§6 AWS 8)", () => {
      for (const r of findResources(plan, R53.record).filter((x) => x.name.startsWith("r53-alias-"))) {
        assert.strictEqual((r.inputs.aliases as any[])[0].evaluateTargetHealth, true);
        assert.strictEqual(r.inputs.ttl, undefined, "alias records take no TTL");
        assert.ok(r.inputs.healthCheckId);
      }
    });

    it("drain and manual failover hold an endpoint out through its health check, keeping the record", () => {
      const held = (name: string) => getResource(plan, R53.hc, name).inputs;
      assert.deepStrictEqual(
        [held("r53-drain-eu-health").disabled, held("r53-drain-eu-health").invertHealthcheck],
        [true, true],
      );
      assert.deepStrictEqual(
        [held("r53-manual-us-health").disabled, held("r53-manual-us-health").invertHealthcheck],
        [true, true],
      );
      assert.strictEqual(held("r53-manual-eu-health").disabled, false);
      assert.strictEqual(findResources(plan, R53.record).filter((r) => r.name.startsWith("r53-drain-")).length, 4);
    });
  });

  describe("Cloudflare", () => {
    it("monitor and pools are account resources, the load balancer a zone resource (§6 CF 2); probes from named regions (§6 CF 1)", () => {
      for (const c of DNS_CASES.filter((x) => x.provider === "cloudflare")) {
        const [monitor] = of(plan, CF.monitor, c.name);
        assert.ok(monitor.inputs.accountId);
        assert.ok((monitor.inputs.interval as number) >= 60, "pro plan minimum");
        assert.ok(
          (monitor.inputs.timeout as number) * (1 + (monitor.inputs.retries as number)) <
            (monitor.inputs.interval as number),
        );
        for (const p of of(plan, CF.pool, c.name)) {
          assert.ok(p.inputs.accountId);
          assert.ok(
            Array.isArray(p.inputs.checkRegions) && (p.inputs.checkRegions as string[]).length > 0,
            "all-data-centre probing is Enterprise only",
          );
        }
        const [lb] = of(plan, CF.lb, c.name);
        assert.ok(lb.inputs.zoneId);
        assert.strictEqual(lb.inputs.accountId, undefined);
      }
    });

    it("proxied by default, no TTL, default pools in priority order and a fallback pool, v6 property names (§6 CF 3, 6)", () => {
      const steering: Record<string, string> = {
        failover: "off",
        latency: "dynamic_latency",
        weighted: "random",
        geo: "geo",
      };
      for (const c of DNS_CASES.filter((x) => x.provider === "cloudflare")) {
        const [lb] = of(plan, CF.lb, c.name);
        assert.strictEqual(lb.inputs.proxied, true);
        assert.strictEqual(lb.inputs.ttl, undefined);
        assert.strictEqual((lb.inputs.defaultPools as string[]).length, c.count);
        assert.ok(lb.inputs.fallbackPool);
        assert.strictEqual(lb.inputs.steeringPolicy, steering[c.strategy]);
        assert.deepStrictEqual(lb.inputs.adaptiveRouting, { failoverAcrossPools: true });
        assert.ok(lb.ignoreChanges.includes("sessionAffinityAttributes"), "§6 CF 4: perpetual diff");
      }
      assert.ok(Object.keys(of(plan, CF.lb, "cf-geo")[0].inputs.regionPools as object).length > 0);
    });

    it("probes with the public name as Host (origin overrides win), so an origin's certificate check passes", () => {
      for (const m of findResources(plan, CF.monitor)) {
        assert.deepStrictEqual(m.inputs.header, { Host: [`${m.name.replace(/-monitor$/, "")}.example.com`] });
        assert.strictEqual(m.inputs.allowInsecure, false);
      }
    });

    it("drain disables the pool but keeps it (and the load balancer's pool list)", () => {
      assert.strictEqual(getResource(plan, CF.pool, "cf-drain-eu-pool").inputs.enabled, false);
      assert.strictEqual((getResource(plan, CF.lb, "cf-drain-lb").inputs.defaultPools as string[]).length, 3);
    });
  });

  describe("Azure Traffic Manager", () => {
    it("endpoints are separate resources, never inline (§6 Azure 1); the DNS label is unique and deterministic (§6 Azure 2)", () => {
      const names = new Set<string>();
      for (const c of DNS_CASES.filter((x) => x.provider === "azure-traffic-manager")) {
        const profile = getResource(plan, TM.profile, `${c.name}-profile`);
        assert.strictEqual(profile.inputs.endpoints, undefined);
        assert.ok(profile.ignoreChanges.includes("endpoints"));
        assert.strictEqual(profile.inputs.location, "global");
        const label = (profile.inputs.dnsConfig as any).relativeName as string;
        assert.match(label, /^meridian-dev-.+-[a-z0-9]{6,}$/);
        names.add(label);
        for (const e of of(plan, TM.endpoint, c.name).filter((x) => !x.name.includes("-via-"))) {
          // Geo endpoints are nested Priority profiles (issue #16 item 3: a Geographic profile never fails over an
          // external endpoint); the others are external endpoints.
          assert.strictEqual(e.inputs.endpointType, c.strategy === "geo" ? "NestedEndpoints" : "ExternalEndpoints");
          assert.ok(dependsOn(plan, e, profile));
        }
      }
      assert.strictEqual(names.size, 4);
    });

    it("Performance endpoints carry endpointLocation and geographic profiles a WORLD catch-all (§6 Azure 4)", () => {
      for (const e of of(plan, TM.endpoint, "tm-latency")) assert.ok(e.inputs.endpointLocation, e.name);
      assert.ok(
        of(plan, TM.endpoint, "tm-geo").some((e) =>
          ((e.inputs.geoMapping as string[] | undefined) ?? []).includes("WORLD"),
        ),
      );
      const mc = of(plan, TM.profile, "tm-failover")[0].inputs.monitorConfig as any;
      assert.ok(
        [10, 30].includes(mc.intervalInSeconds) &&
          mc.timeoutInSeconds >= 5 &&
          mc.timeoutInSeconds <= (mc.intervalInSeconds === 10 ? 9 : 10),
      );
    });

    it("drain disables the endpoint; manual failover gives the chosen endpoint priority 1", () => {
      assert.strictEqual(getResource(plan, TM.endpoint, "tm-drain-eu").inputs.endpointStatus, "Disabled");
      assert.strictEqual(getResource(plan, TM.endpoint, "tm-manual-eu").inputs.priority, 1);
      const priorities = findResources(plan, TM.endpoint)
        .filter((e) => e.name.startsWith("tm-manual-"))
        .map((e) => e.inputs.priority);
      assert.strictEqual(new Set(priorities).size, priorities.length);
    });
  });

  describe("Google Cloud DNS", () => {
    it("a health check with exactly 3 source regions and interval >= 30 s, IPv4 external endpoints only (§6 GCP 1)", () => {
      for (const c of DNS_CASES.filter((x) => x.provider === "gcp-cloud-dns")) {
        const [hc] = of(plan, GDNS.hc, c.name);
        assert.strictEqual((hc.inputs.sourceRegions as string[]).length, 3);
        assert.ok((hc.inputs.checkIntervalSec as number) >= 30);
        assert.ok((hc.inputs.timeoutSec as number) <= (hc.inputs.checkIntervalSec as number));
        const [rs] = of(plan, GDNS.record, c.name);
        const policy = rs.inputs.routingPolicy as any;
        assert.ok(policy.healthCheck);
        assert.strictEqual(rs.inputs.rrdatas, undefined);
        for (const ip of allStrings(policy).filter((s) => /^\d+\.\d+\.\d+\.\d+$/.test(s)))
          assert.match(ip, /^34\.120\.113\./);
        assert.ok(!(policy.wrrs && policy.geos), "§6 GCP 4: no WRR + geo");
      }
    });

    it("failover backups are geo-keyed with no trickle (§6 GCP 4); drain leaves the endpoint out; manual moves the primary", () => {
      const pb = (name: string) => (getResource(plan, GDNS.record, name).inputs.routingPolicy as any).primaryBackup;
      assert.deepStrictEqual(
        pb("gdns-failover-record").backupGeos.map((b: any) => b.location),
        ["europe-west1", "asia-southeast1"],
      );
      assert.strictEqual(pb("gdns-failover-record").trickleRatio, 0);
      assert.deepStrictEqual(
        pb("gdns-drain-record").backupGeos.map((b: any) => b.location),
        ["asia-southeast1"],
      );
      assert.deepStrictEqual(pb("gdns-manual-record").primary.externalEndpoints, ["34.120.113.11"]);
    });
  });
});

describe("review: MultiRegionService held-out programs (1 and 5 regions per cloud, defaults)", () => {
  const plans: Record<string, Plan> = {};
  before(async () => {
    for (const cloud of ["aws", "gcp", "azure"] as const) {
      for (const n of [1, 5] as const) plans[`${cloud}${n}`] = await recordPlan(serviceProgram(cloud, n));
    }
    plans.mixed = await recordPlan(mixedCloudflareProgram);
    plans.gcpCf = await recordPlan(gcpBehindCloudflareProgram);
  });

  it("passes every policy (HTTPS, TLS 1.2+, least privilege, log retention, secrets)", () => {
    for (const [k, p] of Object.entries(plans))
      if (k !== "mixed") assert.deepStrictEqual(checkPlan(p).map(formatViolation), [], k);
  });

  // The mixed program puts a Pulumi secret in `container.environment`: on ECS it becomes part of the task
  // definition's containerDefinitions, one secret JSON string that AWS stores and shows in clear to anyone with
  // ecs:DescribeTaskDefinition. This test used to assert that the plan passes every policy — the policy gate was
  // failing open. It now fails closed on exactly that task definition.
  it("mixed: a secret in container.environment is refused by the policy gate on the ECS task definition", () => {
    const vs = checkPlan(plans.mixed);
    assert.deepStrictEqual(
      vs.map((v) => `${v.policy} ${v.type}`).sort(),
      [
        "aws-log-groups-managed aws:ecs/taskDefinition:TaskDefinition",
        "no-plaintext-secrets-in-environment aws:ecs/taskDefinition:TaskDefinition",
      ],
      vs.map(formatViolation).join("\n"),
    );
    assert.ok(vs.every((v) => /containerDefinitions is a Pulumi secret/.test(v.message)));
  });

  for (const cloud of ["aws", "gcp", "azure"] as const) {
    it(`${cloud}: each of 5 regions is complete (same resource set as 1 region) and independent`, () => {
      const labels = labelsOf(cloud, 5);
      const one = regionTypes(plans[`${cloud}1`], "api", labels[0], labelsOf(cloud, 1));
      // A Google region is its Cloud Run service and NEG: public access is invokerIamDisabled, no allUsers grant.
      assert.ok(one.length >= (cloud === "gcp" ? 2 : 3));
      for (const l of labels) assert.deepStrictEqual(regionTypes(plans[`${cloud}5`], "api", l, labels), one, l);
      assert.deepStrictEqual(crossRegionEdges(plans[`${cloud}5`], "api", labels), []);
    });

    it(`${cloud}: the critical path for 5 regions is at most 1.1 × that for 1 region`, () => {
      const c1 = criticalPathSeconds(plans[`${cloud}1`]);
      const c5 = criticalPathSeconds(plans[`${cloud}5`]);
      assert.ok(c1 > 0 && c5 <= 1.1 * c1, `${cloud}: ${c5} vs ${c1}`);
    });
  }

  it("aws: the HTTPS listener waits for the validated certificate; the service for the listener; TLS 1.2+; HTTP only redirects", () => {
    const p = plans.aws5;
    for (const l of labelsOf("aws", 5)) {
      const https = getResource(p, "aws:lb/listener:Listener", `api-${l}-https`);
      assert.ok(
        dependsOn(
          p,
          https,
          getResource(p, "aws:acm/certificateValidation:CertificateValidation", `api-${l}-cert-validated`),
        ),
      );
      assert.strictEqual(https.inputs.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06");
      assert.ok(dependsOn(p, getResource(p, "aws:ecs/service:Service", `api-${l}-service`), https));
      const http = getResource(p, "aws:lb/listener:Listener", `api-${l}-http`);
      assert.strictEqual((http.inputs.defaultActions as any[])[0].type, "redirect");
      for (const r of p.resources.filter(
        (x) => x.custom && x.name.startsWith(`api-${l}-`) && x.type !== "aws:route53/record:Record",
      ))
        assert.strictEqual(r.inputs.region, l, r.name);
    }
    assert.strictEqual(findResources(p, "aws:iam/role:Role").length, 1, "one execution role (IAM is global)");
  });

  it("gcp: every NEG exists before the backend service, the proxy has a TLS 1.2+ policy, Cloud Run admits only the LB", () => {
    const p = plans.gcp5;
    const backend = getResource(p, "gcp:compute/backendService:BackendService");
    for (const neg of findResources(p, "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup"))
      assert.ok(dependsOn(p, backend, neg), neg.name);
    assert.strictEqual((backend.inputs.backends as any[]).length, 5);
    assert.strictEqual(backend.inputs.healthChecks, undefined, "serverless NEGs take no health checks");
    assert.ok(backend.inputs.outlierDetection);
    assert.strictEqual(getResource(p, "gcp:compute/sSLPolicy:SSLPolicy").inputs.minTlsVersion, "TLS_1_2");
    for (const run of findResources(p, "gcp:cloudrunv2/service:Service")) {
      assert.strictEqual(run.inputs.ingress, "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER");
      assert.strictEqual(run.inputs.deletionProtection, false);
      assert.ok(
        ((run.inputs.template as any).scaling.minInstanceCount as number) >= 1,
        "service health needs a warm instance",
      );
    }
  });

  it("azure: the route is created after every origin; HTTPS only to origins, HTTP redirected; apps refuse plain HTTP", () => {
    const p = plans.azure5;
    const route = getResource(p, "azure-native:cdn:Route");
    for (const o of findResources(p, "azure-native:cdn:AFDOrigin")) {
      assert.ok(dependsOn(p, route, o), o.name);
      assert.strictEqual(o.inputs.enforceCertificateNameCheck, true);
      assert.strictEqual(o.inputs.originHostHeader, o.inputs.hostName);
    }
    assert.strictEqual(route.inputs.forwardingProtocol, "HttpsOnly");
    assert.strictEqual(route.inputs.httpsRedirect, "Enabled");
    const probe = getResource(p, "azure-native:cdn:AFDOriginGroup").inputs.healthProbeSettings as any;
    assert.ok(probe.probeIntervalInSeconds <= 30, "§6 Azure 7: not the 240 s default");
    for (const app of findResources(p, "azure-native:app:ContainerApp"))
      assert.strictEqual((app.inputs.configuration as any).ingress.allowInsecure, false);
  });

  it("mixed AWS + GCP behind Cloudflare: independent regions, Host override for Cloud Run, worst-case failoverSeconds, secrets stay secret", () => {
    const p = plans.mixed;
    assert.deepStrictEqual(crossRegionEdges(p, "api", ["us-east-1", "europe-west1"]), []);
    // pro monitor (60 s) × 3 failures + 5 s × (1 + 1 retry): proxied Cloudflare does not retry 502/503/524 (issue #16;
    // this test used to expect the 15 s connect limit, a best case).
    assert.strictEqual(p.outputs.failoverSeconds, 60 * 3 + 5 * 2);
    const run = getResource(p, CF.pool, "api-dns-europe-west1-pool");
    const origin = (run.inputs.origins as any[])[0];
    assert.deepStrictEqual(origin.header, { hosts: [origin.address] });
    assert.strictEqual(
      (getResource(p, CF.pool, "api-dns-us-east-1-pool").inputs.origins as any[])[0].header,
      undefined,
    );
    assert.deepStrictEqual(getResource(p, CF.monitor).inputs.header, { Host: ["api.example.com"] });
    const validation = getResource(p, "cloudflare:index/dnsRecord:DnsRecord");
    assert.strictEqual(validation.inputs.proxied, false);
    assert.ok(!allStrings(p).includes(SERVICE_SECRET));
  });

  it("Google's load balancer named in a Cloudflare zone is DNS-only, so its managed certificate can provision", () => {
    const lb = getResource(plans.gcpCf, CF.lb);
    assert.strictEqual(lb.inputs.proxied, false);
    assert.ok(findResources(plans.gcpCf, "gcp:compute/managedSslCertificate:ManagedSslCertificate").length === 1);
  });

  it("failoverSeconds per front (AWS Route 53 alias front: documented, above the 60 s plain-record bound)", () => {
    assert.strictEqual(plans.aws1.outputs.failoverSeconds, plans.aws5.outputs.failoverSeconds);
    assert.ok((plans.gcp5.outputs.failoverSeconds as number) <= 30);
    assert.ok((plans.azure5.outputs.failoverSeconds as number) <= 60);
  });
});
