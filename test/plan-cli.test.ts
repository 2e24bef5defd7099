import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { Plan } from "../lib/testing";
import { main } from "../lib/cli/plan";

const ROOT = path.resolve(__dirname, "..");
const FIXTURE = path.join(ROOT, "test/fixtures/plan-project");

/** The real command, spawned as a process (as `npm run plan` runs it). */
function spawnPlan(args: string[]) {
  const r = spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(ROOT, "lib/cli/main.ts"), "plan", ...args],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
    },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same command in-process (its `main`), with console output captured: fast enough for every case. */
async function plan(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  try {
    const code = await main(args);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

describe("npm run plan", function () {
  this.timeout(120_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-plan-"));

  it("plans the app stack and writes the plan JSON of the contract", () => {
    const file = path.join(tmp, "dev.json");
    const r = spawnPlan(["--stack", "dev", "--json", file]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^meridian\/dev: \d+ resources/);
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as Plan;
    assert.equal(json.project, "meridian");
    assert.equal(json.stack, "dev");
    assert.ok(Array.isArray(json.resources));
    for (const r of json.resources) {
      assert.deepEqual(Object.keys(r).sort(), [
        "additionalSecretOutputs",
        "aliases",
        "custom",
        "deleteBeforeReplace",
        "dependencies",
        "ignoreChanges",
        "inputs",
        "name",
        "parent",
        "protect",
        "provider",
        "replaceOnChanges",
        "retainOnDelete",
        "type",
        "urn",
      ]);
    }
  });

  it("exits 2 with one clear line for an unknown stack, bad usage and unreadable config", async () => {
    const unknown = await plan(["--stack", "qa"]);
    assert.equal(unknown.code, 2);
    assert.equal(
      unknown.err.trim(),
      `error: unknown stack "qa": stacks/Pulumi.qa.yaml not found (stacks: dev, prod, staging)`,
    );
    assert.equal((await plan([])).code, 2);
    assert.match((await plan(["--stack", "dev", "--bogus", "1"])).err, /unknown option --bogus/);
    const broken = await plan(["--root", FIXTURE, "--stack", "broken"]);
    assert.equal(broken.code, 2);
    assert.match(broken.err, /^error: .*Pulumi\.broken\.yaml: cannot read YAML/);
    assert.equal(broken.err.trim().split("\n").length, 1);
  });

  it("exits 2 naming the config key for invalid app stack config", async () => {
    const root = path.join(ROOT, "test/fixtures/bad-app-config");
    const cases: Array<[string, RegExp]> = [
      [
        "badregion",
        /^error: stack config: meridian:regions\[0\]: got "aws:mars-east-1": "mars-east-1" is not a aws region/,
      ],
      [
        "baddomain",
        /^error: stack config: meridian:domain: got "api.example.org"; it must be a name inside "example.com"/,
      ],
      [
        "noenv",
        /^error: stack config: meridian:environment: got undefined; one of "dev", "staging", "prod" is required/,
      ],
    ];
    for (const [stack, pattern] of cases) {
      const r = await plan(["--root", root, "--stack", stack, "--quiet"]);
      assert.equal(r.code, 2, stack);
      assert.match(r.err, pattern);
      assert.equal(r.err.trim().split("\n").length, 1);
    }
  });

  it("--diff reports the replacement of a stateful resource and exits 1", async () => {
    const one = path.join(tmp, "one.json");
    assert.equal((await plan(["--root", FIXTURE, "--stack", "one", "--json", one, "--quiet"])).code, 0);
    const same = await plan(["--root", FIXTURE, "--stack", "one", "--diff", one, "--quiet"]);
    assert.equal(same.code, 0, same.err);
    assert.match(same.out, /No changes\./);
    // The same stack after a change that renames the log group (the "changed" project reads other config).
    const changed = await plan(["--root", path.join(FIXTURE, "changed"), "--stack", "one", "--diff", one, "--quiet"]);
    assert.equal(changed.code, 1, changed.out + changed.err);
    assert.match(changed.out, /DATA LOSS: 1 stateful resource/);
    assert.match(changed.out, /aws:cloudwatch\/logGroup:LogGroup::app-logs {2}\(changed name\)/);
  });

  it("--openapi writes the stack's OpenAPI document, and it validates", async () => {
    const dir = path.join(tmp, "openapi");
    const r = await plan(["--stack", "dev", "--openapi", dir, "--quiet"]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(fs.readdirSync(dir), ["openapi.json"]);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, "openapi.json"), "utf8"));
    assert.equal(doc.openapi, "3.1.0");
    assert.ok(doc.paths["/users/{id}"].get);
    await SwaggerParser.validate(structuredClone(doc) as never);
  });

  it("keeps `secure:` config values secret in the plan", async () => {
    const file = path.join(tmp, "secret.json");
    assert.equal((await plan(["--root", FIXTURE, "--stack", "one", "--json", file, "--quiet"])).code, 0);
    const text = fs.readFileSync(file, "utf8");
    const param = (JSON.parse(text) as Plan).resources.find((r) => r.type === "aws:ssm/parameter:Parameter")!;
    assert.deepEqual(param.inputs.value, { secret: true });
    assert.ok(!text.includes("offline-secret-placeholder"));
  });
});
