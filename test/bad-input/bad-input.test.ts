import * as assert from "node:assert/strict";
import { isConfigError } from "../../lib/core/errors";
import { tryRecordPlan } from "../../lib/testing";
import { API_GATEWAY_CASES } from "./api-gateway.cases";
import { BadInput } from "./case";
import { FAILOVER_DNS_CASES } from "./failover-dns.cases";
import { ASSEMBLED_CASES, HOSTILE_CASES, SECRET_VALUES } from "./hostile.cases";
import { MULTI_REGION_SERVICE_CASES } from "./multi-region-service.cases";
import { SERVERLESS_FUNCTION_CASES } from "./serverless-function.cases";
import { STACK_CONFIG_CASES } from "./stack-config.cases";

/** The catalogue: component (the ConfigError's component prefix) → its invalid configurations. */
export const CATALOGUE: Record<string, BadInput[]> = {
  ServerlessFunction: SERVERLESS_FUNCTION_CASES,
  ApiGateway: API_GATEWAY_CASES,
  FailoverDns: FAILOVER_DNS_CASES,
  MultiRegionService: MULTI_REGION_SERVICE_CASES,
  "stack config": STACK_CONFIG_CASES,
  "hostile input": [...HOSTILE_CASES, ...ASSEMBLED_CASES],
};

describe("bad-input catalogue: every invalid configuration is a ConfigError with nothing registered", function () {
  this.timeout(60_000);

  it("has at least 60 distinct cases", () => {
    const all = Object.values(CATALOGUE).flat();
    assert.ok(all.length >= 60, `${all.length} cases`);
    for (const [component, cases] of Object.entries(CATALOGUE)) {
      const titles = cases.map((c) => c.title);
      assert.equal(new Set(titles).size, titles.length, `${component}: duplicate titles`);
    }
  });

  for (const [component, cases] of Object.entries(CATALOGUE)) {
    describe(component, () => {
      for (const c of cases) {
        it(`${c.title} → ${c.field}`, async () => {
          const { plan, error } = await tryRecordPlan(c.program, { config: c.config ?? {} });
          assert.ok(
            isConfigError(error),
            `expected a ConfigError, got ${error instanceof Error ? error.stack : String(error)}`,
          );
          assert.equal(error.field, c.field, error.message);
          // No rejected input ever prints a secret value (messages end up in CI logs).
          for (const secret of SECRET_VALUES) assert.ok(!String(error.stack).includes(secret), error.message);
          assert.ok(error.component.startsWith(c.component ?? component), `component ${error.component}`);
          assert.deepEqual(
            plan.resources.map((r) => r.urn),
            [],
            "nothing registered",
          );
        });
      }
    });
  }
});
