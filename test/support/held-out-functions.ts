import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ApiGateway, ServerlessFunction } from "../../lib";
import { Plan, PlanResource, getResource, recordPlan } from "../../lib/testing";

/**
 * Held-out-style review: programs that use only the public API — one portable handler deployed to all four clouds
 * (secrets, environment, url, schedule and queue triggers) behind an API with path parameters, JWT auth, CORS,
 * throttling and a custom domain — checked on their plans against each platform's documented pitfalls, its limits
 * and the secure-by-default rules (the per-cloud test files cite the sources).
 */
export const ENTRY = path.join(__dirname, "..", "fixtures", "function-hello.ts");
export const HELD_OUT_SECRET = "held-out-secret-value-8d2f";
export const HELD_OUT_CONFIG = {
  "cloudflare:accountId": "0123456789abcdef0123456789abcdef",
  "gcp:project": "held-out",
  cloudflareWorkersSubdomain: "team",
};
export const TARGETS = {
  aws: "aws:us-east-1",
  gcp: "gcp:europe-west1",
  azure: "azure:westeurope",
  cloudflare: "cloudflare",
} as const;
export type Cloud = keyof typeof TARGETS;
export const JWT = { jwt: { issuer: "https://auth.example.com/", audiences: ["users-api"] } };

function heldOut(cloud: Cloud) {
  return () => {
    const target = TARGETS[cloud];
    const web = new ServerlessFunction("web", {
      target,
      entry: ENTRY,
      url: true,
      environment: { GREETING: "hi" },
      secrets: { API_KEY: pulumi.secret(HELD_OUT_SECRET) },
      triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(5 minutes)" }],
    });
    // Google Cloud functions have either HTTP or one event trigger: the queue consumer is its own function everywhere.
    const worker = new ServerlessFunction("worker", {
      target,
      entry: ENTRY,
      secrets: { API_KEY: pulumi.secret(HELD_OUT_SECRET) },
      triggers: [{ type: "queue", ...(cloud === "gcp" ? {} : { batchSize: 5, maxRetries: 4 }) }],
    });
    const users = new ServerlessFunction("users", { target, entry: ENTRY, environment: { TABLE: "users" } });
    const api = new ApiGateway("api", {
      target,
      routes: {
        "GET /users": users,
        "GET /users/{id}": users,
        "POST /users": users,
        "DELETE /users/{id}/sessions/{sessionId}": web,
      },
      auth: JWT,
      domain: "api.example.com",
      cors: {
        allowOrigins: ["https://app.example.com"],
        allowMethods: ["GET", "POST", "DELETE"],
        allowHeaders: ["authorization", "content-type"],
        maxAgeSeconds: 600,
      },
      // Google API Gateway and APIM throttle only per API key / subscription (see the apiKey programs below).
      ...(cloud === "gcp" || cloud === "azure" ? {} : { throttle: { ratePerSecond: 50, burst: 100 } }),
      info: { title: "Users", version: "1.0.0" },
    });
    return { url: api.url, openapi: api.openapi, webUrl: web.url, workerQueue: worker.queue };
  };
}

function keyed(cloud: "gcp" | "azure") {
  return () => {
    const users = new ServerlessFunction("users", { target: TARGETS[cloud], entry: ENTRY });
    const api = new ApiGateway("keyed", {
      target: TARGETS[cloud],
      routes: { "GET /users/{id}": users },
      auth: { apiKey: true },
      throttle: { ratePerSecond: 10, burst: 20 },
      domain: "keyed.example.com",
    });
    return { url: api.url, openapi: api.openapi };
  };
}

/** The held-out plans, recorded once per test run whichever file asks first. */
export const plans = {} as Record<Cloud | "gcpKey" | "azureKey", Plan>;
let recorded: Promise<void> | undefined;
export function loadHeldOutPlans(): Promise<void> {
  recorded ??= (async () => {
    for (const cloud of Object.keys(TARGETS) as Cloud[])
      plans[cloud] = await recordPlan(heldOut(cloud), { config: HELD_OUT_CONFIG });
    plans.gcpKey = await recordPlan(keyed("gcp"), { config: HELD_OUT_CONFIG });
    plans.azureKey = await recordPlan(keyed("azure"), { config: HELD_OUT_CONFIG });
  })();
  return recorded;
}

export const named = (plan: Plan, type: string, name: string) => getResource(plan, type, name);
export const inputs = (r: PlanResource) => r.inputs as any;
