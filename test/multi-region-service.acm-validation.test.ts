import * as assert from "node:assert/strict";
import { MultiRegionService } from "../lib";
import { Plan, findResources, recordPlan } from "../lib/testing";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const ZONE = "fedcba9876543210fedcba9876543210";

function service(provider: "route53" | "cloudflare"): Promise<Plan> {
  return recordPlan(() => {
    new MultiRegionService("web", {
      regions: ["aws:us-east-1", "aws:eu-west-1"],
      container: { image: "public.ecr.aws/nginx/nginx:1.27", port: 80, cpu: 0.5, memoryMb: 1024 },
      routing: {
        strategy: "latency",
        dns:
          provider === "route53"
            ? { provider, zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABCDEFGHIJ" } }
            : {
                provider,
                zone: "example.com",
                record: "www",
                cloudflare: { accountId: ACCOUNT, zoneId: ZONE, trafficSteering: true },
              },
      },
    });
  });
}

/** ACM gives every certificate for one name in an account the same validation CNAME. */
describe("ACM validation records shared by regions", () => {
  it("Route 53: each region upserts the record and none deletes it when it goes", async () => {
    const plan = await service("route53");
    const records = findResources(plan, "aws:route53/record:Record").filter((r) => r.name.endsWith("-cert-validation"));
    assert.equal(records.length, 2);
    for (const r of records) assert.ok(r.inputs.allowOverwrite === true && r.retainOnDelete, r.name);
  });

  it("Cloudflare: one record (Cloudflare refuses an identical second one); the other region waits for issuance", async () => {
    const plan = await service("cloudflare");
    const records = findResources(plan, "cloudflare:index/dnsRecord:DnsRecord").filter((r) =>
      r.name.endsWith("-cert-validation"),
    );
    assert.equal(records.length, 1);
    assert.ok(records[0].retainOnDelete);
    const validations = findResources(plan, "aws:acm/certificateValidation:CertificateValidation");
    assert.equal(validations.length, 2);
    const withoutRecord = validations.filter((v) => v.inputs.validationRecordFqdns === undefined);
    assert.equal(withoutRecord.length, 1);
    assert.ok(!withoutRecord[0].dependencies.includes(records[0].urn), "no edge from one region to the other's record");
  });
});
