import * as path from "path";
import { ServerlessFunction } from "../../lib";
import { BadInput } from "./case";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const ENTRY = path.join(FIXTURES, "function-hello.ts");
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const aws = { target: "aws:us-east-1", entry: ENTRY };
const cf = { target: "cloudflare", entry: ENTRY, cloudflare: { accountId: ACCOUNT } };

/** [title, field, name, args]: the ones the unit tests in test/serverless-function.test.ts do not already cover. */
const rows: [string, string, string, unknown][] = [
  ["unicode name", "name", "héllo", aws],
  ["oversized name (64 characters)", "name", "f".repeat(64), aws],
  ["empty name", "name", "", aws],
  ["name with a space", "name", "my fn", aws],
  ["args null", "args", "api", null],
  ["args an array", "args", "api", [aws]],
  ["target a number", "target", "api", { ...aws, target: 42 }],
  ["target upper-case cloud", "target", "api", { ...aws, target: "AWS:us-east-1" }],
  ["target cloud without region", "target", "api", { ...aws, target: "aws:" }],
  ["cloudflare with a region", "target", "api", { ...aws, target: "cloudflare:global" }],
  ["runtime null", "runtime", "api", { ...aws, runtime: null }],
  ["entry is a directory", "entry", "api", { ...aws, entry: FIXTURES }],
  ["entry not a JS/TS module", "entry", "api", { ...aws, entry: path.join(FIXTURES, "function-python", "main.py") }],
  ["entry a number", "entry", "api", { ...aws, entry: 7 }],
  [
    "code without handler",
    "handler",
    "api",
    { target: "aws:us-east-1", runtime: "python312", code: path.join(FIXTURES, "function-python") },
  ],
  ["handler with a portable entry", "handler", "api", { ...aws, handler: "index.handler" }],
  [
    "code directory missing",
    "code",
    "api",
    { target: "aws:us-east-1", runtime: "python312", code: "./no-such-dir", handler: "main.handler" },
  ],
  [
    "Cloudflare main module missing",
    "handler",
    "api",
    { ...cf, entry: undefined, code: path.join(FIXTURES, "function-python"), handler: "worker.js" },
  ],
  ["memory 0", "memoryMb", "api", { ...aws, memoryMb: 0 }],
  ["memory NaN", "memoryMb", "api", { ...aws, memoryMb: NaN }],
  ["memory above Azure Consumption", "memoryMb", "api", { ...aws, target: "azure:westeurope", memoryMb: 2048 }],
  ["timeout 0", "timeoutSeconds", "api", { ...aws, timeoutSeconds: 0 }],
  ["timeout Infinity", "timeoutSeconds", "api", { ...aws, timeoutSeconds: Infinity }],
  [
    "GCP event function over 540 s",
    "timeoutSeconds",
    "api",
    { ...aws, target: "gcp:europe-west1", triggers: [{ type: "queue" }], timeoutSeconds: 600 },
  ],
  ["environment an array", "environment", "api", { ...aws, environment: ["A=1"] }],
  ["environment unicode name", "environment.CLÉ", "api", { ...aws, environment: { CLÉ: "x" } }],
  ["environment over Lambda's 4 KB", "environment", "api", { ...aws, environment: { BIG: "x".repeat(5000) } }],
  ["secret a number", "secrets.TOKEN", "api", { ...aws, secrets: { TOKEN: 42 } }],
  ["secret with a reserved name", "secrets.MERIDIAN_KEY", "api", { ...aws, secrets: { MERIDIAN_KEY: "x" } }],
  ["secrets null", "secrets", "api", { ...aws, secrets: null }],
  ["no triggers", "triggers", "api", { ...aws, triggers: [] }],
  ["triggers a string", "triggers", "api", { ...aws, triggers: "http" }],
  ["two http triggers", "triggers.1", "api", { ...aws, triggers: [{ type: "http" }, { type: "http" }] }],
  ["two queue triggers", "triggers.1", "api", { ...aws, triggers: [{ type: "queue" }, { type: "queue" }] }],
  ["schedule without expression", "triggers.0.schedule", "api", { ...aws, triggers: [{ type: "schedule" }] }],
  [
    "cron with six fields",
    "triggers.0.schedule",
    "api",
    { ...aws, triggers: [{ type: "schedule", schedule: "cron(0 12 * * ? *)" }] },
  ],
  [
    "rate of 0 minutes",
    "triggers.0.schedule",
    "api",
    { ...aws, triggers: [{ type: "schedule", schedule: "rate(0 minutes)" }] },
  ],
  [
    "time zone with spaces",
    "triggers.0.timezone",
    "api",
    { ...aws, triggers: [{ type: "schedule", schedule: "cron(0 9 * * *)", timezone: "Paris time" }] },
  ],
  [
    "time zone on Azure",
    "triggers.0.timezone",
    "api",
    {
      ...aws,
      target: "azure:westeurope",
      triggers: [{ type: "schedule", schedule: "cron(0 9 * * *)", timezone: "Europe/Paris" }],
    },
  ],
  ["unknown key on an http trigger", "triggers.0.path", "api", { ...aws, triggers: [{ type: "http", path: "/x" }] }],
  ["queue batch 0", "triggers.0.batchSize", "api", { ...aws, triggers: [{ type: "queue", batchSize: 0 }] }],
  [
    "queue retries on Google Cloud",
    "triggers.0.maxRetries",
    "api",
    { ...aws, target: "gcp:europe-west1", triggers: [{ type: "queue", maxRetries: 3 }] },
  ],
  [
    "queue batch 5 on Google Cloud",
    "triggers.0.batchSize",
    "api",
    { ...aws, target: "gcp:europe-west1", triggers: [{ type: "queue", batchSize: 5 }] },
  ],
  ["log retention above 10 years", "logRetentionDays", "api", { ...aws, logRetentionDays: 3654 }],
  [
    "log retention below Azure's 30",
    "logRetentionDays",
    "api",
    { ...aws, target: "azure:westeurope", logRetentionDays: 7 },
  ],
  ["log retention on Cloudflare", "logRetentionDays", "api", { ...cf, logRetentionDays: 7 }],
  ["url a string", "url", "api", { ...aws, url: "yes" }],
  ["unknown architecture", "architecture", "api", { ...aws, architecture: "arm" }],
  ["Cloudflare options on AWS", "cloudflare", "api", { ...aws, cloudflare: { accountId: ACCOUNT } }],
  ["Cloudflare without account id", "cloudflare.accountId", "api", { target: "cloudflare", entry: ENTRY }],
  [
    "workers.dev subdomain with spaces",
    "cloudflare.workersDevSubdomain",
    "api",
    { ...cf, cloudflare: { accountId: ACCOUNT, workersDevSubdomain: "My Team" } },
  ],
  [
    "compatibility date with slashes",
    "cloudflare.compatibilityDate",
    "api",
    { ...cf, cloudflare: { accountId: ACCOUNT, compatibilityDate: "2025/09/01" } },
  ],
  [
    "custom domain not a FQDN",
    "cloudflare.domain.hostname",
    "api",
    { ...cf, cloudflare: { accountId: ACCOUNT, domain: { hostname: "localhost", zoneId: "z" } } },
  ],
  [
    "custom domain without zone id",
    "cloudflare.domain.zoneId",
    "api",
    { ...cf, cloudflare: { accountId: ACCOUNT, domain: { hostname: "hello.example.com" } } },
  ],
  ["unknown Cloudflare option", "cloudflare.kv", "api", { ...cf, cloudflare: { accountId: ACCOUNT, kv: {} } }],
  ["transform null", "transform", "api", { ...aws, transform: null }],
];

export const SERVERLESS_FUNCTION_CASES: BadInput[] = rows.map(([title, field, name, args]) => ({
  title,
  field,
  program: () => {
    new ServerlessFunction(name, args as never);
  },
}));
