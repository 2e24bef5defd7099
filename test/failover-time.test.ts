import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FAILOVER_DOC, FailoverPoint, failoverRows, measureFailover, withFailoverTable } from "../bench/failover";
import { toMarkdown } from "../bench/rows";
import {
  CLOUDFLARE_ORIGIN_CONNECT_SECONDS,
  cloudDnsFailoverTime,
  cloudflareFailoverTime,
  frontDoorFailoverTime,
  googleLoadBalancerFailoverTime,
  route53FailoverTime,
  trafficManagerFailoverTime,
} from "../lib/core/failover-time";

// One formula per provider and front (lib/core/failover-time.ts), each stated as the provider documents it.
describe("failover time formulas (worst case, documented constants)", () => {
  it("Route 53: RequestInterval counts from the last response, so each failed check costs interval + probe timeout", () => {
    // HealthCheckConfig.RequestInterval: "the number of seconds between the time that Amazon Route 53 gets a response
    // from your endpoint and the time that it sends the next health check request"
    // (https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html); the probe timeout is fixed:
    // 4 s to connect + 2 s to answer for HTTP(S), 10 s for TCP
    // (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html).
    const defaults = route53FailoverTime({
      intervalSeconds: 10,
      failureThreshold: 2,
      protocol: "HTTPS",
      ttlSeconds: 30,
    });
    assert.equal(defaults.seconds, 62, "(10 + 6) × 2 + 30, not 10 × 2 + 6 + 30 = 56");
    assert.equal(defaults.derivation, "(10 + 6) × 2 + 30");
    assert.equal(
      route53FailoverTime({ intervalSeconds: 30, failureThreshold: 3, protocol: "TCP", ttlSeconds: 60 }).seconds,
      (30 + 10) * 3 + 60,
    );
    // An alias takes its target's TTL; an ELB's DNS entry has a 60 s TTL
    // (https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html).
    assert.equal(
      route53FailoverTime({
        intervalSeconds: 10,
        failureThreshold: 3,
        protocol: "HTTPS",
        ttlSeconds: 60,
        aliasTtlSeconds: 60,
      }).seconds,
      (10 + 6) * 3 + 60,
    );
  });

  it("Cloudflare proxied: the worst case is the monitor (502/503/524 are never retried); 19 s connect limit is only the best case", () => {
    // Zero-downtime failover retries only 521/522/523/525/526
    // (https://developers.cloudflare.com/load-balancing/understand-basics/adaptive-routing/); Complete TCP Connection
    // limit 19 s (https://developers.cloudflare.com/fundamentals/reference/connection-limits/).
    assert.equal(CLOUDFLARE_ORIGIN_CONNECT_SECONDS, 19);
    const pro = cloudflareFailoverTime({
      intervalSeconds: 60,
      consecutiveDown: 1,
      timeoutSeconds: 5,
      retries: 1,
      proxied: true,
      ttlSeconds: 30,
    });
    assert.equal(pro.seconds, 60 * 1 + 5 * (1 + 1), "no TTL behind the proxy, no min() with the connect limit");
    assert.equal(pro.cachingSeconds, 0);
    assert.equal(pro.bestCaseSeconds, 19);
    const fast = cloudflareFailoverTime({
      intervalSeconds: 10,
      consecutiveDown: 1,
      timeoutSeconds: 2,
      retries: 0,
      proxied: true,
      ttlSeconds: 30,
    });
    assert.equal(fast.seconds, 12);
    assert.equal(fast.bestCaseSeconds, undefined, "the monitor is faster than the connect limit");
  });

  it("Cloudflare DNS-only: monitor (every try of a timed-out probe waits its timeout) + TTL", () => {
    // "Retries are attempted immediately", on timeout (API schema load-balancing_retries).
    assert.equal(
      cloudflareFailoverTime({
        intervalSeconds: 10,
        consecutiveDown: 2,
        timeoutSeconds: 4,
        retries: 0,
        proxied: false,
        ttlSeconds: 30,
      }).seconds,
      10 * 2 + 4 + 30,
    );
  });

  it("Traffic Manager: Degraded on the failure after toleratedNumberOfFailures, + timeout + TTL", () => {
    // https://learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring
    assert.equal(
      trafficManagerFailoverTime({
        intervalSeconds: 30,
        toleratedNumberOfFailures: 3,
        timeoutSeconds: 10,
        ttlSeconds: 60,
      }).seconds,
      30 * 4 + 10 + 60,
    );
  });

  it("Cloud DNS: check interval runs probe start to probe start, × unhealthyThreshold + timeout + TTL", () => {
    // https://cloud.google.com/load-balancing/docs/health-check-concepts
    assert.equal(
      cloudDnsFailoverTime({ checkIntervalSeconds: 30, unhealthyThreshold: 1, timeoutSeconds: 5, ttlSeconds: 30 })
        .seconds,
      65,
    );
  });

  it("fronts: Google LB outlier ejection at the sweep after the errors; Front Door after sampleSize − required + 1 failed probes", () => {
    assert.equal(googleLoadBalancerFailoverTime({ outlierIntervalSeconds: 10 }).seconds, 20);
    const fd = frontDoorFailoverTime({ probeIntervalSeconds: 10, sampleSize: 4, successfulSamplesRequired: 2 });
    assert.equal(fd.seconds, 10 * 3 + 10);
    assert.equal(fd.cachingSeconds, 0, "anycast: no DNS TTL in the path");
  });
});

describe("failover figures: docs and bench print the same numbers", () => {
  let points: FailoverPoint[];
  before(async function () {
    this.timeout(60_000);
    points = await measureFailover();
  });

  it("docs/failover-dns.md's table is the one bench/failover.ts renders from the plans (run `npm run docs`)", () => {
    const doc = fs.readFileSync(FAILOVER_DOC, "utf8");
    assert.equal(withFailoverTable(doc, points), doc);
  });

  it("docs/performance.md's failover rows are bench's rows", () => {
    const perf = fs.readFileSync(path.join(__dirname, "..", "docs", "performance.md"), "utf8");
    for (const line of toMarkdown(failoverRows(points)).split("\n").slice(2)) assert.ok(perf.includes(line), line);
  });
});
