import * as assert from "node:assert/strict";
import { planToJson, recordPlan } from "../lib/testing";
import { usersApi } from "./support/api-program";

describe("ApiGateway determinism", () => {
  it("the same program gives the same plan, byte for byte (config ids, router source, policies)", async () => {
    for (const target of ["gcp:europe-west1", "cloudflare"] as const) {
      const a = await recordPlan(usersApi(target));
      const b = await recordPlan(usersApi(target));
      assert.equal(planToJson(a), planToJson(b), target);
    }
  });
});
