import * as assert from "node:assert";
import { FailoverDns, FailoverDnsArgs } from "../lib";
import { Plan, allStrings, findResources, getResource, recordPlan } from "../lib/testing";
import { DNS_CASES, failoverDnsPlan } from "./support/held-out-dns-programs";
const GCP_RS = "gcp:dns/recordSet:RecordSet";
const GCP_HC = "gcp:compute/healthCheck:HealthCheck";

function record(args: FailoverDnsArgs, name = "api"): Promise<Plan> {
  return recordPlan(() => {
    const d = new FailoverDns(name, args);
    return { fqdn: d.fqdn, failoverSeconds: d.failoverSeconds, nativeFqdn: d.nativeFqdn };
  });
}
const GDNS = { hc: "gcp:compute/healthCheck:HealthCheck", record: "gcp:dns/recordSet:RecordSet" };

const of = (plan: Plan, type: string, component: string) =>
  findResources(plan, type).filter((r) => r.name.startsWith(`${component}-`));

describe("FailoverDns on Google Cloud DNS", () => {
  let failover: Plan, weighted: Plan, geo: Plan;
  const ips = [
    { id: "use4", address: "34.120.0.10", region: "gcp:us-east4" },
    { id: "euw1", address: "34.120.0.20", region: "gcp:europe-west1" },
    { id: "asse1", address: "34.120.0.30", region: "asia-southeast1" },
  ];
  before(async () => {
    const base = {
      provider: "gcp-cloud-dns",
      zone: "example.com",
      record: "api",
      gcp: { managedZone: "example-com", project: "acme-prod" },
    } as const;
    failover = await record({ ...base, strategy: "failover", endpoints: ips, primary: "euw1" });
    weighted = await record({
      ...base,
      strategy: "weighted",
      endpoints: [
        { ...ips[0], weight: 2 },
        { ...ips[1], enabled: false },
      ],
    });
    geo = await record({
      ...base,
      strategy: "geo",
      endpoints: [ips[0], { ...ips[1], geo: ["europe-west1", "europe-west4"] }],
    });
  });

  it("creates a global health check with exactly three source regions and a >= 30 s interval", () => {
    const hc = getResource(failover, GCP_HC);
    assert.deepStrictEqual(hc.inputs.sourceRegions, ["us-east4", "europe-west1", "asia-southeast1"]);
    assert.strictEqual(hc.inputs.checkIntervalSec, 30);
    assert.deepStrictEqual(hc.inputs.httpsHealthCheck, { port: 443, requestPath: "/", host: "api.example.com" });
    assert.strictEqual(failover.outputs.failoverSeconds, 30 + 5 + 30);
  });

  it("maps failover to primaryBackup with health-checked external endpoints, the manual primary first", () => {
    const rs = getResource(failover, GCP_RS);
    assert.strictEqual(rs.inputs.name, "api.example.com.");
    assert.ok(rs.dependencies.includes(getResource(failover, GCP_HC).urn));
    const policy = rs.inputs.routingPolicy as any;
    assert.strictEqual(typeof policy.healthCheck, "string");
    assert.deepStrictEqual(policy.primaryBackup.primary, { externalEndpoints: ["34.120.0.20"] });
    assert.deepStrictEqual(policy.primaryBackup.backupGeos, [
      { location: "us-east4", healthCheckedTargets: { externalEndpoints: ["34.120.0.10"] } },
      { location: "asia-southeast1", healthCheckedTargets: { externalEndpoints: ["34.120.0.30"] } },
    ]);
  });

  it("maps weighted to wrrs (drained = weight 0) and geo to geos by GCP region", () => {
    const wrrs = (getResource(weighted, GCP_RS).inputs.routingPolicy as any).wrrs;
    assert.deepStrictEqual(
      wrrs.map((w: any) => w.weight),
      [2, 0],
    );
    const geos = (getResource(geo, GCP_RS).inputs.routingPolicy as any).geos;
    assert.deepStrictEqual(
      geos.map((g: any) => g.location),
      ["us-east4", "europe-west1", "europe-west4"],
    );
  });
});

describe("review: FailoverDns held-out programs (every provider × strategy, defaults)", () => {
  let plan: Plan;
  before(async () => {
    plan = await failoverDnsPlan();
  });

  describe("Google Cloud DNS", () => {
    it("a health check with exactly 3 source regions and interval >= 30 s, IPv4 external endpoints only (https://cloud.google.com/dns/docs/zones/manage-routing-policies)", () => {
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
        assert.ok(
          !(policy.wrrs && policy.geos),
          "Cloud DNS has no WRR + geo combination (https://cloud.google.com/dns/docs/routing-policies-overview)",
        );
      }
    });

    it("failover backups are geo-keyed with no trickle (https://cloud.google.com/dns/docs/routing-policies-overview#failover); drain leaves the endpoint out; manual moves the primary", () => {
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
