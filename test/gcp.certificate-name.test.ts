import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, getResource, recordPlan } from "../lib/testing";

/**
 * A Google-managed certificate's `managed.domains` forces a new resource
 * (https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_managed_ssl_certificate);
 * Pulumi creates the replacement first, so a fixed name collides with the certificate being replaced and a domain
 * change can never complete (issue 15 item 9). The name carries a hash of the domains: a new domain set is a new
 * name, the same domain set the same name.
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const certName = (plan: Plan, logical: string) =>
  String(getResource(plan, "gcp:compute/managedSslCertificate:ManagedSslCertificate", logical).inputs.name);

const service = (record: string) => () =>
  void new MultiRegionService("web", {
    regions: ["gcp:us-central1"],
    container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080 },
    routing: {
      strategy: "latency",
      dns: { provider: "route53", zone: "example.com", record, route53: { zoneId: "Z0123456789ABC" } },
    },
  });
const gateway = (domain: string) => () => {
  const fn = new ServerlessFunction("list", { target: "gcp:us-central1", entry: ENTRY });
  new ApiGateway("api", { target: "gcp:us-central1", routes: { "GET /users": fn }, domain });
};

describe("managed certificate names follow their domains (issue 15 item 9)", () => {
  const config = { config: { "gcp:project": "meridian-test" } };
  it("MultiRegionService: another domain is another certificate name; the same domain the same name", async () => {
    const a = certName(await recordPlan(service("www"), config), "web-cert");
    const again = certName(await recordPlan(service("www"), config), "web-cert");
    const b = certName(await recordPlan(service("app"), config), "web-cert");
    assert.strictEqual(a, again);
    assert.notStrictEqual(a, b);
    for (const n of [a, b]) assert.match(n, /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/);
  });

  it("ApiGateway with a domain: the same rule", async () => {
    const a = certName(await recordPlan(gateway("api.example.com"), config), "api-cert");
    const b = certName(await recordPlan(gateway("api2.example.com"), config), "api-cert");
    assert.notStrictEqual(a, b);
  });
});
