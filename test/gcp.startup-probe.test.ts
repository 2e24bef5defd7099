import * as assert from "node:assert/strict";
import { MultiRegionService } from "../lib";
import { findResources, recordPlan } from "../lib/testing";

/**
 * Cloud Run gives a startup probe at most 240 s: "The time is a maximum of 240 seconds, calculated as
 * failureThreshold * periodSeconds" (https://cloud.google.com/run/docs/configuring/workerpools/healthchecks, the
 * same table as for jobs, https://cloud.google.com/run/docs/configuring/jobs/healthchecks; reported for services in
 * PolicyEngine/policyengine-api#3764: "Cloud Run caps failureThreshold × periodSeconds at 240s"). The startup
 * threshold is derived (at least 6 tries, to let a container start), so with a 60 s interval it was 6 × 60 = 360 s.
 * The product stays within 240 s, and the period (the user's interval, 1-240 s) is kept as given.
 */
const plan = (intervalSeconds: number, failureThreshold?: number) =>
  recordPlan(() => {
    new MultiRegionService("web", {
      regions: ["gcp:europe-west1"],
      container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080 },
      healthCheck: { path: "/healthz", intervalSeconds, failureThreshold, timeoutSeconds: 4 },
      routing: {
        strategy: "latency",
        dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
      },
    });
  });

const startupProbe = async (intervalSeconds: number, failureThreshold?: number) => {
  const run = findResources(await plan(intervalSeconds, failureThreshold), "gcp:cloudrunv2/service:Service")[0];
  return (run.inputs.template as any).containers[0].startupProbe as { periodSeconds: number; failureThreshold: number };
};

describe("Cloud Run startup probe: failureThreshold × periodSeconds within 240 s", () => {
  for (const [interval, threshold] of [
    [10, 3],
    [30, 10],
    [60, 3],
    [120, 2],
    [240, 2],
  ] as const) {
    it(`interval ${interval} s, threshold ${threshold}`, async () => {
      const p = await startupProbe(interval, threshold);
      assert.equal(p.periodSeconds, interval);
      assert.ok(p.failureThreshold >= 1);
      assert.ok(p.failureThreshold * p.periodSeconds <= 240, `${p.failureThreshold} × ${p.periodSeconds}`);
    });
  }

  it("short intervals keep at least 6 tries (or the user's threshold when higher)", async () => {
    assert.equal((await startupProbe(10, 3)).failureThreshold, 6);
    assert.equal((await startupProbe(10, 10)).failureThreshold, 10);
  });
});
