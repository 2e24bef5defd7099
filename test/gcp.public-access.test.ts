import * as assert from "node:assert";
import type * as gcp from "@pulumi/gcp";
import * as path from "node:path";
import { MultiRegionService, ServerlessFunction } from "../lib";
import { findResources, recordPlan } from "../lib/testing";

const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");

/**
 * Domain Restricted Sharing (`iam.allowedPolicyMemberDomains`, enforced by Google's secure-by-default organisation
 * policies) refuses IAM grants to `allUsers`; Google's "Allowing public access" recommends disabling the Cloud Run
 * invoker IAM check instead (https://cloud.google.com/run/docs/authenticating/public#disable-invoker,
 * https://cloud.google.com/run/docs/securing/managing-access#invoker_check). Issue 15 item 7.
 */
describe("Cloud Run public access works under Domain Restricted Sharing (issue 15 item 7)", () => {
  for (const front of ["load balancer", "Cloudflare"] as const) {
    it(`MultiRegionService (${front} front): invokerIamDisabled, no allUsers grant, ingress unchanged`, async () => {
      const plan = await recordPlan(() => {
        new MultiRegionService("web", {
          regions: ["gcp:us-central1", "gcp:europe-west1"],
          container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080 },
          routing:
            front === "Cloudflare"
              ? {
                  strategy: "failover",
                  dns: {
                    provider: "cloudflare",
                    zone: "example.com",
                    record: "www",
                    cloudflare: {
                      accountId: "0123456789abcdef0123456789abcdef",
                      zoneId: "fedcba9876543210fedcba9876543210",
                    },
                  },
                }
              : {
                  strategy: "latency",
                  dns: {
                    provider: "route53",
                    zone: "example.com",
                    record: "www",
                    route53: { zoneId: "Z0123456789ABC" },
                  },
                },
        });
      });
      const services = findResources(plan, "gcp:cloudrunv2/service:Service");
      assert.strictEqual(services.length, 2);
      for (const s of services) {
        assert.strictEqual(s.inputs.invokerIamDisabled, true);
        assert.strictEqual(
          s.inputs.ingress,
          front === "Cloudflare" ? "INGRESS_TRAFFIC_ALL" : "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
        );
      }
      const everyone = findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter(
        (m) => m.inputs.member === "allUsers" || m.inputs.member === "allAuthenticatedUsers",
      );
      assert.deepStrictEqual(everyone, []);
    });
  }
});

/**
 * ServerlessFunction `url: true` on the default Google platform (Cloud Functions v2) still needs an `allUsers` grant:
 * the disabled invoker IAM check (https://cloud.google.com/run/docs/authenticating/public) is a field of Cloud Run
 * services, not of Cloud Functions v2 functions (the Cloud Functions API has none:
 * hashicorp/terraform-provider-google#23360). Under Domain Restricted Sharing a function deploys public with
 * `gcp.platform: "cloud-run"` (test/gcp.cloud-run-function.test.ts); docs/serverless-function.md says so and names the
 * organisation-policy exception the default platform would need
 * (https://cloud.google.com/resource-manager/docs/organization-policy/restricting-domains). These checks fail when the
 * SDK gains the field (then use it) and keep the default's failure mode what the docs say: the function exists first,
 * private.
 */
describe("ServerlessFunction url on Google Cloud under Domain Restricted Sharing (issue 15 item 7)", () => {
  it("the pinned SDK has invokerIamDisabled on cloudrunv2.Service and nothing like it on cloudfunctionsv2.Function", () => {
    type RunHas = "invokerIamDisabled" extends keyof gcp.cloudrunv2.ServiceArgs ? true : false;
    type FunctionHas = "invokerIamDisabled" extends keyof gcp.types.input.cloudfunctionsv2.FunctionServiceConfig
      ? true
      : false;
    const run: RunHas = true;
    const fn: FunctionHas = false;
    assert.deepEqual([run, fn], [true, false]);
  });

  it("gcp.platform cloud-run: public through the disabled invoker check, with no allUsers grant at all", async () => {
    const plan = await recordPlan(() => {
      new ServerlessFunction("pub", {
        target: "gcp:europe-west1",
        runtime: "nodejs22",
        entry: ENTRY,
        url: true,
        gcp: { platform: "cloud-run" },
      });
    });
    const services = findResources(plan, "gcp:cloudrunv2/service:Service");
    assert.deepEqual(
      services.map((s) => s.inputs.invokerIamDisabled),
      [true],
    );
    const everyone = findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter(
      (m) => m.inputs.member === "allUsers" || m.inputs.member === "allAuthenticatedUsers",
    );
    assert.deepEqual(everyone, []);
  });

  it("url: true on a portable entry deploys to Cloud Run by default: no allUsers grant", async () => {
    const plan = await recordPlan(() => {
      new ServerlessFunction("pub", { target: "gcp:europe-west1", entry: ENTRY, url: true });
    });
    assert.equal(findResources(plan, "gcp:cloudfunctionsv2/function:Function").length, 0);
    assert.equal(findResources(plan, "gcp:cloudrunv2/service:Service")[0].inputs.invokerIamDisabled, true);
    assert.deepEqual(
      findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter(
        (m) => m.inputs.member === "allUsers",
      ),
      [],
    );
  });

  it("gcp.platform cloud-functions with url: true grants allUsers on the function's own Cloud Run service only, after the function exists", async () => {
    const plan = await recordPlan(() => {
      new ServerlessFunction("pub", {
        target: "gcp:europe-west1",
        gcp: { platform: "cloud-functions" },
        runtime: "nodejs22",
        entry: ENTRY,
        url: true,
      });
      new ServerlessFunction("priv", { target: "gcp:europe-west1", runtime: "nodejs22", entry: ENTRY });
    });
    const grants = findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter(
      (m) => m.inputs.member === "allUsers",
    );
    assert.deepEqual(
      grants.map((g) => g.name),
      ["pub-public"],
    );
    const fn = findResources(plan, "gcp:cloudfunctionsv2/function:Function").find((f) => f.name === "pub-function")!;
    assert.ok(grants[0].dependencies.includes(fn.urn), "the function is created (private) before the grant");
  });
});
