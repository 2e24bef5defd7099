import * as assert from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { POLICIES, Violation } from "../lib/policy";
import { runCli } from "../policy/cli";
import { casePlan, CASES } from "./fixtures/policy-cases";

const ROOT = path.resolve(__dirname, "..");

describe("policy CLI (npm run policy -- --plan FILE)", () => {
  let dir: string;
  const insecure = () => path.join(dir, "insecure.json");
  const secure = () => path.join(dir, "secure.json");
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-policy-"));
    const all = (which: "insecure" | "secure") => {
      const plans = CASES.filter((c) => !c.stack).map((c, i) =>
        casePlan(c[which].map((r) => ({ ...r, name: `${i}-${r.name}`, deps: r.deps?.map((d) => `${i}-${d}`) }))),
      );
      return { project: "fixture", stack: "dev", resources: plans.flatMap((p) => p.resources), outputs: {} };
    };
    fs.writeFileSync(insecure(), JSON.stringify(all("insecure")));
    fs.writeFileSync(secure(), JSON.stringify(all("secure")));
    fs.writeFileSync(path.join(dir, "broken.json"), "{ not json");
    fs.writeFileSync(path.join(dir, "not-a-plan.json"), JSON.stringify({ hello: "world" }));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const spawn = (...args: string[]) =>
    spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "policy/cli.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });

  it("exits 1 and prints policy, URN and reason for each violation (spawned)", () => {
    const r = spawn("--plan", insecure());
    assert.strictEqual(r.status, 1, r.stderr);
    for (const c of CASES.filter((x) => !x.stack))
      assert.ok(r.stdout.includes(`[${c.policy}] urn:pulumi:dev::fixture::`), c.policy);
    assert.match(r.stdout, /mandatory policy violation\(s\)/);
  });

  it("exits 0 on a clean plan (spawned)", () => {
    const r = spawn("--plan", secure());
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No policy violations: \d+ policies over \d+ resources/);
  });

  it("exits 2 on a missing file, invalid JSON, a non-plan and bad arguments", () => {
    const missing = spawn("--plan", path.join(dir, "missing.json"));
    assert.strictEqual(missing.status, 2);
    assert.match(missing.stderr, /cannot read plan/);
    assert.strictEqual(runCli(["--plan", path.join(dir, "broken.json")]).code, 2);
    assert.match(runCli(["--plan", path.join(dir, "not-a-plan.json")]).stderr, /is not a plan/);
    assert.strictEqual(runCli([]).code, 2);
    assert.strictEqual(runCli(["--plan", secure(), "--frobnicate"]).code, 2);
  });

  it("prints JSON with --json", () => {
    const r = runCli(["--plan", insecure(), "--json"]);
    assert.strictEqual(r.code, 1);
    const out = JSON.parse(r.stdout) as { violations: Violation[]; policies: number };
    assert.strictEqual(out.policies, POLICIES.length);
    assert.ok(out.violations.length > 20);
  });
});
