import * as assert from "node:assert/strict";
import fc from "fast-check";
import { isConfigError } from "../lib/core/errors";
import { tryRecordPlan } from "../lib/testing";
import { NON_PLAIN, secretsShape, secretValue } from "./support/hostile";
import {
  API_BASES,
  DNS_BASES,
  FUNCTION_BASES,
  makeApi,
  makeDns,
  makeFunction,
  makeService,
  SERVICE_BASES,
} from "./support/property-bases";

/**
 * Properties for the classes of hostile input of issue #17, drawn from the generators in test/support/hostile.ts:
 * each must be a ConfigError with nothing registered (the plain "any arguments" property accepts a plan, so it
 * could not see input that is silently read as something else).
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);

type Path = (string | number)[];
const isPlain = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Paths to every plain object below the root (arrays are walked, not counted). */
function objectPaths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...objectPaths(v, [...prefix, i])));
  else if (isPlain(value)) {
    if (prefix.length > 0) out.push(prefix);
    for (const [k, v] of Object.entries(value)) out.push(...objectPaths(v, [...prefix, k]));
  }
  return out;
}

function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopy(v)]));
  return value;
}

/** The base with the plain object at path `pick` replaced by `wrap(that object)`; the path as a field name. */
function wrapAt(base: unknown, pick: number, wrap: (o: Record<string, unknown>) => unknown) {
  const root = deepCopy(base);
  const all = objectPaths(root);
  const p = all[pick % all.length];
  const parent = p.slice(0, -1).reduce<any>((o, k) => o[k], root);
  parent[p[p.length - 1]] = wrap(parent[p[p.length - 1]]);
  return { args: root, field: p.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("") };
}

const COMPONENTS: [string, fc.Arbitrary<unknown>, (args: unknown, name: string) => void][] = [
  ["ServerlessFunction", FUNCTION_BASES, makeFunction],
  ["ApiGateway", API_BASES, makeApi],
  ["FailoverDns", DNS_BASES, makeDns],
  ["MultiRegionService", SERVICE_BASES, makeService],
];

describe("property: hostile input classes are ConfigErrors with nothing registered", function () {
  this.timeout(120_000);

  for (const [component, bases, make] of COMPONENTS) {
    it(`${component}: a Promise, Map, Date, RegExp, Set, Output or class instance where a plain object is read`, async () => {
      await fc.assert(
        fc.asyncProperty(bases, fc.nat(), fc.constantFrom(...NON_PLAIN), async (base, pick, [kind, wrap]) => {
          const { args, field } = wrapAt(base, pick, wrap);
          const rec = await tryRecordPlan(() => make(args, "api"));
          assert.ok(isConfigError(rec.error), `${field} as ${kind} was accepted: ${String(rec.error ?? "a plan")}`);
          assert.ok(rec.error.message.includes(kind), rec.error.message);
          const registered = rec.plan.resources.filter((r) => !r.type.startsWith("meridian:test:"));
          assert.deepEqual(
            registered.map((r) => r.urn),
            [],
          );
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    });
  }

  it("ServerlessFunction: a rejected secret value is never printed", async () => {
    const cases = secretValue.chain((value) => secretsShape(value).map((secrets) => ({ value, secrets })));
    await fc.assert(
      fc.asyncProperty(FUNCTION_BASES, cases, async (base, { value, secrets }) => {
        const rec = await tryRecordPlan(() => makeFunction({ ...(base as object), secrets }, "api"));
        if (rec.error === undefined) return;
        assert.ok(isConfigError(rec.error), String(rec.error));
        assert.ok(!String(rec.error.stack).includes(String(value)), rec.error.message);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
