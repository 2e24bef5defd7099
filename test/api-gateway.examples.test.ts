import * as assert from "node:assert/strict";
import * as path from "path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { Plan, findResources, getResource, hasResource, programFromFile, recordPlan } from "../lib/testing";

const EXAMPLE = path.join(__dirname, "..", "examples", "http-api", "index.ts");
const TARGETS = ["aws:us-east-1", "gcp:europe-west1", "azure:westeurope", "cloudflare"] as const;

describe("example http-api on real ServerlessFunctions", () => {
  const plans: Record<string, Plan> = {};
  before(async function () {
    this.timeout(120_000);
    for (const target of TARGETS) {
      plans[target] = await recordPlan(programFromFile(EXAMPLE), {
        project: "meridian-http-api",
        config: {
          target,
          domain: "api.example.com",
          jwtIssuer: "https://auth.example.com/",
          jwtAudience: "users-api",
          "gcp:project": "meridian-test",
          "cloudflare:accountId": "0123456789abcdef0123456789abcdef",
        },
      });
    }
  });

  for (const target of TARGETS) {
    it(`${target}: the gateway fronts both functions and its openapi output validates`, async () => {
      const plan = plans[target];
      const doc = plan.outputs.openapi as any;
      await SwaggerParser.validate(structuredClone(doc));
      assert.deepEqual(Object.keys(doc.paths), ["/health", "/users", "/users/{id}"]);
      assert.equal(plan.outputs.url, "https://api.example.com");
      assert.equal(findResources(plan, "meridian:index:ServerlessFunction").length, 2);
      getResource(plan, "meridian:index:ApiGateway");
    });
  }

  it("aws: integrations and permissions point at the real Lambda functions", function () {
    const plan = plans["aws:us-east-1"];
    const fns = findResources(plan, "aws:lambda/function:Function").map((f) => f.inputs.name);
    for (const p of findResources(plan, "aws:lambda/permission:Permission"))
      assert.ok(fns.includes(p.inputs.function), String(p.inputs.function));
    hasResource(plan, "aws:apigatewayv2/authorizer:Authorizer", { authorizerType: "JWT" });
  });

  it("gcp: the invoker grants name the functions' Cloud Run services", function () {
    const plan = plans["gcp:europe-west1"];
    assert.equal(
      findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter(
        (m) => m.inputs.role === "roles/run.invoker" && String(m.inputs.member).includes("-gw@"),
      ).length,
      2,
    );
  });

  it("cloudflare: service bindings name the functions' Workers", function () {
    const plan = plans.cloudflare;
    const router = findResources(plan, "cloudflare:index/workersScript:WorkersScript").find((s) =>
      String(s.inputs.scriptName).endsWith("-router"),
    )!;
    const scripts = findResources(plan, "cloudflare:index/workersScript:WorkersScript").map((s) => s.inputs.scriptName);
    for (const b of router.inputs.bindings as any[]) assert.ok(scripts.includes(b.service), b.service);
  });
});
