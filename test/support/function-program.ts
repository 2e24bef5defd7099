import * as assert from "node:assert/strict";
import * as path from "path";
import { ServerlessFunction } from "../../lib";
import { Plan, allStrings } from "../../lib/testing";

/** The one ServerlessFunction program the per-cloud test files record (test/serverless-function.<cloud>.test.ts). */
export const ENTRY = path.join(__dirname, "..", "fixtures", "function-hello.ts");
export const SECRET = "s3cr3t-value-never-in-plan";
export const ACCOUNT = "0123456789abcdef0123456789abcdef";
export const CONFIG = { "cloudflare:accountId": ACCOUNT, "gcp:project": "meridian-test" };

export function program(target: string, extra: Record<string, unknown> = {}) {
  return () => {
    const f = new ServerlessFunction("hello", {
      target: target as "aws:us-east-1",
      entry: ENTRY,
      url: true,
      environment: { GREETING: "hi" },
      secrets: { API_KEY: SECRET },
      logRetentionDays: 14,
      ...extra,
    });
    return {
      url: f.url,
      nativeName: f.nativeName,
      invokeCommand: f.invokeCommand,
      logsCommand: f.logsCommand,
      queue: f.queue,
    };
  };
}

export function noSecretInPlan(plan: Plan) {
  assert.ok(!allStrings(plan).some((s) => s.includes(SECRET)), "secret value appears in clear in the plan");
}
