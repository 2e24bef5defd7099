import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { isConfigError } from "../lib/core/errors";
import { Recording, tryRecordPlan } from "../lib/testing";
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
 * Property: whatever arguments a component gets — valid ones, valid ones with random values (wrong types, nulls,
 * huge or unicode strings, NaN, nested garbage) put in random places, or plain garbage — recording it gives
 * either a plan or a ConfigError with nothing registered. Never a TypeError, never an unhandled rejection
 * (tryRecordPlan reports those as `error`), never a hang (a per-run timeout).
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
const RUN_TIMEOUT_MS = 10_000;

/** Values that break naive code: every JS type, edge numbers, odd strings, nested nulls. */
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    false,
    0,
    -1,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    Number.MAX_SAFE_INTEGER,
    1e21,
    -0,
    "",
    " ",
    "\u0000",
    "ü",
    "日本語",
    "🚀",
    "a".repeat(5000),
    "__proto__",
    "constructor",
    "toString",
    "*",
    "../../etc/passwd",
    "aws:us-east-1",
    "cloudflare",
    "gcp:mars-1",
    "GET /x",
    "https://",
    "0.0.0.0",
    "::1",
    "Z",
    "{}",
    "[]",
    [],
    [null],
    [undefined],
    {},
    { toString: 1 },
    Object.create(null),
    new Date(0),
    () => 1,
    Promise.resolve({}),
    new Map([["a", 1]]),
    /x/,
    pulumi.output({}),
    pulumi.output("aws:us-east-1"),
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.array(fc.oneof(fc.constant(null), fc.string(), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.constant(null), fc.string(), fc.integer()), { maxKeys: 3 }),
);

type Path = (string | number)[];

/** Every path into a plain-data value (objects and arrays), the root included. */
function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

type Mutation =
  | { kind: "set"; pick: number; value: unknown }
  | { kind: "delete"; pick: number }
  | { kind: "add"; pick: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("set" as const), pick: fc.nat(), value: garbage }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("add" as const),
      pick: fc.nat(),
      key: fc.constantFrom("extra", "transform", "__proto__", "id", "name", "0"),
      value: garbage,
    }),
  },
);

/** Applies mutations to a deep copy of `base` (functions and class instances are kept by reference). */
function mutate(base: unknown, mutations: Mutation[]): unknown {
  let root = clone(base);
  for (const m of mutations) {
    const all = paths(root);
    const p = all[m.pick % all.length];
    if (p.length === 0) {
      if (m.kind === "set") root = m.value;
      continue;
    }
    const parent = p.slice(0, -1).reduce<any>((o, k) => o[k], root);
    const key = p[p.length - 1];
    if (m.kind === "set") parent[key] = m.value;
    else if (m.kind === "delete") Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
    else {
      const target = parent[key];
      if (target && typeof target === "object" && !Array.isArray(target))
        Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    }
  }
  return root;
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  }
  return value;
}

/** Valid or mutated-valid args (weighted towards near-valid), or plain garbage. */
function argsFrom(bases: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: bases },
    {
      weight: 8,
      arbitrary: fc.tuple(bases, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([b, ms]) => mutate(b, ms)),
    },
    { weight: 1, arbitrary: garbage },
  );
}

const componentName = fc.oneof(
  { weight: 9, arbitrary: fc.constant("api") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("", "x".repeat(300), "ünïcödé", "a b", "a::b", "a$b", null as unknown as string),
  },
);

let totalRuns = 0;

/** The property for one component: a plan, or a ConfigError with none of the component's resources registered. */
async function check(
  make: (args: unknown, name: string) => void,
  args: fc.Arbitrary<unknown>,
  ignoreType = "meridian:test:",
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(args, componentName, async (a, name) => {
      totalRuns++;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<Recording>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no result after ${RUN_TIMEOUT_MS} ms: a hang`)), RUN_TIMEOUT_MS);
      });
      const rec = await Promise.race([tryRecordPlan(() => make(a, name)), timeout]).finally(() => clearTimeout(timer));
      if (rec.error === undefined) return;
      if (!isConfigError(rec.error))
        throw new Error(`not a ConfigError: ${(rec.error as Error)?.stack ?? String(rec.error)}`);
      const registered = rec.plan.resources.filter((r) => !r.type.startsWith(ignoreType));
      assert.deepEqual(
        registered.map((r) => r.urn),
        [],
        `ConfigError ${(rec.error as Error).message} after resources were registered`,
      );
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
}

describe("property: any arguments give a plan or a ConfigError, nothing else", function () {
  this.timeout(120_000);

  it("ServerlessFunction", async () => {
    await check(makeFunction, argsFrom(FUNCTION_BASES));
  });

  it("ApiGateway", async () => {
    await check(makeApi, argsFrom(API_BASES));
  });

  it("FailoverDns", async () => {
    await check(makeDns, argsFrom(DNS_BASES));
  });

  it("MultiRegionService", async () => {
    await check(makeService, argsFrom(SERVICE_BASES));
  });

  after(() => {
    if (process.env.PROPERTY_REPORT) console.log(`property runs: ${totalRuns}`);
  });
});
