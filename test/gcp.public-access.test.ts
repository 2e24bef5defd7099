import * as assert from "node:assert";
import { MultiRegionService } from "../lib";
import { findResources, recordPlan } from "../lib/testing";

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
