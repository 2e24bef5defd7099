import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ApiGateway, FailoverDns, MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, recordPlan } from "../lib/testing";

/**
 * Every label Meridian puts on a Google resource follows Google's label rules, whatever the project and stack are
 * called: "Keys have a minimum length of 1 character and a maximum length of 63 characters ... Values can be empty,
 * and have a maximum length of 63 characters. Keys and values can contain only lowercase letters, numeric
 * characters, underscores, and dashes ... Keys must start with a lowercase letter" and "Each resource can have
 * multiple labels, up to a maximum of 64" (https://cloud.google.com/resource-manager/docs/labels-overview#requirements).
 * A label outside them fails the create. Checked on a plan of all four components under a capitalised, dotted
 * project and stack name (Pulumi allows both) and a long one.
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const VALUE = /^[a-z0-9_-]{0,63}$/;

const program = () => {
  const fn = new ServerlessFunction("Hello", {
    target: "gcp:europe-west1",
    entry: ENTRY,
    url: true,
    secrets: { TOKEN: "s3cret" },
    triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(15 minutes)" }],
  });
  new ServerlessFunction("worker", { target: "gcp:europe-west1", entry: ENTRY, triggers: [{ type: "queue" }] });
  new ApiGateway("Users", { target: "gcp:europe-west1", routes: { "GET /x": fn }, domain: "api.example.com" });
  new MultiRegionService("Web", {
    regions: ["gcp:europe-west1", "gcp:us-central1"],
    container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080, secrets: { DB: "pw" } },
    routing: {
      strategy: "latency",
      dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
    },
  });
  new FailoverDns("dns", {
    provider: "gcp-cloud-dns",
    zone: "example.com",
    record: "api",
    strategy: "weighted",
    gcp: { managedZone: "example-com" },
    healthCheck: { intervalSeconds: 30 },
    endpoints: [{ id: "a", address: "34.120.113.10" }],
  });
};

function badLabels(plan: Plan): string[] {
  const bad: string[] = [];
  for (const r of plan.resources) {
    if (!r.custom || !r.type.startsWith("gcp:") || r.inputs.labels === undefined) continue;
    const labels = r.inputs.labels as Record<string, unknown>;
    if (Object.keys(labels).length > 64) bad.push(`${r.name}: ${Object.keys(labels).length} labels`);
    for (const [k, v] of Object.entries(labels)) {
      if (!KEY.test(k)) bad.push(`${r.name}: key ${JSON.stringify(k)}`);
      if (typeof v !== "string" || !VALUE.test(v)) bad.push(`${r.name}: ${k}=${JSON.stringify(v)}`);
    }
  }
  return bad;
}

describe("Google labels follow Google's label rules (https://cloud.google.com/resource-manager/docs/labels-overview)", function () {
  this.timeout(120_000);
  for (const [project, stack] of [
    ["Northwind.Storefront", "Prod.EU-West"],
    ["a".repeat(80), "B".repeat(70)],
  ]) {
    it(`project ${project.slice(0, 24)}, stack ${stack.slice(0, 24)}`, async () => {
      const plan = await recordPlan(program, { project, stack, config: { "gcp:project": "meridian-test" } });
      assert.ok(plan.resources.some((r) => r.inputs.labels !== undefined && r.type.startsWith("gcp:")));
      assert.deepEqual(badLabels(plan), []);
    });
  }
});
