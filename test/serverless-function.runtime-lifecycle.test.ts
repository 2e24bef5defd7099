import * as assert from "node:assert/strict";
import * as path from "path";
import { ConfigError } from "../lib";
import { RUNTIME_LIFECYCLES, runtimeVerdict, useRuntimeClock } from "../lib/core/function/lifecycle";
import { RUNTIMES } from "../lib/core/function/runtimes";
import { validateFunctionArgs } from "../lib/core/function/validate";
import { Cloud } from "../lib/core/placement";

/**
 * Runtime lifecycle (issue #14 defect 3, issue #15 item 4): a runtime the cloud no longer creates functions on is a
 * ConfigError naming the successor; within 90 days of deprecation (and after it) a warning. Sources per table row:
 * AWS https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (nodejs20.x: deprecated 2026-04-30, create
 * blocked 2026-08-31, update blocked 2026-09-30; python3.11: create blocked 2026-07-31), Google
 * https://cloud.google.com/functions/docs/runtime-support (nodejs20 decommissioned 2026-10-30), Microsoft
 * https://learn.microsoft.com/en-us/azure/azure-functions/supported-languages (Node 20 end of support 2026-04-30).
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const at = (iso: string) => () => new Date(`${iso}T12:00:00Z`);

function validate(target: string, runtime: string) {
  return validateFunctionArgs("fn", { target, runtime, entry: ENTRY, cloudflare: undefined });
}
function refusal(target: string, runtime: string): ConfigError {
  try {
    validate(target, runtime);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e;
  }
  assert.fail(`${runtime} on ${target} was accepted`);
}

describe("ServerlessFunction runtime lifecycle (clock injected: today is 2026-12-01)", () => {
  beforeEach(() => useRuntimeClock(at("2026-12-01")));
  after(() => useRuntimeClock());

  it("refuses nodejs20 and python311 on AWS Lambda, naming the successor and the source", () => {
    const node = refusal("aws:us-east-1", "nodejs20");
    assert.equal(node.field, "runtime");
    assert.match(node.message, /since 2026-08-31, and updates from 2026-09-30/);
    assert.match(node.message, /use nodejs24/);
    assert.match(node.message, /docs\.aws\.amazon\.com\/lambda\/latest\/dg\/lambda-runtimes\.html/);
  });

  it("refuses python311 on AWS (code + handler)", () => {
    const dir = path.join(__dirname, "fixtures", "function-python");
    try {
      validateFunctionArgs("fn", { target: "aws:us-east-1", runtime: "python311", code: dir, handler: "main.handler" });
      assert.fail("accepted");
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.field, "runtime");
      assert.match(e.message, /since 2026-07-31/);
      assert.match(e.message, /use python313/);
    }
  });

  it("refuses nodejs20 on Google Cloud Run functions after its decommission (2026-10-30)", () => {
    assert.match(refusal("gcp:europe-west1", "nodejs20").message, /since 2026-10-30 or update.*use nodejs24/);
  });

  it("warns (does not refuse) for Azure Node 20: Azure does not block deploys after end of support", () => {
    const fn = validate("azure:westeurope", "nodejs20");
    assert.equal(fn.warnings.length, 1);
    assert.match(fn.warnings[0], /deprecated since 2026-04-30.*move to nodejs22/);
  });

  it("warns from 90 days before a deprecation, and not earlier", () => {
    assert.deepEqual(validate("aws:us-east-1", "nodejs22").warnings, [], "2027-04-30 is 150 days away");
    useRuntimeClock(at("2027-02-01"));
    const [w] = validate("aws:us-east-1", "nodejs22").warnings;
    assert.match(w, /nodejs22 on AWS Lambda is deprecated on 2027-04-30.*move to nodejs24/);
  });

  it("before block-create it is a warning, on the day itself a refusal", () => {
    useRuntimeClock(at("2026-08-30"));
    assert.equal(validate("aws:us-east-1", "nodejs20").warnings.length, 1);
    useRuntimeClock(at("2026-08-31"));
    refusal("aws:us-east-1", "nodejs20");
  });

  it("every row is dated, sourced, and names a successor that the cloud runs and does not block", () => {
    for (const [cloud, table] of Object.entries(RUNTIME_LIFECYCLES) as [Cloud, typeof RUNTIME_LIFECYCLES.aws][]) {
      for (const [runtime, row] of Object.entries(table)) {
        for (const d of [row!.deprecated, row!.blockCreate, row!.blockUpdate].filter(Boolean))
          assert.match(d!, /^\d{4}-\d{2}-\d{2}$/, `${cloud} ${runtime}`);
        assert.match(row!.source, /^https:\/\//);
        assert.notEqual(row!.successor, runtime);
        assert.ok(RUNTIMES[row!.successor].native[cloud], `${cloud}: successor ${row!.successor} is not offered`);
        const when = new Date(`${row!.blockCreate ?? row!.deprecated}T00:00:00Z`);
        assert.notEqual(runtimeVerdict(cloud, row!.successor, cloud, when).kind, "blocked");
      }
    }
  });
});
