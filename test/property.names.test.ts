import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { readCodeTree } from "../lib/bundling/code-tree";
import { isConfigError } from "../lib/core/errors";
import { MultiRegionService } from "../lib";
import { Plan, tryRecordPlan } from "../lib/testing";
import { NAME_SCENARIOS, nameKey, plannedNames } from "./support/physical-name-scenarios";

/**
 * Properties for hostile names and trees (issue #17, item "fuzzing"): every input either records a plan in which every
 * unique physical name is within its kind's limit and no two components share one, or is a ConfigError with nothing
 * of the refused component registered. Runs are modest (`PROPERTY_RUNS`, `PROPERTY_SEED` to replay).
 */

const RUNS = Math.max(1, Math.round(Number(process.env.PROPERTY_RUNS ?? 40) / 4));
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
const options = { numRuns: RUNS, seed: SEED, endOnFailure: true };

/** A name's variants that the clouds' rules may fold into it: case, "_" for "-", doubled and trailing "-". */
const variant = (name: string) =>
  fc.constantFrom(
    name.toUpperCase(),
    name.toLowerCase(),
    name.replace(/-/g, "_"),
    name.replace(/_/g, "-"),
    name.replace(/-/g, "--"),
    `${name}-`,
    `${name}_`,
    name.replace(/(.)/, "$1-"),
  );

/** Component names: ordinary, at and around the length limits (31 for a service, 63 elsewhere), unicode, junk. */
const componentName = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,12}$/),
  fc.integer({ min: 28, max: 34 }).chain((n) => fc.stringMatching(new RegExp(`^[a-z][a-z0-9-]{${n - 1}}$`))),
  fc.integer({ min: 60, max: 66 }).chain((n) => fc.stringMatching(new RegExp(`^[A-Za-z][A-Za-z0-9_-]{${n - 1}}$`))),
  fc.constantFrom(
    "ünïcode",
    "naïve-api",
    "api\u200b",
    "Ａpi",
    "a b",
    "a.b",
    "",
    "-api",
    "_api",
    "9api",
    "a".repeat(300),
  ),
);

/** Every unique name of the plan within its kind's limit (service accounts at least 6), and no two resources share one. */
function checkPlan(plan: Plan): void {
  const seen = new Map<string, string>();
  for (const r of plan.resources) {
    for (const n of plannedNames([r])) {
      assert.ok(typeof n.name === "string" && n.name.length <= n.max, `${r.type} ${n.name} is over ${n.max}`);
      // "must be 6-30 characters long" (https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/create)
      if (r.type === "gcp:serviceaccount/account:Account") assert.ok(n.name.length >= 6, n.name);
      const key = nameKey(n);
      assert.ok(!seen.has(key), `${n.kind} "${n.name}" is set by ${seen.get(key)} and ${r.urn}`);
      seen.set(key, r.urn);
    }
  }
}

/** The URN of the component a ConfigError names (`MultiRegionService "svc"`), in the default test stack. */
function componentUrn(label: string): string {
  const [, type, name] = /^(\w+) "(.*)"$/s.exec(label) ?? [];
  return `urn:pulumi:dev::meridian::meridian:index:${type}::${name}`;
}

/** Every resource of the plan at or below `urn` (by parent). */
function under(plan: Plan, urn: string): string[] {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const inside = (u: string | undefined): boolean => u === urn || (!!u && inside(byUrn.get(u)?.parent));
  return plan.resources.filter((r) => inside(r.urn)).map((r) => r.urn);
}

describe("property: hostile names record within every limit or are ConfigErrors with nothing registered", function () {
  this.timeout(300_000);

  const pairs = (sameScenario: boolean) =>
    fc
      .record({
        a: fc.nat({ max: NAME_SCENARIOS.length - 1 }),
        b: fc.nat({ max: NAME_SCENARIOS.length - 1 }),
        first: componentName,
      })
      .chain((c) =>
        fc.record({
          a: fc.constant(c.a),
          b: fc.constant(sameScenario ? c.a : c.b),
          first: fc.constant(c.first),
          second: fc.oneof(variant(c.first), fc.constant(c.first)),
        }),
      );

  for (const [what, sameScenario] of [
    ["two components of one scenario, the second named like the first after folding", true],
    ["two components of any two scenarios (any types), named alike or after folding", false],
  ] as const) {
    it(what, async () => {
      await fc.assert(
        fc.asyncProperty(pairs(sameScenario), async ({ a, b, first, second }) => {
          const [sa, sb] = [NAME_SCENARIOS[a], NAME_SCENARIOS[b]];
          // One type and one name is one URN: the engine's duplicate-URN error, tested in test/physical-names.test.ts.
          fc.pre(!(sa.component === sb.component && first === second));
          const { plan, error } = await tryRecordPlan(() => {
            sa.make(first);
            sb.make(second);
          });
          if (error === undefined) return checkPlan(plan);
          const label = `${sa.label} "${first}" / ${sb.label} "${second}"`;
          assert.ok(isConfigError(error), `${label}: ${String(error)}`);
          assert.deepEqual(under(plan, componentUrn(error.component)), [], `${error.component} registered something`);
          if (error.component === `${sb.component} "${second}"` && /already uses/.test(error.message))
            assert.ok(error.message.includes(`${sa.component} "${first}"`), error.message);
        }),
        options,
      );
    });
  }
});

/** A random code tree: files (some hidden), folders, links inside, links out, loops; and include/exclude lists. */
const SEGMENTS = ["src", "lib", ".git", ".env", ".aws", "main.py", "x.pyc", ".well-known", "a", "b"];
const treeEntry = fc.record({
  path: fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 }),
  kind: fc.constantFrom("file", "file", "file", "link-in", "link-out", "link-up", "link-self", "dangling"),
});
const tree = fc.record({
  entries: fc.array(treeEntry, { minLength: 1, maxLength: 8 }),
  include: fc.subarray([".env", ".well-known", "**/.env", "src/.aws/**"]),
  exclude: fc.subarray(["*.pyc", "lib", ".git", "/a"]),
});
const SECRET = "aws_secret_access_key=OUTSIDE";

describe("property: code trees package what is asked, never what lies outside, or are ConfigErrors", function () {
  this.timeout(120_000);

  it("hidden files, links in and out, loops, include and exclude", async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-tree-"));
    const outside = path.join(scratch, "credentials");
    fs.writeFileSync(outside, SECRET);
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(tree, async ({ entries, include, exclude }) => {
          const dir = path.join(scratch, `t${++n}`);
          fs.mkdirSync(dir);
          for (const e of entries) {
            const file = path.join(dir, ...e.path);
            try {
              fs.mkdirSync(path.dirname(file), { recursive: true });
              if (e.kind === "file") fs.writeFileSync(file, e.path.join("/"));
              else if (e.kind === "link-in")
                fs.symlinkSync(path.relative(path.dirname(file), path.join(dir, "main.py")), file);
              else if (e.kind === "link-out") fs.symlinkSync(outside, file);
              else if (e.kind === "link-up") fs.symlinkSync("..", file);
              else if (e.kind === "link-self") fs.symlinkSync(path.basename(file), file);
              else fs.symlinkSync(path.join(dir, "nowhere"), file);
            } catch {
              // A path that clashes with an earlier one (a file where a folder is wanted): the tree keeps the first.
            }
          }
          let files: { path: string; data: Uint8Array }[];
          try {
            files = readCodeTree('ServerlessFunction "f"', { dir, include, exclude });
          } catch (err) {
            assert.ok(isConfigError(err), String(err));
            assert.ok(err.field === "code" && err.component === 'ServerlessFunction "f"', err.message);
            return;
          }
          for (const f of files) {
            assert.ok(!Buffer.from(f.data).toString().includes(SECRET), `${f.path} carries a file from outside`);
            const hidden = f.path.split("/").some((s) => s.startsWith("."));
            assert.ok(!hidden || include.length > 0, `${f.path} is hidden and nothing includes it`);
            if (exclude.includes("*.pyc")) assert.ok(!f.path.endsWith(".pyc"), f.path);
            if (exclude.includes("lib")) assert.ok(!f.path.split("/").includes("lib"), f.path);
            if (exclude.includes(".git")) assert.ok(!f.path.split("/").includes(".git"), f.path);
            if (exclude.includes("/a")) assert.ok(!f.path.startsWith("a/") && f.path !== "a", f.path);
          }
          assert.deepEqual(
            readCodeTree('ServerlessFunction "f"', { dir, include, exclude }).map((f) => f.path),
            files.map((f) => f.path),
            "deterministic",
          );
        }),
        { ...options, numRuns: RUNS * 2 },
      );
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});

/** A zone of exactly `length` characters (labels of at most 63, ending ".com"), or undefined when none fits. */
function zoneOf(length: number): string | undefined {
  const labels: string[] = [];
  let left = length - ".com".length;
  while (left > 0) {
    let take = Math.min(63, left);
    if (left - take === 1) take -= 1; // a lone "." would remain
    if (take < 1) return undefined;
    labels.push("z".repeat(take));
    left -= take;
    if (left > 0) left -= 1; // the dot before the next label
  }
  return labels.length > 0 ? `${labels.join(".")}.com` : undefined;
}

describe("property: assembled DNS names at and around their limits", function () {
  this.timeout(300_000);

  // ACM's first domain name is at most 64 characters (https://docs.aws.amazon.com/acm/latest/APIReference/
  // API_RequestCertificate.html); a DNS name at most 253 with labels of 63 (RFC 1035 §2.3.4).
  it("MultiRegionService <record>.<zone> of 62-66 and 250-256 characters", async () => {
    const cases = fc.record({
      length: fc.oneof(fc.integer({ min: 62, max: 66 }), fc.integer({ min: 250, max: 256 })),
      record: fc.integer({ min: 1, max: 64 }),
      regions: fc.constantFrom(["aws:us-east-1"], ["gcp:europe-west1"], ["aws:us-east-1", "gcp:europe-west1"]),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ length, record, regions }) => {
        const zone = zoneOf(length - record - 1);
        fc.pre(zone !== undefined);
        const dns = { provider: "cloudflare", zone, record: "r".repeat(record) };
        const { plan, error } = await tryRecordPlan(
          () =>
            void new MultiRegionService("svc", {
              regions,
              container: { image: "ghcr.io/acme/api:1" },
              routing: {
                strategy: "latency",
                dns: { ...dns, cloudflare: { accountId: "0".repeat(32), zoneId: "0".repeat(32), plan: "enterprise" } },
              },
            } as never),
        );
        if (error !== undefined) {
          assert.ok(isConfigError(error) && error.component === 'MultiRegionService "svc"', String(error));
          assert.ok(error.field.startsWith("routing.dns"), error.field);
          assert.deepEqual(plan.resources, []);
          return;
        }
        const fqdn = `${dns.record}.${zone}`;
        assert.ok(fqdn.length <= 253 && record <= 63, `${fqdn.length} characters recorded`);
        for (const c of plan.resources.filter((r) => r.type === "aws:acm/certificate:Certificate"))
          assert.ok(String(c.inputs.domainName).length <= 64, String(c.inputs.domainName));
        checkPlan(plan);
      }),
      options,
    );
  });
});
