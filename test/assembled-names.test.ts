import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ApiGateway, MultiRegionService, ServerlessFunction } from "../lib";
import { isConfigError } from "../lib/core/errors";
import { recordPlan, tryRecordPlan } from "../lib/testing";
import { routeTarget } from "./bad-input/api-gateway.cases";

/**
 * Names the outer components assemble and pass down or send to a cloud are checked whole, in the outer component,
 * before anything registers (issue #17, defect 2): the error names the component the user wrote and its field.
 */

const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
/** A zone and record whose `<record>.<zone>` is exactly `length` characters. */
function nameOf(length: number): { zone: string; record: string } {
  const zone = "example.com";
  return { zone, record: "r".repeat(length - zone.length - 1) };
}
const service = (regions: string[], dns: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  new MultiRegionService("svc", {
    regions: regions as never,
    container: { image: "ghcr.io/acme/api:1" },
    routing: { dns: { provider: "route53", ...dns } },
    ...extra,
  } as never);

describe("assembled names are checked by the outer component before anything registers (issue #17, defect 2)", function () {
  this.timeout(120_000);

  // ACM RequestCertificate, DomainName: "the length of the domain name (technically, the Common Name) that you
  // provide cannot exceed 64 octets (characters), including periods"
  // (https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html).
  it("MultiRegionService on AWS: <record>.<zone> of 64 characters records, 65 is a ConfigError on routing.dns.record", async () => {
    const plan = await recordPlan(() => void service(["aws:us-east-1"], nameOf(64)));
    const certs = plan.resources.filter((r) => r.type === "aws:acm/certificate:Certificate");
    assert.ok(certs.length > 0);
    for (const c of certs) assert.equal(String(c.inputs.domainName).length, 64);
    const { plan: refused, error } = await tryRecordPlan(() => void service(["aws:us-east-1"], nameOf(65)));
    assert.ok(isConfigError(error), String(error));
    assert.equal(error.component, 'MultiRegionService "svc"');
    assert.equal(error.field, "routing.dns.record");
    assert.match(error.message, /is 65 characters; AWS Certificate Manager takes at most 64/);
    assert.deepEqual(refused.resources, []);
  });

  it("MultiRegionService on Google Cloud only: no ACM certificate, so a 65-character name records", async () => {
    await recordPlan(() => void service(["gcp:europe-west1"], nameOf(65)));
  });

  it("ApiGateway on AWS: a 65-character domain is a ConfigError on domain (its custom domain needs an ACM certificate)", async () => {
    const domain = `${"d".repeat(65 - ".example.com".length)}.example.com`;
    const { plan, error } = await tryRecordPlan(
      () =>
        void new ApiGateway("api", {
          target: "aws:us-east-1",
          routes: { "GET /x": routeTarget("aws:us-east-1") },
          domain,
        } as never),
    );
    assert.ok(isConfigError(error), String(error));
    assert.equal(error.component, 'ApiGateway "api"');
    assert.equal(error.field, "domain");
    assert.deepEqual(plan.resources, []);
  });

  it("MultiRegionService: what its nested FailoverDns would refuse is the service's ConfigError, with nothing registered", async () => {
    // One AWS region with strategy failover: FailoverDns needs two endpoints for failover. Before, the regional VPC,
    // ALB and ECS service were registered and then the inner component threw, naming itself.
    const { plan, error } = await tryRecordPlan(
      () => void service(["aws:us-east-1"], { zone: "example.com", record: "api" }, {}),
    );
    assert.equal(error, undefined, String(error));
    const failover = await tryRecordPlan(
      () =>
        void new MultiRegionService("svc", {
          regions: ["aws:us-east-1"],
          container: { image: "ghcr.io/acme/api:1" },
          routing: { strategy: "failover", dns: { provider: "route53", zone: "example.com", record: "api" } },
        } as never),
    );
    assert.ok(isConfigError(failover.error), String(failover.error));
    assert.equal(failover.error.component, 'MultiRegionService "svc"');
    assert.equal(failover.error.field, "routing.dns");
    assert.match(failover.error.message, /FailoverDns "svc-dns" .* refuses endpoints: got 1 item\(s\); at least 2/);
    assert.deepEqual(failover.plan.resources, []);
    assert.ok(plan.resources.length > 0);
  });

  // "must be 6-30 characters long" (https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/create).
  it("a Google service account id is 6-30 characters even for a short project, stack and name", async () => {
    for (const [project, stack, name] of [
      ["a", "b", "x"],
      ["p", "s", "fn"],
      ["a".repeat(40), "prod", "f".repeat(60)],
    ]) {
      const plan = await recordPlan(
        () => void new ServerlessFunction(name, { target: "gcp:europe-west1", entry: ENTRY } as never),
        { project, stack },
      );
      for (const r of plan.resources.filter((r) => r.type === "gcp:serviceaccount/account:Account")) {
        const id = String(r.inputs.accountId);
        assert.ok(
          id.length >= 6 && id.length <= 30 && /^[a-z]([-a-z0-9]*[a-z0-9])$/.test(id),
          `${project}/${stack}: ${id}`,
        );
      }
    }
  });
});
