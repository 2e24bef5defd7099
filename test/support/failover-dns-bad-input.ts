import * as assert from "node:assert";
import { FailoverDns, isConfigError } from "../../lib";
import { tryRecordPlan } from "../../lib/testing";

// trafficSteering: geo and latency need Cloudflare's Traffic Steering add-on below Enterprise (issue #16 item 5).
export const CF = {
  accountId: "0123456789abcdef0123456789abcdef",
  zoneId: "fedcba9876543210fedcba9876543210",
  trafficSteering: true,
};
export const good = (): any => ({
  provider: "route53",
  zone: "example.com",
  record: "api",
  strategy: "failover",
  endpoints: [
    { id: "use1", address: "lb-use1.northwind-origins.net", region: "aws:us-east-1" },
    { id: "euw1", address: "lb-euw1.northwind-origins.net", region: "aws:eu-west-1" },
  ],
});
export const cf = (a: any) => {
  a.provider = "cloudflare";
  a.cloudflare = { ...CF };
};
export const az = (a: any) => {
  a.provider = "azure-traffic-manager";
  a.azure = { resourceGroupName: "rg" };
};
export const gcp = (a: any) => {
  a.provider = "gcp-cloud-dns";
  a.gcp = { managedZone: "example-com" };
  a.endpoints = [
    { id: "a", address: "34.1.1.1", region: "gcp:us-east4" },
    { id: "b", address: "34.1.1.2", region: "gcp:europe-west1" },
  ];
};

/** [description, mutate(args), expected field] */
export type BadInputCase = [string, (a: any) => void, string];

/** One test per case: the mutated args are a ConfigError on that field of FailoverDns "api", with nothing registered. */
export function itRefusesEach(cases: readonly BadInputCase[]): void {
  for (const [what, mutate, field] of cases) {
    it(`${what} → ConfigError on ${field}, nothing registered`, async () => {
      const args = good();
      mutate(args);
      const { plan, error } = await tryRecordPlan(() => new FailoverDns("api", args));
      assert.ok(isConfigError(error), `expected a ConfigError, got ${error}`);
      assert.strictEqual((error as any).field, field, (error as Error).message);
      assert.strictEqual((error as any).component, 'FailoverDns "api"');
      assert.strictEqual(plan.resources.length, 0);
    });
  }
}
