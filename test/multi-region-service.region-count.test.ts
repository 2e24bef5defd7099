import * as assert from "node:assert";
import { criticalPathSeconds } from "../lib/core/service";
import { checkPlan, formatViolation } from "../lib/policy";
import { Plan, allStrings, dependsOn, findResources, getResource, recordPlan } from "../lib/testing";
import {
  SERVICE_REGIONS,
  SERVICE_SECRET,
  gcpBehindCloudflareProgram,
  mixedCloudflareProgram,
  serviceProgram,
} from "./support/held-out-dns-programs";
import { crossRegionEdges, regionTypes } from "./support/multi-region-service-helpers";
const CF = {
  monitor: "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor",
  pool: "cloudflare:index/loadBalancerPool:LoadBalancerPool",
  lb: "cloudflare:index/loadBalancer:LoadBalancer",
};
const labelsOf = (cloud: keyof typeof SERVICE_REGIONS, n: number) =>
  SERVICE_REGIONS[cloud].slice(0, n).map((p) => p.split(":")[1]);

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
    assert.ok(
      probe.probeIntervalInSeconds <= 30,
      "not the 240 s default (https://learn.microsoft.com/azure/frontdoor/health-probes)",
    );
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
