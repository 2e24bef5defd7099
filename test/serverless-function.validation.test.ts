import * as assert from "node:assert/strict";
import * as path from "path";
import { ApiGateway, ConfigError, ServerlessFunction } from "../lib";
import { tryRecordPlan } from "../lib/testing";
import { JWT } from "./support/held-out-functions";

const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const CONFIG = { "cloudflare:accountId": ACCOUNT, "gcp:project": "meridian-test" };

describe("ServerlessFunction bad input", () => {
  const base = { target: "aws:us-east-1", entry: ENTRY };
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["unknown region", { target: "aws:us-east-9" }, "target", /not a aws region/],
    ["no source", { entry: undefined }, "entry", /give entry/],
    ["missing entry file", { entry: "nope.ts" }, "entry", /no such file/],
    ["entry and code", { code: "." }, "code", /exclusive/],
    ["python entry", { runtime: "python312" }, "runtime", /bundled for Node/],
    ["bad runtime", { runtime: "node18" }, "runtime", /allowed/],
    [
      "python on azure",
      { target: "azure:westeurope", runtime: "python312", entry: undefined, code: ".", handler: "x" },
      "runtime",
      /supports nodejs20, nodejs22/,
    ],
    ["memory too big for Lambda", { memoryMb: 20000 }, "memoryMb", /128 to 10240 MB/],
    ["memory beyond every FaaS", { target: "gcp:us-central1", memoryMb: 65536 }, "memoryMb", /MultiRegionService/],
    ["memory on Workers", { target: "cloudflare", memoryMb: 256 }, "memoryMb", /fixed 128 MB/],
    ["timeout too long for Lambda", { timeoutSeconds: 901 }, "timeoutSeconds", /at most 900 s/],
    ["timeout beyond every FaaS", { timeoutSeconds: 7200 }, "timeoutSeconds", /MultiRegionService/],
    ["HTTP timeout on Azure", { target: "azure:westeurope", timeoutSeconds: 300 }, "timeoutSeconds", /at most 230 s/],
    ["memory not an integer", { memoryMb: "512" }, "memoryMb", /integer/],
    ["bad env name", { environment: { "1X": "a" } }, "environment.1X", /invalid name/],
    ["env null", { environment: { A: null } }, "environment.A", /expected a string/],
    ["reserved env", { environment: { AWS_REGION: "x" } }, "environment.AWS_REGION", /reserved/],
    // Cloud Run reserves the variables of its container contract, K_CONFIGURATION among them ("reserved and cannot be
    // set": https://cloud.google.com/run/docs/configuring/services/environment-variables#reserved-names, list at
    // https://cloud.google.com/run/docs/container-contract#services-env-vars), and functions FUNCTION_SIGNATURE_TYPE
    // (https://cloud.google.com/run/docs/configuring/services/overview-environment-variables, reserved for functions).
    [
      "K_CONFIGURATION on Cloud Run",
      { target: "gcp:us-central1", url: true, environment: { K_CONFIGURATION: "x" } },
      "environment.K_CONFIGURATION",
      /reserved/,
    ],
    [
      "FUNCTION_SIGNATURE_TYPE on Cloud Run functions",
      { target: "gcp:us-central1", environment: { FUNCTION_SIGNATURE_TYPE: "x" } },
      "environment.FUNCTION_SIGNATURE_TYPE",
      /reserved/,
    ],
    ["secret also plain", { environment: { K: "a" }, secrets: { K: "b" } }, "secrets.K", /either plain or secret/],
    ["bad retention on AWS", { logRetentionDays: 10 }, "logRetentionDays", /CloudWatch Logs accepts/],
    ["bad trigger type", { triggers: [{ type: "cron" }] }, "triggers.0.type", /allowed/],
    ["null trigger", { triggers: [null] }, "triggers.0", /required/],
    [
      "bad schedule",
      { triggers: [{ type: "schedule", schedule: "every 5 minutes" }] },
      "triggers.0.schedule",
      /rate\(N minutes/,
    ],
    [
      "rate not expressible",
      { triggers: [{ type: "schedule", schedule: "rate(7 minutes)" }] },
      "triggers.0.schedule",
      /divides 60/,
    ],
    [
      "tz on cloudflare",
      {
        target: "cloudflare",
        cloudflare: { accountId: ACCOUNT },
        triggers: [{ type: "schedule", schedule: "rate(1 hour)", timezone: "Europe/Paris" }],
      },
      "triggers.0.timezone",
      /UTC/,
    ],
    [
      // Azure reads a time zone app-wide from WEBSITE_TIME_ZONE, a Windows time-zone name on Windows plans
      // (https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-time-zones); the message
      // used to say Consumption timers always run in UTC.
      "tz on azure",
      {
        target: "azure:westeurope",
        triggers: [{ type: "schedule", schedule: "rate(1 hour)", timezone: "Europe/Paris" }],
      },
      "triggers.0.timezone",
      /WEBSITE_TIME_ZONE to a Windows time-zone name/,
    ],
    ["batch too big", { triggers: [{ type: "queue", batchSize: 50 }] }, "triggers.0.batchSize", /1 to 10/],
    [
      "queue + http on GCP",
      { target: "gcp:us-central1", triggers: [{ type: "http" }, { type: "queue" }] },
      "triggers",
      /one trigger|no other trigger/,
    ],
    ["url without http", { url: true, triggers: [{ type: "queue" }] }, "url", /http trigger/],
    ["unknown arg", { memory: 512 }, "args.memory", /unknown field/],
    ["architecture off AWS", { target: "gcp:us-central1", architecture: "x86_64" }, "architecture", /only AWS/],
    [
      "bad account id",
      { target: "cloudflare", cloudflare: { accountId: "nope" } },
      "cloudflare.accountId",
      /32 hexadecimal/,
    ],
    ["transform not a function", { transform: { function: 42 } }, "transform.function", /expected a function/],
    [
      "syntax error in entry",
      { entry: path.join(__dirname, "fixtures", "function-broken.js") },
      "entry",
      /esbuild could not bundle/,
    ],
  ];
  for (const [title, override, field, pattern] of cases) {
    it(`refuses ${title} (${field}) and registers nothing`, async () => {
      const args = { ...base, ...override };
      const rec = await tryRecordPlan(
        () => {
          new ServerlessFunction("api", args as any);
        },
        { config: {} },
      );
      assert.ok(rec.error instanceof ConfigError, `expected ConfigError, got ${rec.error}`);
      const err = rec.error as ConfigError;
      assert.equal(err.field, field, err.message);
      assert.equal(err.component, `ServerlessFunction "api"`);
      assert.match(err.message, pattern);
      assert.equal(rec.plan.resources.length, 0);
    });
  }
});

describe("review: platform limits (lib/core/function/limits.ts, sources there) and impossible requests are ConfigErrors before anything is created", () => {
  const cases: [string, () => void, string][] = [
    [
      "Lambda memory above 10,240 MB",
      () => new ServerlessFunction("f", { target: "aws:us-east-1", entry: ENTRY, memoryMb: 10241 }),
      "memoryMb",
    ],
    [
      "Lambda timeout above 900 s",
      () => new ServerlessFunction("f", { target: "aws:us-east-1", entry: ENTRY, timeoutSeconds: 901 }),
      "timeoutSeconds",
    ],
    [
      "GCP memory above 32 GiB",
      () => new ServerlessFunction("f", { target: "gcp:europe-west1", entry: ENTRY, memoryMb: 32769 }),
      "memoryMb",
    ],
    [
      "GCP event-driven timeout above 540 s",
      () =>
        new ServerlessFunction("f", {
          target: "gcp:europe-west1",
          entry: ENTRY,
          timeoutSeconds: 541,
          triggers: [{ type: "queue" }],
        }),
      "timeoutSeconds",
    ],
    [
      "Azure Consumption memory above 1.5 GB",
      () => new ServerlessFunction("f", { target: "azure:westeurope", entry: ENTRY, memoryMb: 2048 }),
      "memoryMb",
    ],
    [
      "Azure HTTP timeout above 230 s",
      () => new ServerlessFunction("f", { target: "azure:westeurope", entry: ENTRY, timeoutSeconds: 231 }),
      "timeoutSeconds",
    ],
    [
      "Workers memory other than 128 MB",
      () => new ServerlessFunction("f", { target: "cloudflare", entry: ENTRY, memoryMb: 256 }),
      "memoryMb",
    ],
    [
      "Workers CPU time above 300 s",
      () => new ServerlessFunction("f", { target: "cloudflare", entry: ENTRY, timeoutSeconds: 301 }),
      "timeoutSeconds",
    ],
  ];
  for (const [title, program, field] of cases) {
    it(title, async () => {
      const rec = await tryRecordPlan(program, { config: CONFIG });
      assert.ok(rec.error instanceof ConfigError, String(rec.error));
      assert.equal((rec.error as ConfigError).field, field);
      assert.equal(rec.plan.resources.length, 0);
    });
  }

  it("API keys on an AWS HTTP API and throttling without API keys on Google and Azure are refused", async () => {
    const fake = { handle: undefined as any };
    for (const [target, auth, throttle, field] of [
      ["aws:us-east-1", { apiKey: true }, undefined, "auth.apiKey"],
      ["gcp:europe-west1", JWT, { ratePerSecond: 1, burst: 1 }, "throttle"],
      ["azure:westeurope", JWT, { ratePerSecond: 1, burst: 1 }, "throttle"],
    ] as const) {
      const rec = await tryRecordPlan(
        () => {
          const fn = new ServerlessFunction("f", { target, entry: ENTRY });
          fake.handle = fn.handle;
          new ApiGateway("a", { target, routes: { "GET /x": fn }, auth: auth as any, throttle: throttle as any });
        },
        { config: CONFIG },
      );
      assert.ok(rec.error instanceof ConfigError && rec.error.field === field, String(rec.error));
      assert.equal(rec.plan.resources.filter((r) => r.type.startsWith("meridian:index:ApiGateway")).length, 0);
    }
  });
});
