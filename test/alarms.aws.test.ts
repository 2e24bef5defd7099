import * as assert from "node:assert/strict";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ApiGateway, FailoverDns, MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, PlanResource, allStrings, findResources, recordPlan } from "../lib/testing";

// Facts asserted here, each from the AWS documentation:
// - PutMetricAlarm: periods are 10, 20, 30 or a multiple of 60 s; AWS service metrics are one-minute data.
//   https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
// - Lambda Errors / Invocations (Sum), Duration (ms, percentiles), dimension FunctionName.
//   https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
// - HTTP API 5xx / Count, Latency (ms), dimension ApiId. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
// - ALB HTTPCode_Target_5XX_Count, HTTPCode_ELB_5XX_Count, RequestCount, TargetResponseTime (seconds), dimension
//   LoadBalancer. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
// - Route 53 HealthCheckStatus (1/0), dimension HealthCheckId, only in us-east-1.
//   https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const SUB = "aws:sns/topicSubscription:TopicSubscription";
const WEBHOOK = "https://hooks.example.com/services/T000/B000/never-in-clear";
const byName = (plan: Plan, name: string): PlanResource => {
  const r = plan.resources.find((x) => x.name === name);
  assert.ok(r, `no resource named ${name}; have ${plan.resources.map((x) => x.name).join(", ")}`);
  return r;
};
const query = (alarm: PlanResource, id: string) =>
  (alarm.inputs.metricQueries as any[]).find((q) => q.id === id) ?? assert.fail(`no query ${id}`);

describe("Alarms on AWS", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(() => {
      const notify = { email: ["oncall@example.com"], webhook: pulumi.secret(WEBHOOK) };
      const fn = new ServerlessFunction("hello", {
        target: "aws:us-east-1",
        entry: ENTRY,
        alarms: { notify },
      });
      new ApiGateway("api", {
        target: "aws:us-east-1",
        routes: { "GET /hello": fn },
        alarms: { errorRate: { above: 0.01, forSeconds: 600 }, p99LatencyMs: false, notify },
      });
      new FailoverDns("dns", {
        provider: "route53",
        zone: "example.com",
        record: "www",
        strategy: "failover",
        route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
        endpoints: [
          { id: "use1", address: "lb-use1.northwind-origins.net" },
          { id: "euw1", address: "lb-euw1.northwind-origins.net" },
          { id: "apse1", address: "lb-apse1.northwind-origins.net", enabled: false },
        ],
        healthCheck: { path: "/healthz" },
        alarms: { notify: { ...notify, topic: "arn:aws:sns:us-east-1:123456789012:pager" } },
      });
      return {};
    });
  });

  it("alarms on the Lambda error rate: Errors ÷ Invocations (Sum, 60 s), above 5 % for 5 periods", () => {
    const a = byName(plan, "hello-alarm-error-rate");
    assert.equal(a.type, ALARM);
    assert.equal(a.inputs.region, "us-east-1");
    const errors = query(a, "errors1");
    assert.deepEqual(
      { ...errors.metric, dimensions: Object.keys(errors.metric.dimensions) },
      { namespace: "AWS/Lambda", metricName: "Errors", period: 60, stat: "Sum", dimensions: ["FunctionName"] },
    );
    assert.equal(query(a, "requests").metric.metricName, "Invocations");
    assert.equal(query(a, "requests").metric.stat, "Sum");
    assert.equal(query(a, "errorRate").expression, "FILL(errors1, 0) / requests");
    assert.equal(query(a, "errorRate").returnData, true);
    assert.equal(a.inputs.threshold, 0.05);
    assert.equal(a.inputs.comparisonOperator, "GreaterThanThreshold");
    assert.equal(a.inputs.evaluationPeriods, 5);
    assert.equal(a.inputs.datapointsToAlarm, 5);
    assert.equal(a.inputs.treatMissingData, "notBreaching");
  });

  it("alarms on the Lambda p99 Duration (ms) above 1000 for one minute", () => {
    const a = byName(plan, "hello-alarm-latency");
    assert.equal(a.inputs.namespace, "AWS/Lambda");
    assert.equal(a.inputs.metricName, "Duration");
    assert.equal(a.inputs.extendedStatistic, "p99");
    assert.equal(a.inputs.statistic, undefined);
    assert.equal(a.inputs.period, 60);
    assert.equal(a.inputs.threshold, 1000);
    assert.equal(a.inputs.evaluationPeriods, 1);
  });

  it("alarms on the HTTP API 5xx ÷ Count by ApiId with the tuned threshold, and no latency alarm when off", () => {
    const a = byName(plan, "api-alarm-error-rate");
    assert.equal(query(a, "errors1").metric.namespace, "AWS/ApiGateway");
    assert.equal(query(a, "errors1").metric.metricName, "5xx");
    assert.equal(query(a, "requests").metric.metricName, "Count");
    assert.ok("ApiId" in query(a, "errors1").metric.dimensions);
    assert.equal(a.inputs.threshold, 0.01);
    assert.equal(a.inputs.evaluationPeriods, 10);
    assert.ok(!plan.resources.some((r) => r.name === "api-alarm-latency"));
  });

  it("alarms on each Route 53 health check in us-east-1, not on a drained endpoint", () => {
    const health = findResources(plan, ALARM).filter((r) => r.name.startsWith("dns-"));
    assert.deepEqual(health.map((r) => r.name).sort(), ["dns-euw1-alarm-health", "dns-use1-alarm-health"]);
    for (const a of health) {
      assert.equal(a.inputs.region, "us-east-1");
      assert.equal(a.inputs.namespace, "AWS/Route53");
      assert.equal(a.inputs.metricName, "HealthCheckStatus");
      assert.equal(a.inputs.statistic, "Minimum");
      assert.equal(a.inputs.comparisonOperator, "LessThanThreshold");
      assert.equal(a.inputs.threshold, 1);
      assert.ok("HealthCheckId" in (a.inputs.dimensions as object));
    }
  });

  it("shares one SNS topic per region and notify, with email and HTTPS subscriptions, on ALARM and OK", () => {
    const topics = findResources(plan, TOPIC);
    assert.deepEqual(
      topics.map((t) => t.name),
      ["meridian-alarms-us-east-1"],
    );
    assert.ok(!topics[0].urn.includes("$"), "a stack-level resource: no component in its URN");
    const subs = findResources(plan, SUB);
    assert.deepEqual(subs.map((s) => s.inputs.protocol).sort(), ["email", "https"]);
    assert.equal(subs.find((s) => s.inputs.protocol === "email")!.inputs.endpoint, "oncall@example.com");
    for (const a of findResources(plan, ALARM)) {
      assert.equal((a.inputs.alarmActions as unknown[]).length >= 1, true, a.name);
      assert.deepEqual(a.inputs.okActions, a.inputs.alarmActions);
    }
    const health = byName(plan, "dns-use1-alarm-health");
    assert.ok((health.inputs.alarmActions as unknown[]).includes("arn:aws:sns:us-east-1:123456789012:pager"));
  });

  it("keeps the webhook URL secret end to end", () => {
    const https = findResources(plan, SUB).find((s) => s.inputs.protocol === "https")!;
    assert.deepEqual(https.inputs.endpoint, { secret: true });
    assert.ok(!allStrings(plan).some((s) => s.includes("never-in-clear")));
  });
});

describe("Alarms on AWS: MultiRegionService per region", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(() => {
      new MultiRegionService("svc", {
        regions: ["aws:us-east-1", "aws:eu-west-1"],
        container: { image: "ghcr.io/acme/api:1.0.0", port: 8080 },
        healthCheck: { path: "/healthz" },
        routing: {
          strategy: "failover",
          dns: { provider: "route53", zone: "example.com", record: "api", route53: { zoneId: "Z0123456789ABC" } },
        },
        alarms: { p99LatencyMs: { above: 500, forSeconds: 120 }, notify: { email: ["oncall@example.com"] } },
      });
      return {};
    });
  });

  it("alarms on each region's ALB: target + ELB 5xx ÷ RequestCount, p99 TargetResponseTime in seconds", () => {
    for (const region of ["us-east-1", "eu-west-1"]) {
      const rate = byName(plan, `svc-${region}-alarm-error-rate`);
      assert.equal(rate.inputs.region, region);
      assert.equal(query(rate, "errors1").metric.metricName, "HTTPCode_Target_5XX_Count");
      assert.equal(query(rate, "errors2").metric.metricName, "HTTPCode_ELB_5XX_Count");
      assert.equal(query(rate, "requests").metric.metricName, "RequestCount");
      assert.equal(query(rate, "errorRate").expression, "(FILL(errors1, 0) + FILL(errors2, 0)) / requests");
      assert.ok("LoadBalancer" in query(rate, "errors1").metric.dimensions);
      const latency = byName(plan, `svc-${region}-alarm-latency`);
      assert.equal(latency.inputs.namespace, "AWS/ApplicationELB");
      assert.equal(latency.inputs.metricName, "TargetResponseTime");
      assert.equal(latency.inputs.extendedStatistic, "p99");
      assert.equal(latency.inputs.threshold, 0.5);
      assert.equal(latency.inputs.evaluationPeriods, 2);
    }
  });

  it("notifies a topic in each alarm's own region, and health alarms of the front in us-east-1", () => {
    assert.deepEqual(
      findResources(plan, TOPIC)
        .map((t) => t.name)
        .sort(),
      ["meridian-alarms-eu-west-1", "meridian-alarms-us-east-1"],
    );
    const health = findResources(plan, ALARM).filter((r) => r.name.endsWith("-alarm-health"));
    assert.equal(health.length, 2);
    assert.ok(health.every((a) => a.inputs.region === "us-east-1"));
  });
});

describe("Alarms: bad input", () => {
  const fn = (alarms: unknown) => () =>
    new ServerlessFunction("bad", { target: "aws:us-east-1", entry: ENTRY, alarms: alarms as any });
  const cases: Array<[string, unknown, RegExp]> = [
    ["no notify", {}, /alarms\.notify: got undefined/],
    ["nobody to notify", { notify: {} }, /alarms\.notify: names no one/],
    ["a bad email", { notify: { email: ["oncall"] } }, /alarms\.notify\.email\[0\]: got "oncall"/],
    ["a window under a minute", { errorRate: { forSeconds: 30 }, notify: { email: ["a@b.co"] } }, /forSeconds: got 30/],
    ["a window not in minutes", { errorRate: { forSeconds: 90 }, notify: { email: ["a@b.co"] } }, /multiple of 60/],
    ["a window over a day", { p99LatencyMs: { forSeconds: 86_460 }, notify: { email: ["a@b.co"] } }, /86460/],
    ["a rate above 1", { errorRate: { above: 5 }, notify: { email: ["a@b.co"] } }, /errorRate\.above: got 5/],
    ["a rate of 0", { errorRate: { above: 0 }, notify: { email: ["a@b.co"] } }, /must be above 0/],
    ["health on a function", { health: true, notify: { email: ["a@b.co"] } }, /alarms\.health: unknown field/],
    ["a bad topic", { notify: { topic: "pager" } }, /expected an SNS topic ARN/],
    ["an http webhook", { notify: { webhook: "http://hooks.example.com/x-token" } }, /must be an https/],
  ];
  for (const [what, alarms, message] of cases) {
    it(`refuses ${what} with a ConfigError before registering anything`, () => {
      assert.throws(fn(alarms), (e: Error) => e.name === "ConfigError" && message.test(e.message));
    });
  }
  it("never repeats a webhook URL in a message", () => {
    assert.throws(fn({ notify: { webhook: "http://hooks.example.com/x-token" } }), (e: Error) => {
      return !e.message.includes("x-token");
    });
  });
});

describe("Alarms: the shared target belongs to one evaluation", () => {
  it("creates the topic again in every recording of the same program (recordPlan resets the sharing)", async () => {
    const program = () => {
      for (const name of ["one", "two"])
        new ServerlessFunction(name, {
          target: "aws:eu-west-1",
          entry: ENTRY,
          alarms: { notify: { email: ["oncall@example.com"] } },
        });
      new ServerlessFunction("other", {
        target: "aws:eu-west-1",
        entry: ENTRY,
        alarms: { notify: { email: ["team@example.com"] } },
      });
      return {};
    };
    for (let i = 0; i < 2; i++) {
      const plan = await recordPlan(program);
      assert.deepEqual(
        findResources(plan, TOPIC).map((t) => t.name),
        ["meridian-alarms-eu-west-1", "meridian-alarms-eu-west-1-2"],
      );
      const topicOf = (fn: string) =>
        byName(plan, `${fn}-alarm-error-rate`).dependencies.find((d) => d.includes("sns"));
      assert.equal(topicOf("one"), topicOf("two"));
      assert.notEqual(topicOf("one"), topicOf("other"));
    }
  });
});

describe("Alarms on AWS: behind Global Accelerator", () => {
  it("alarms on each region's healthy targets, since no DNS health check watches the regions", async () => {
    const plan = await recordPlan(() => {
      new MultiRegionService("svc", {
        regions: ["aws:us-east-1", "aws:eu-west-1"],
        container: { image: "ghcr.io/acme/api:1.0.0", port: 8080 },
        healthCheck: { path: "/healthz" },
        routing: {
          strategy: "latency",
          front: "global-accelerator",
          dns: { provider: "route53", zone: "example.com", record: "api", route53: { zoneId: "Z0123456789ABC" } },
        },
        alarms: { notify: { email: ["oncall@example.com"] } },
      });
      return {};
    });
    for (const region of ["us-east-1", "eu-west-1"]) {
      const a = byName(plan, `svc-${region}-alarm-health`);
      assert.equal(a.inputs.region, region);
      assert.equal(a.inputs.namespace, "AWS/ApplicationELB");
      assert.equal(a.inputs.metricName, "HealthyHostCount");
      assert.equal(a.inputs.statistic, "Minimum");
      assert.equal(a.inputs.comparisonOperator, "LessThanThreshold");
      assert.equal(a.inputs.threshold, 1);
      assert.deepEqual(Object.keys(a.inputs.dimensions as object).sort(), ["LoadBalancer", "TargetGroup"]);
    }
    assert.ok(!plan.resources.some((r) => r.inputs.namespace === "AWS/Route53"));
  });
});
