import * as assert from "node:assert/strict";
import { ConfigError, ServerlessFunction } from "../lib";
import { Plan, dependsOn, hasResource, recordPlan, tryRecordPlan } from "../lib/testing";
import { HELD_OUT_CONFIG, inputs, loadHeldOutPlans, named, plans } from "./support/held-out-functions";
import { ENTRY, ACCOUNT, CONFIG, program, noSecretInPlan } from "./support/function-program";

describe("ServerlessFunction on Cloudflare", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      program("cloudflare", {
        logRetentionDays: undefined,
        cloudflare: { workersDevSubdomain: "team" },
        triggers: [{ type: "http" }, { type: "schedule", schedule: "cron(*/10 * * * *)" }, { type: "queue" }],
      }),
      { config: CONFIG },
    );
  });

  it("uploads a module Worker with compatibility date and content hash", () => {
    const script = hasResource(plan, "cloudflare:index/workersScript:WorkersScript", {
      accountId: ACCOUNT,
      scriptName: "meridian-dev-hello",
      mainModule: "index.js",
      compatibilityDate: "2025-09-01",
    });
    assert.match(String((script.inputs as any).contentSha256), /^[0-9a-f]{64}$/);
    const bindings = (script.inputs as any).bindings;
    assert.deepEqual(bindings[0], { name: "GREETING", type: "plain_text", text: "hi" });
    assert.deepEqual(bindings[1], { name: "API_KEY", type: "secret_text", text: { secret: true } });
    noSecretInPlan(plan);
  });

  it("enables workers.dev, cron and the queue consumer with a DLQ", () => {
    hasResource(plan, "cloudflare:index/workersScriptSubdomain:WorkersScriptSubdomain", { enabled: true });
    hasResource(plan, "cloudflare:index/workersCronTrigger:WorkersCronTrigger", {
      schedules: [{ cron: "*/10 * * * *" }],
    });
    hasResource(plan, "cloudflare:index/queueConsumer:QueueConsumer", {
      type: "worker",
      deadLetterQueue: "meridian-dev-hello-dlq",
    });
    assert.equal(plan.outputs.url, "https://meridian-dev-hello.team.workers.dev");
    assert.match(String(plan.outputs.logsCommand), /npx wrangler tail meridian-dev-hello/);
  });

  it("needs an account id", async () => {
    const rec = await tryRecordPlan(
      () => {
        new ServerlessFunction("x", { target: "cloudflare", entry: ENTRY });
      },
      { config: {} },
    );
    assert.ok(rec.error instanceof ConfigError && rec.error.field === "cloudflare.accountId", String(rec.error));
    assert.equal(rec.plan.resources.length, 0);
  });
});

describe("review: Cloudflare plan against documented Workers failure modes", () => {
  before(loadHeldOutPlans);
  let plan: Plan;
  before(() => {
    plan = plans.cloudflare;
  });

  it("module syntax with mainModule (pulumi/pulumi-cloudflare#1309), a compatibility date and contentSha256 for contentFile", () => {
    for (const fn of ["web", "worker", "users"]) {
      const script = named(plan, "cloudflare:index/workersScript:WorkersScript", `${fn}-script`);
      assert.equal(inputs(script).mainModule, "index.js");
      assert.match(inputs(script).compatibilityDate, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(inputs(script).contentSha256, /^[0-9a-f]{64}$/);
      assert.ok(inputs(script).contentFile);
    }
    const router = named(plan, "cloudflare:index/workersScript:WorkersScript", "api-router");
    assert.equal(inputs(router).mainModule, "index.js");
  });

  it("the account id is set on every resource (pulumi/pulumi-cloudflare#314)", () => {
    for (const r of plan.resources.filter((x) => x.custom && x.type.startsWith("cloudflare:"))) {
      assert.equal(inputs(r).accountId, HELD_OUT_CONFIG["cloudflare:accountId"], r.name);
    }
  });

  it("secrets as secret_text bindings; workers.dev only for the url: true function", () => {
    const web = named(plan, "cloudflare:index/workersScript:WorkersScript", "web-script");
    assert.deepEqual(
      inputs(web).bindings.find((b: any) => b.name === "API_KEY"),
      { name: "API_KEY", type: "secret_text", text: { secret: true } },
    );
    assert.equal(
      inputs(named(plan, "cloudflare:index/workersScriptSubdomain:WorkersScriptSubdomain", "web-workers-dev")).enabled,
      true,
    );
    assert.equal(
      inputs(named(plan, "cloudflare:index/workersScriptSubdomain:WorkersScriptSubdomain", "users-workers-dev"))
        .enabled,
      false,
    );
  });

  it("cron trigger and a queue consumer with a dead-letter queue", () => {
    hasResource(plan, "cloudflare:index/workersCronTrigger:WorkersCronTrigger", {
      schedules: [{ cron: "*/5 * * * *" }],
    });
    hasResource(plan, "cloudflare:index/queueConsumer:QueueConsumer", {
      deadLetterQueue: "meridian-dev-worker-dlq",
      settings: { batchSize: 5, maxRetries: 4 },
    });
  });

  it("router Worker: service bindings to each function, rate limit, JWT issuer in its config, custom domain", () => {
    const router = named(plan, "cloudflare:index/workersScript:WorkersScript", "api-router");
    const bindings = inputs(router).bindings as any[];
    assert.deepEqual(
      bindings
        .filter((b) => b.type === "service")
        .map((b) => b.service)
        .sort(),
      ["meridian-dev-users", "meridian-dev-web"],
    );
    assert.ok(bindings.some((b) => b.type === "ratelimit"));
    assert.match(inputs(router).content, /https:\/\/auth\.example\.com\//);
    assert.match(inputs(router).content, /sessionId/);
    const domain = hasResource(plan, "cloudflare:index/workersCustomDomain:WorkersCustomDomain", {
      hostname: "api.example.com",
      zoneName: "example.com",
    });
    assert.ok(dependsOn(plan, domain, router));
  });
});
