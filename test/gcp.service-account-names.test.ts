import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ApiGateway, MultiRegionService, ServerlessFunction } from "../lib";
import { findResources, recordPlan } from "../lib/testing";

/**
 * A service account's display name takes "The maximum length is 100 UTF-8 bytes"
 * (https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts, displayName). Component names go up
 * to 63 characters, and the ApiGateway account's "API Gateway <name>: invokes the API's functions" then had 104, which
 * IAM refuses at create. Checked on every service account of a plan whose components have the longest names they take.
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
/** The longest name each component takes (MultiRegionService names are at most 31: they prefix regional names). */
const LONG = (c: string, length = 63) => `${c}${"x".repeat(length - 1)}`;

describe("Google service account display names fit IAM's 100 bytes", () => {
  it("with the longest component names", async () => {
    const plan = await recordPlan(
      () => {
        const fn = new ServerlessFunction(LONG("f"), {
          target: "gcp:europe-west1",
          entry: ENTRY,
          triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(15 minutes)" }],
        });
        new ApiGateway(LONG("a"), { target: "gcp:europe-west1", routes: { "GET /x": fn } });
        new MultiRegionService(LONG("m", 31), {
          regions: ["gcp:europe-west1"],
          container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080 },
          routing: {
            strategy: "latency",
            dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
          },
        });
      },
      { config: { "gcp:project": "meridian-test" } },
    );
    const accounts = findResources(plan, "gcp:serviceaccount/account:Account");
    assert.ok(accounts.length >= 4);
    for (const a of accounts) {
      const bytes = Buffer.byteLength(String(a.inputs.displayName), "utf8");
      assert.ok(bytes <= 100, `${a.name}: ${bytes} bytes`);
    }
  });
});
