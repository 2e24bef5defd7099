import SwaggerParser from "@apidevtools/swagger-parser";
import * as assert from "node:assert/strict";
import * as path from "path";
import { ServerlessFunction } from "../lib";
import { checkPlan, formatViolation } from "../lib/policy";
import { allStrings, findResources, hasResource, programFromFile, recordPlan } from "../lib/testing";
import { Cloud, HELD_OUT_SECRET, TARGETS, loadHeldOutPlans, plans } from "./support/held-out-functions";
const ACCOUNT = "0123456789abcdef0123456789abcdef";

describe("ServerlessFunction native code and the handle", () => {
  it("archives a Python directory as is for AWS and exposes the handle", async () => {
    let handle: any;
    const plan = await recordPlan(() => {
      const f = new ServerlessFunction("py", {
        target: "aws:eu-west-1",
        runtime: "python312",
        code: path.join(__dirname, "fixtures", "function-python"),
        handler: "main.handler",
      });
      handle = f.handle;
    });
    hasResource(plan, "aws:lambda/function:Function", { runtime: "python3.12", handler: "main.handler" });
    assert.equal(handle.placement.cloud, "aws");
    assert.equal(handle.aws.region, "eu-west-1");
    assert.equal(findResources(plan, "aws:lambda/functionUrl:FunctionUrl").length, 0);
  });
});

describe("examples/serverless-hello", () => {
  for (const target of ["aws:us-east-1", "gcp:europe-west1", "azure:westeurope", "cloudflare"]) {
    it(`plans for ${target}`, async () => {
      const plan = await recordPlan(programFromFile(path.join(__dirname, "../examples/serverless-hello/index.ts")), {
        project: "serverless-hello",
        config: {
          "meridian:target": target,
          "cloudflare:accountId": ACCOUNT,
          "serverless-hello:cloudflareWorkersSubdomain": "team",
        },
      });
      assert.ok(plan.resources.length > 3);
      assert.match(String(plan.outputs.url), /^https:\/\//);
      if (target.startsWith("gcp:")) {
        // Deploys as shipped under Domain Restricted Sharing: public by a disabled invoker IAM check, no allUsers grant
        // (https://cloud.google.com/run/docs/authenticating/public#disable-invoker).
        const services = findResources(plan, "gcp:cloudrunv2/service:Service");
        assert.deepEqual(
          services.map((s) => (s.inputs as any).invokerIamDisabled),
          [true],
        );
        const grants = findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember");
        assert.ok(!grants.some((g) => (g.inputs as any).member === "allUsers"));
      }
    });
  }
});

describe("review: every held-out plan", () => {
  before(loadHeldOutPlans);
  for (const key of ["aws", "gcp", "azure", "cloudflare", "gcpKey", "azureKey"] as const) {
    it(`${key}: passes the policy pack with zero violations`, () => {
      const violations = checkPlan(plans[key]);
      assert.deepEqual(violations.map(formatViolation), []);
    });
    it(`${key}: no secret value and no function key in clear anywhere in the plan`, () => {
      const strings = allStrings(plans[key]);
      assert.ok(!strings.some((s) => s.includes(HELD_OUT_SECRET)), "secret value in clear");
      assert.ok(
        !strings.some((s) => s.includes("mock-function-key") || s.includes("mock-master-key")),
        "host key in clear",
      );
    });
    it(`${key}: the openapi output is a valid OpenAPI 3.1 document served at the url`, async () => {
      const doc = plans[key].outputs.openapi as any;
      assert.equal(doc.openapi, "3.1.0");
      assert.deepEqual(doc.servers, [{ url: plans[key].outputs.url }]);
      await SwaggerParser.validate(structuredClone(doc));
    });
  }

  it("the custom domain is the API url on every cloud", () => {
    for (const cloud of Object.keys(TARGETS) as Cloud[])
      assert.equal(plans[cloud].outputs.url, "https://api.example.com", cloud);
  });

  it("JWT auth and path parameters are in every openapi document", () => {
    for (const cloud of Object.keys(TARGETS) as Cloud[]) {
      const doc = plans[cloud].outputs.openapi as any;
      assert.ok(doc.paths["/users/{id}/sessions/{sessionId}"].delete, cloud);
      assert.deepEqual(
        doc.paths["/users/{id}"].get.parameters.map((p: any) => p.name),
        ["id"],
      );
      assert.ok(doc.components.securitySchemes.jwt, cloud);
    }
  });
});
