import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ApiGateway, ServerlessFunction, isConfigError } from "../lib";
import { getResource, recordPlan, tryRecordPlan } from "../lib/testing";

// Issue #16 item 10: a Cloudflare ApiGateway is a router Worker that reaches each function over a service binding, and
// a binding names a Worker ("service: Name of Worker to bind to") of the router's own account, so a Worker of another
// account cannot be reached (https://developers.cloudflare.com/workers/runtime-apis/bindings/service-bindings/).
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const A = "0123456789abcdef0123456789abcdef";
const B = "fedcba9876543210fedcba9876543210";
const SCRIPT = "cloudflare:index/workersScript:WorkersScript";
const fn = (name: string, accountId: pulumi.Input<string>) =>
  new ServerlessFunction(name, { target: "cloudflare", entry: ENTRY, cloudflare: { accountId } });

describe("Cloudflare ApiGateway binds only Workers of its own account (issue #16 item 10)", () => {
  it("binds every function's Worker from the router, in the functions' account", async () => {
    const plan = await recordPlan(() => {
      new ApiGateway("api", { target: "cloudflare", routes: { "GET /a": fn("fa", A), "GET /b": fn("fb", A) } });
    });
    const router = getResource(plan, SCRIPT, "api-router");
    assert.equal(router.inputs.accountId, A);
    const services = (router.inputs.bindings as { type: string; service: string }[])
      .filter((b) => b.type === "service")
      .map((b) => b.service);
    assert.equal(services.length, 2);
    for (const s of services) assert.ok(plan.resources.some((r) => r.type === SCRIPT && r.inputs.scriptName === s));
  });

  it("refuses a function of another account before anything registers", async () => {
    const { plan, error } = await tryRecordPlan(() => {
      const fa = fn("fa", A);
      const fb = fn("fb", B);
      new ApiGateway("api", { target: "cloudflare", routes: { "GET /a": fa, "GET /b": fb } });
    });
    assert.ok(isConfigError(error), String(error));
    assert.equal((error as { field: string }).field, 'routes["GET /b"]');
    assert.match((error as Error).message, /service binding/);
    assert.ok(!plan?.resources.some((r) => r.name === "api-router"), "no router registered");
  });

  it("refuses a handle that is not a Worker this program creates", async () => {
    const { error } = await tryRecordPlan(() => {
      const real = fn("fa", A);
      const foreign = {
        handle: { ...real.handle, name: "elsewhere", resource: undefined },
      };
      new ApiGateway("api", { target: "cloudflare", routes: { "GET /a": real, "GET /b": foreign as never } });
    });
    assert.ok(isConfigError(error), String(error));
    assert.equal((error as { field: string }).field, 'routes["GET /b"]');
  });
});
