import * as assert from "node:assert/strict";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ApiGateway, FailoverDns, MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, PlanResource, allStrings, findResources, recordPlan } from "../lib/testing";

const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const WEBHOOK = "https://hooks.example.com/services/T000/B000/never-in-clear";
const CF = { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210" };
const CONFIG = { "cloudflare:accountId": CF.accountId, "gcp:project": "meridian-test" };
const byName = (plan: Plan, name: string): PlanResource => {
  const r = plan.resources.find((x) => x.name === name);
  assert.ok(r, `no resource named ${name}; have ${plan.resources.map((x) => x.name).join(", ")}`);
  return r;
};
const notify = () => ({ email: ["oncall@example.com"], webhook: pulumi.secret(WEBHOOK) });

// Google Cloud facts asserted here:
// - condition duration: a multiple of a minute; ratio conditions use denominatorFilter.
//   https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies#MetricThreshold
// - run.googleapis.com/request_count (response_code_class), request_latencies (ms), resource cloud_run_revision.
//   https://cloud.google.com/monitoring/api/metrics_gcp_p_z#gcp-run
// - uptime alerting: check_passed, ALIGN_NEXT_OLDER, REDUCE_COUNT_FALSE, COMPARISON_GT 1.
//   https://cloud.google.com/monitoring/uptime-checks/uptime-alerting-policies
describe("Alarms on Google Cloud", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      () => {
        const n = notify();
        const fn = new ServerlessFunction("hello", { target: "gcp:europe-west1", entry: ENTRY, alarms: { notify: n } });
        new ApiGateway("api", {
          target: "gcp:europe-west1",
          routes: { "GET /hello": fn },
          alarms: { p99LatencyMs: { above: 300, forSeconds: 180 }, notify: n },
        });
        new FailoverDns("dns", {
          provider: "gcp-cloud-dns",
          zone: "example.com",
          record: "www",
          strategy: "failover",
          gcp: { managedZone: "example-com", project: "acme-prod" },
          endpoints: [
            { id: "euw1", address: "35.190.100.1", region: "gcp:europe-west1" },
            { id: "use1", address: "35.190.100.2", region: "gcp:us-east4" },
          ],
          healthCheck: { path: "/healthz" },
          alarms: { notify: n },
        });
        return {};
      },
      { config: CONFIG },
    );
  });

  it("alarms on the Cloud Run 5xx ratio of the function, CRITICAL, for 300 s", () => {
    const p = byName(plan, "hello-alarm-error-rate");
    assert.equal(p.type, "gcp:monitoring/alertPolicy:AlertPolicy");
    assert.equal(p.inputs.severity, "CRITICAL");
    const c = (p.inputs.conditions as any[])[0].conditionThreshold;
    assert.match(c.filter, /metric\.type="run\.googleapis\.com\/request_count"/);
    assert.match(c.filter, /resource\.type="cloud_run_revision"/);
    assert.match(c.filter, /metric\.label\.response_code_class="5xx"/);
    assert.match(c.denominatorFilter, /run\.googleapis\.com\/request_count/);
    assert.doesNotMatch(c.denominatorFilter, /response_code_class/);
    assert.equal(c.aggregations[0].alignmentPeriod, "60s");
    assert.equal(c.aggregations[0].perSeriesAligner, "ALIGN_DELTA");
    assert.equal(c.aggregations[0].crossSeriesReducer, "REDUCE_SUM");
    assert.equal(c.comparison, "COMPARISON_GT");
    assert.equal(c.thresholdValue, 0.05);
    assert.equal(c.duration, "300s");
  });

  it("enables the Cloud Monitoring API first (a fresh project has it off), once per component", () => {
    const api = byName(plan, "hello-alarms-enable-monitoring");
    assert.equal(api.inputs.service, "monitoring.googleapis.com");
    assert.equal(api.inputs.disableOnDestroy, false);
    assert.ok(byName(plan, "hello-alarm-error-rate").dependencies.includes(api.urn));
    assert.equal(plan.resources.filter((r) => r.name === "dns-alarms-enable-monitoring").length, 1);
  });

  it("alarms on the function's p99 request latency, WARNING, above 1000 ms for 60 s", () => {
    const c = (byName(plan, "hello-alarm-latency").inputs.conditions as any[])[0].conditionThreshold;
    assert.match(c.filter, /run\.googleapis\.com\/request_latencies/);
    assert.equal(c.aggregations[0].perSeriesAligner, "ALIGN_PERCENTILE_99");
    assert.equal(c.thresholdValue, 1000);
    assert.equal(c.duration, "60s");
  });

  it("alarms on the API Gateway's own metrics with the tuned latency", () => {
    const rate = (byName(plan, "api-alarm-error-rate").inputs.conditions as any[])[0].conditionThreshold;
    assert.match(rate.filter, /apigateway\.googleapis\.com\/proxy\/request_count/);
    assert.match(rate.filter, /resource\.type="apigateway\.googleapis\.com\/Gateway"/);
    const latency = (byName(plan, "api-alarm-latency").inputs.conditions as any[])[0].conditionThreshold;
    assert.equal(latency.thresholdValue, 300);
    assert.equal(latency.duration, "180s");
  });

  it("watches each Cloud DNS endpoint with an uptime check and alarms when more than one location fails", () => {
    for (const id of ["euw1", "use1"]) {
      const check = byName(plan, `dns-${id}-uptime`);
      assert.equal(check.inputs.period, "60s");
      assert.equal((check.inputs.monitoredResource as any).type, "uptime_url");
      assert.equal((check.inputs.httpCheck as any).path, "/healthz");
      // An IP endpoint's certificate names the DNS name, not the IP.
      assert.equal((check.inputs.httpCheck as any).validateSsl, false);
      const c = (byName(plan, `dns-${id}-alarm-health`).inputs.conditions as any[])[0].conditionThreshold;
      assert.match(c.filter, /monitoring\.googleapis\.com\/uptime_check\/check_passed/);
      assert.equal(c.aggregations[0].perSeriesAligner, "ALIGN_NEXT_OLDER");
      assert.equal(c.aggregations[0].crossSeriesReducer, "REDUCE_COUNT_FALSE");
      assert.equal(c.thresholdValue, 1);
    }
  });

  it("notifies one shared set of channels: an email channel and a secret webhook channel", () => {
    const channels = findResources(plan, "gcp:monitoring/notificationChannel:NotificationChannel");
    assert.deepEqual(channels.map((c) => c.name).sort(), [
      "meridian-alarms-gcp-email-1",
      "meridian-alarms-gcp-webhook",
    ]);
    const email = channels.find((c) => c.inputs.type === "email")!;
    assert.deepEqual(email.inputs.labels, { email_address: "oncall@example.com" });
    const hook = channels.find((c) => c.inputs.type === "webhook_tokenauth")!;
    assert.deepEqual(hook.inputs.labels, { secret: true });
    for (const p of findResources(plan, "gcp:monitoring/alertPolicy:AlertPolicy"))
      assert.equal((p.inputs.notificationChannels as unknown[]).length, 2, p.name);
    assert.ok(!allStrings(plan).some((s) => s.includes("never-in-clear")));
  });
});

// Azure facts asserted here:
// - log search alerts on Application Insights requests (resultCode, duration in ms, itemCount).
//   https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-log-alert-rule
// - Traffic Manager ProbeAgentCurrentEndpointStateByProfileResourceId by EndpointName (1 up, 0 down).
//   https://learn.microsoft.com/azure/traffic-manager/traffic-manager-metrics-alerts
// - Front Door Percentage5XX and OriginHealthPercentage. https://learn.microsoft.com/azure/frontdoor/monitor-front-door-reference
describe("Alarms on Azure", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(() => {
      const n = notify();
      const fn = new ServerlessFunction("hello", { target: "azure:westeurope", entry: ENTRY, alarms: { notify: n } });
      new ApiGateway("api", { target: "azure:westeurope", routes: { "GET /hello": fn }, alarms: { notify: n } });
      new FailoverDns("dns", {
        provider: "azure-traffic-manager",
        zone: "example.com",
        record: "www",
        strategy: "failover",
        azure: { resourceGroupName: "rg-dns" },
        endpoints: [
          { id: "weu", address: "weu.northwind-origins.net" },
          { id: "eus", address: "eus.northwind-origins.net" },
        ],
        healthCheck: { path: "/healthz" },
        alarms: { notify: n },
      });
      new MultiRegionService("web", {
        regions: ["azure:westeurope", "azure:eastus"],
        container: { image: "ghcr.io/acme/web:1.0.0", port: 3000 },
        healthCheck: { path: "/ready" },
        routing: { strategy: "failover" },
        alarms: { p99LatencyMs: false, errorRate: { above: 0.02, forSeconds: 900 }, notify: n },
      });
      return {};
    });
  });

  it("alarms on the function's error rate and p99 with log search alerts on its Application Insights", () => {
    const rate = byName(plan, "hello-alarm-error-rate");
    assert.equal(rate.type, "azure-native:monitor:ScheduledQueryRule");
    assert.equal(rate.inputs.windowSize, "PT5M");
    assert.equal(rate.inputs.evaluationFrequency, "PT5M");
    assert.equal(rate.inputs.severity, 1);
    const c = (rate.inputs.criteria as any).allOf[0];
    assert.match(c.query, /^requests \|/);
    assert.match(c.query, /toint\(resultCode\) >= 500/);
    assert.equal(c.metricMeasureColumn, "errorRate");
    assert.equal(c.operator, "GreaterThan");
    assert.equal(c.threshold, 0.05);
    const latency = byName(plan, "hello-alarm-latency");
    assert.equal(latency.inputs.windowSize, "PT1M");
    assert.equal(latency.inputs.severity, 2);
    assert.match((latency.inputs.criteria as any).allOf[0].query, /percentile\(duration, 99\)/);
    assert.equal((latency.inputs.criteria as any).allOf[0].threshold, 1000);
    assert.ok(byName(plan, "api-alarm-error-rate"));
  });

  it("alarms on Traffic Manager endpoint state per endpoint", () => {
    const a = byName(plan, "dns-alarm-health");
    assert.equal(a.type, "azure-native:monitor:MetricAlert");
    const c = (a.inputs.criteria as any).allOf[0];
    assert.equal(c.metricNamespace, "Microsoft.Network/trafficManagerProfiles");
    assert.equal(c.metricName, "ProbeAgentCurrentEndpointStateByProfileResourceId");
    assert.equal(c.timeAggregation, "Maximum");
    assert.equal(c.operator, "LessThan");
    assert.equal(c.threshold, 1);
    assert.deepEqual(c.dimensions, [{ name: "EndpointName", operator: "Include", values: ["weu", "eus"] }]);
    assert.equal(a.inputs.windowSize, "PT1M");
  });

  it("alarms on Front Door's 5xx percentage and each origin's health, with no p99 (a documented gap)", () => {
    const rate = byName(plan, "web-front-alarm-error-rate");
    const c = (rate.inputs.criteria as any).allOf[0];
    assert.equal(c.metricNamespace, "Microsoft.Cdn/profiles");
    assert.equal(c.metricName, "Percentage5XX");
    assert.equal(c.threshold, 2);
    assert.equal(rate.inputs.windowSize, "PT15M");
    const health = (byName(plan, "web-front-alarm-health").inputs.criteria as any).allOf[0];
    assert.equal(health.metricName, "OriginHealthPercentage");
    assert.equal(health.dimensions[0].name, "Origin");
    assert.ok(!plan.resources.some((r) => r.name.startsWith("web-") && r.name.endsWith("-alarm-latency")));
  });

  it("notifies one shared action group with email and a secret webhook", () => {
    const groups = findResources(plan, "azure-native:monitor:ActionGroup");
    assert.equal(groups.length, 1);
    assert.deepEqual(
      (groups[0].inputs.emailReceivers as any[]).map((r) => r.emailAddress),
      ["oncall@example.com"],
    );
    assert.deepEqual((groups[0].inputs.webhookReceivers as any[])[0].serviceUri, { secret: true });
    assert.ok((groups[0].inputs.groupShortName as string).length <= 12);
    assert.ok(!allStrings(plan).some((s) => s.includes("never-in-clear")));
  });
});

// Cloudflare: load_balancing_health_alert with pool filters; no Workers metric alert type.
// https://developers.cloudflare.com/notifications/notification-available/
describe("Alarms on Cloudflare", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      () => {
        new FailoverDns("dns", {
          provider: "cloudflare",
          zone: "example.com",
          record: "www",
          strategy: "failover",
          cloudflare: CF,
          endpoints: [
            { id: "a", address: "35.190.100.1" },
            { id: "b", address: "35.190.100.2" },
            { id: "c", address: "35.190.100.3", enabled: false },
          ],
          healthCheck: { path: "/healthz" },
          alarms: { notify: notify() },
        });
        return {};
      },
      { config: CONFIG },
    );
  });

  it("sends a load-balancing health notification for the active pools, to email and a secret webhook", () => {
    const p = byName(plan, "dns-alarm-health");
    assert.equal(p.type, "cloudflare:index/notificationPolicy:NotificationPolicy");
    assert.equal(p.inputs.alertType, "load_balancing_health_alert");
    assert.equal((p.inputs.filters as any).poolIds.length, 2);
    assert.deepEqual((p.inputs.filters as any).eventSources, ["pool", "origin"]);
    assert.deepEqual((p.inputs.mechanisms as any).emails, [{ id: "oncall@example.com" }]);
    const hook = byName(plan, "meridian-alarms-cloudflare-webhook");
    assert.deepEqual(hook.inputs.url, { secret: true });
    assert.ok(!allStrings(plan).some((s) => s.includes("never-in-clear")));
  });

  it("refuses request alarms on a Worker with a ConfigError that names the gap", () => {
    const make = (alarms: any) => () =>
      new ServerlessFunction("w", {
        target: "cloudflare",
        entry: ENTRY,
        alarms: { ...alarms, notify: { email: ["a@b.co"] } },
      });
    assert.throws(
      make({ errorRate: { above: 0.1 } }),
      /alarms\.errorRate: CLOUDFLARE cannot alarm on it|Cloudflare cannot alarm on it/,
    );
  });
});

describe("Alarms: per-cloud windows", () => {
  it("refuses an Azure window Azure Monitor does not offer", () => {
    assert.throws(
      () =>
        new ServerlessFunction("w", {
          target: "azure:westeurope",
          entry: ENTRY,
          alarms: { errorRate: { forSeconds: 600 }, notify: { email: ["a@b.co"] } },
        }),
      /alarms\.errorRate\.forSeconds: got 600; azure alert windows are 60, 300, 900/,
    );
  });
  it("refuses a GCP window that is not whole minutes", () => {
    assert.throws(
      () =>
        new ServerlessFunction("g", {
          target: "gcp:europe-west1",
          entry: ENTRY,
          alarms: { p99LatencyMs: { forSeconds: 90 }, notify: { email: ["a@b.co"] } },
        }),
      /multiple of 60/,
    );
  });
  it("refuses a topic in another cloud's format", () => {
    assert.throws(
      () =>
        new ServerlessFunction("g", {
          target: "gcp:europe-west1",
          entry: ENTRY,
          alarms: { notify: { topic: "arn:aws:sns:us-east-1:123456789012:pager" } },
        }),
      /notificationChannels/,
    );
  });
});

describe("Alarms on MultiRegionService fronts", () => {
  it("Google Cloud: request alarms per region's Cloud Run service, health on the public name through the DNS front", async () => {
    const plan = await recordPlan(
      () => {
        new MultiRegionService("web", {
          regions: ["gcp:us-central1", "gcp:europe-west1"],
          container: { image: "us-docker.pkg.dev/acme/web:1.0.0", port: 8080 },
          healthCheck: { path: "/healthz" },
          routing: {
            strategy: "latency",
            dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
          },
          alarms: { notify: { email: ["oncall@example.com"] } },
        });
        return {};
      },
      { config: CONFIG },
    );
    for (const region of ["us-central1", "europe-west1"]) {
      const c = (byName(plan, `web-${region}-alarm-error-rate`).inputs.conditions as any[])[0].conditionThreshold;
      assert.match(c.filter, new RegExp(`resource\\.label\\.location="${region}"`));
      assert.ok(byName(plan, `web-${region}-alarm-latency`));
    }
    // The global load balancer itself: https_lb_rule request_count (response_code_class 500) over all, p99 total_latencies.
    // https://cloud.google.com/monitoring/api/metrics_gcp_i_o#gcp-loadbalancing
    const lb = (byName(plan, "web-front-alarm-error-rate").inputs.conditions as any[])[0].conditionThreshold;
    assert.match(lb.filter, /loadbalancing\.googleapis\.com\/https\/request_count/);
    assert.match(lb.filter, /resource\.type="https_lb_rule"/);
    assert.match(lb.filter, /metric\.label\.response_code_class=500/);
    const lbLatency = (byName(plan, "web-front-alarm-latency").inputs.conditions as any[])[0].conditionThreshold;
    assert.match(lbLatency.filter, /loadbalancing\.googleapis\.com\/https\/total_latencies/);
    // The global load balancer's name is answered by Route 53: its health check alarms in us-east-1.
    assert.equal(byName(plan, "web-dns-global-alarm-health").inputs.region, "us-east-1");
  });

  it("mixed clouds behind Cloudflare: per-region request alarms and one Cloudflare health notification", async () => {
    const plan = await recordPlan(
      () => {
        new MultiRegionService("web", {
          regions: ["aws:us-east-1", "gcp:europe-west1"],
          container: { image: "ghcr.io/acme/web:1.0.0", port: 8080 },
          healthCheck: { path: "/healthz" },
          routing: {
            strategy: "failover",
            dns: { provider: "cloudflare", zone: "example.com", record: "www", cloudflare: CF },
          },
          alarms: { notify: { email: ["oncall@example.com"] } },
        });
        return {};
      },
      { config: CONFIG },
    );
    assert.equal(byName(plan, "web-us-east-1-alarm-error-rate").type, "aws:cloudwatch/metricAlarm:MetricAlarm");
    assert.equal(byName(plan, "web-europe-west1-alarm-error-rate").type, "gcp:monitoring/alertPolicy:AlertPolicy");
    assert.equal(byName(plan, "web-dns-alarm-health").inputs.alertType, "load_balancing_health_alert");
  });

  it("refuses an explicit Azure error rate behind a DNS front, where no alert can evaluate it", () => {
    assert.throws(
      () =>
        new MultiRegionService("web", {
          regions: ["azure:westeurope", "aws:us-east-1"],
          container: { image: "ghcr.io/acme/web:1.0.0", port: 8080 },
          healthCheck: { path: "/healthz" },
          routing: {
            strategy: "failover",
            dns: { provider: "cloudflare", zone: "example.com", record: "www", cloudflare: CF },
          },
          alarms: { errorRate: { above: 0.1 }, notify: { email: ["oncall@example.com"] } },
        }),
      /alarms\.errorRate: the Azure error rate is Front Door's/,
    );
  });
});
