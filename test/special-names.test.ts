import * as assert from "node:assert/strict";
import { FailoverDns, FailoverDnsArgs, isConfigError } from "../lib";
import { tryRecordPlan } from "../lib/testing";
import { specialUseName } from "../lib/core/special-names";

// IANA Special-Use Domain Names registry (https://www.iana.org/assignments/special-use-domain-names/): .test,
// .localhost, .invalid, .example (RFC 6761 §6.2-6.5, RFC 2606), example.com/.net/.org (RFC 2606 §3: reserved for
// documentation, they resolve to an IANA placeholder, never to your service), .local (RFC 6762, multicast DNS on the
// local link), .home.arpa (RFC 8375, home networks), .onion (RFC 7686, Tor only), .alt (RFC 9476). No public health
// checker can probe a name under them and no public resolver answers for your service there (issue #16).
describe("special-use domain name classifier (one for every provider)", () => {
  const refused: Record<string, string> = {
    "api.test": "test",
    localhost: "localhost",
    "app.localhost": "localhost",
    "origin.invalid": "invalid",
    "lb.example": "example",
    "example.com": "example.com",
    "api.example.com": "example.com",
    "lb-use1.Example.NET.": "example.net",
    "www.example.org": "example.org",
    "printer.local": "local",
    "nas.home.arpa": "home.arpa",
    "abcdefghijklmnop.onion": "onion",
    "thing.alt": "alt",
  };
  for (const [host, suffix] of Object.entries(refused))
    it(`classifies ${host} under .${suffix}`, () => assert.equal(specialUseName(host)?.suffix, suffix));

  it("leaves public names alone, including ones that only look alike", () => {
    for (const host of ["api.northwind-traders.com", "examples.com", "myexample.com", "example.company", "local.dev"])
      assert.equal(specialUseName(host), undefined, host);
  });
});

describe("FailoverDns refuses special-use names as endpoints and health-check targets (issue #16)", () => {
  const base = (provider: FailoverDnsArgs["provider"]): Partial<FailoverDnsArgs> =>
    provider === "cloudflare"
      ? { cloudflare: { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210" } }
      : provider === "azure-traffic-manager"
        ? { azure: { resourceGroupName: "rg-dns" } }
        : {};
  const args = (provider: FailoverDnsArgs["provider"], a: string, host?: string): FailoverDnsArgs => ({
    provider,
    zone: "northwind-traders.com",
    record: "api",
    strategy: "failover",
    ...base(provider),
    endpoints: [
      { id: "a", address: a, ...(host ? { healthCheck: { host } } : {}) },
      { id: "b", address: "lb-b.northwind-origins.net" },
    ],
  });
  const refusal = async (a: FailoverDnsArgs) => {
    const { plan, error } = await tryRecordPlan(() => {
      new FailoverDns("api", a);
    });
    assert.ok(isConfigError(error), String(error));
    assert.equal(plan?.resources.length ?? 0, 0, "nothing registered");
    return error as Error & { field: string };
  };

  for (const provider of ["route53", "cloudflare", "azure-traffic-manager"] as const) {
    it(`${provider}: an endpoint address under a special-use name is a ConfigError naming the RFC`, async () => {
      for (const address of ["lb.example.com", "origin.test", "svc.local", "router.home.arpa", "x.onion"]) {
        const error = await refusal(args(provider, address));
        assert.equal(error.field, "endpoints[0].address");
        assert.match(error.message, /RFC \d+/);
      }
    });
  }

  it("a health-check host under a special-use name is refused too", async () => {
    const error = await refusal(args("route53", "lb-a.northwind-origins.net", "api.example.org"));
    assert.equal(error.field, "endpoints[0].healthCheck.host");
    assert.match(error.message, /RFC 2606/);
  });
});
