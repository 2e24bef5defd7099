import * as assert from "node:assert";
import { checkPlan } from "../lib/policy";
import { casePlan, CASES, FixtureResource } from "./fixtures/policy-cases";

/**
 * The fail-open class, searched exhaustively: hiding any part of an insecure resource's inputs behind a secret
 * (or an unknown, offline) must never make its policy pass. Every node of every insecure fixture — each object,
 * array element and scalar — is replaced in turn; the case's policy must still report a violation.
 */
type Path = (string | number)[];

function paths(v: unknown, at: Path = []): Path[] {
  const out: Path[] = at.length ? [at] : [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function replaced<T>(v: T, path: Path, by: unknown): T {
  if (path.length === 0) return by as T;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(v) ? [...v] : { ...(v as object) };
  copy[head] = replaced(copy[head], rest, by);
  return copy;
}

describe("policy pack: hiding a value never makes an insecure resource pass (exhaustive)", () => {
  for (const marker of [{ secret: true }, { unknown: true }]) {
    const kind = Object.keys(marker)[0];
    it(`every node of every insecure fixture, as ${kind}`, () => {
      const failures: string[] = [];
      let tried = 0;
      for (const c of CASES) {
        c.insecure.forEach((res, n) => {
          for (const p of paths(res.inputs)) {
            const resources: FixtureResource[] = c.insecure.map((r, m) =>
              m === n ? { ...r, inputs: replaced(r.inputs, p, marker) } : r,
            );
            tried++;
            const fired = checkPlan(casePlan(resources, c.stack)).some((v) => v.policy === c.policy);
            if (!fired) failures.push(`${c.policy} (${c.why}): ${res.name}.${p.join(".")} as ${kind}`);
          }
        });
      }
      assert.ok(tried > 400, `${tried} variants`);
      assert.deepStrictEqual(failures, []);
    });
  }
});
