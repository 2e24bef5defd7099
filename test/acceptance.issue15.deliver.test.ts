import * as assert from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ApiGateway, ServerlessFunction } from "../lib";
import { Plan, findResources, getResource, programFromFile, recordPlan } from "../lib/testing";
import { assertApisEnabledFirst } from "./support/acceptance-gcp";

/**
 * Issue 15, item 14 (the Azure parts) and "Also deliver": from the outside, with the public API, the shipped
 * examples and the documented command, each check citing its source.
 */
const ROOT = path.join(__dirname, "..");
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const AZURE = { config: { "azure-native:subscriptionId": "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b" } };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("acceptance, issue 15, item 14 (Azure) and the deliverables", () => {
  describe("item 14: smaller Azure findings", () => {
    it("workspace-based Application Insights keeps logs as long as asked, through the workspace's tables", async () => {
      // Workspace-based Application Insights stores its data in the workspace, per table; the component's own
      // retention does not apply (https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure,
      // https://learn.microsoft.com/azure/azure-monitor/app/convert-classic-resource).
      const plan = await recordPlan(() => {
        const fn = new ServerlessFunction("hello", { target: "azure:westeurope", entry: ENTRY, logRetentionDays: 180 });
        new ApiGateway("api", {
          target: "azure:westeurope",
          routes: { "GET /": fn },
          accessLogs: { retentionDays: 365 },
        });
      }, AZURE);
      for (const c of findResources(plan, "azure-native:applicationinsights:Component")) {
        assert.strictEqual(c.inputs.ingestionMode, "LogAnalytics");
        const component = c.parent?.endsWith("::hello") ? 180 : 365;
        const tables = findResources(plan, "azure-native:operationalinsights:Table").filter(
          (t) => t.parent === c.parent,
        );
        assert.ok(
          tables.some((t) => t.inputs.tableName === "AppRequests"),
          `no AppRequests table beside ${c.name}`,
        );
        for (const t of tables) assert.strictEqual(t.inputs.retentionInDays, component, `${t.name}`);
        const ws = findResources(plan, "azure-native:operationalinsights:Workspace").find((w) => w.parent === c.parent);
        assert.strictEqual(ws?.inputs.retentionInDays, component);
      }
    });

    it("README dates the end of Linux Consumption (30 September 2028) and does not call it retired", () => {
      // "Linux Consumption ... will be retired on 30 September 2028"
      // (https://learn.microsoft.com/azure/azure-functions/functions-versions, and the Consumption plan page).
      const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
      for (const line of readme.split("\n").filter((l) => /Linux Consumption/i.test(l))) {
        assert.ok(!/Linux Consumption (is|was|has been) retired/i.test(line), line);
      }
      const docs = fs.readFileSync(path.join(ROOT, "docs", "serverless-function.md"), "utf8");
      assert.match(docs, /30 September 2028/);
    });

    it("role assignment names are GUIDs derived from scope, role and principal: stable and distinct", async () => {
      // A role assignment's name is a GUID, and a deterministic one (guid(scope, principal, role)) keeps a
      // redeployment idempotent (https://learn.microsoft.com/azure/role-based-access-control/role-assignments-template#name).
      const program = () => {
        new ServerlessFunction("a", { target: "azure:westeurope", entry: ENTRY, secrets: { K: "v" } });
        new ServerlessFunction("b", { target: "azure:westeurope", entry: ENTRY, secrets: { K: "v" } });
      };
      const [one, two] = [await recordPlan(program, AZURE), await recordPlan(program, AZURE)];
      const names = (plan: Plan) =>
        findResources(plan, "azure-native:authorization:RoleAssignment").map((r) =>
          String(r.inputs.roleAssignmentName),
        );
      assert.ok(names(one).length >= 4);
      for (const n of names(one)) assert.match(n, GUID);
      assert.deepStrictEqual(names(one), names(two));
      assert.strictEqual(new Set(names(one)).size, names(one).length, "two assignments share a name");
    });

    it("a new gateway with a domain: the two deployments the managed certificate needs are documented", () => {
      // The managed certificate "can only be configured when updating an existing API Management instance, not when
      // creating an instance" (MicrosoftDocs/azure-docs articles/api-management/configure-custom-domain.md).
      const doc = fs.readFileSync(path.join(ROOT, "docs", "api-gateway.md"), "utf8");
      assert.match(doc, /needs two\s+deploys/);
    });
  });

  describe("Also deliver: npm run test:cloud -- --cloud gcp|azure", () => {
    for (const cloud of ["gcp", "azure"]) {
      it(`--cloud ${cloud} is opt-in: without a Pulumi login or credentials it skips with the reason, exit 0`, () => {
        const run = spawnSync(
          process.execPath,
          [
            path.join(ROOT, "node_modules", "ts-node", "dist", "bin.js"),
            "--transpile-only",
            "test/cloud/run.ts",
            "--cloud",
            cloud,
          ],
          {
            cwd: ROOT,
            encoding: "utf8",
            timeout: 120_000,
            env: { ...process.env, PATH: "/usr/bin:/bin", GOOGLE_APPLICATION_CREDENTIALS: "", ARM_CLIENT_ID: "" },
          },
        );
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout + run.stderr, /skipped: \S.+/);
      });
    }
  });

  describe("Also deliver: every shipped Google and Azure example plans on a fresh project", () => {
    // The stack's own config (Pulumi.dev.yaml) and, for what is yours to set, the offline stand-ins
    // (meridian.offline.yaml, docs/deploying.md): the example as shipped, nothing added but a project id.
    const yamlConfig = (dir: string, file: string) => {
      const full = path.join(ROOT, "examples", dir, file);
      if (!fs.existsSync(full)) return {};
      const out: Record<string, string> = {};
      for (const m of fs.readFileSync(full, "utf8").matchAll(/^ {2}([\w:-]+): (.+)$/gm)) out[m[1]] = m[2].trim();
      return out;
    };
    const offline = (dir: string) => ({
      ...yamlConfig(dir, "meridian.offline.yaml"),
      ...yamlConfig(dir, "Pulumi.dev.yaml"),
    });
    const projectOf = (dir: string) =>
      /^name: (.+)$/m.exec(fs.readFileSync(path.join(ROOT, "examples", dir, "Pulumi.yaml"), "utf8"))![1].trim();
    const cases: [string, Record<string, string>][] = [
      ["global-gcp", {}],
      ["frontdoor-azure", {}],
      ["http-api", { "meridian-http-api:target": "gcp:europe-west1" }],
      ["http-api", { "meridian-http-api:target": "azure:westeurope" }],
      ["serverless-hello", { "meridian:target": "gcp:us-central1" }],
      ["serverless-hello", { "meridian:target": "azure:westeurope" }],
      ["multicloud-cloudflare", {}],
    ];
    for (const [dir, config] of cases) {
      it(`${dir} ${Object.values(config).join(" ")}: plans, and on Google Cloud every API it calls is enabled first`, async () => {
        const project = projectOf(dir);
        const stackConfig = Object.fromEntries(
          Object.entries({ ...offline(dir), ...config }).map(([k, v]) => [k.includes(":") ? k : `${project}:${k}`, v]),
        );
        const plan = await recordPlan(programFromFile(path.join(ROOT, "examples", dir, "index.ts")), {
          project,
          stack: "dev",
          config: { "gcp:project": "fresh-project-123", "aws:region": "us-east-1", ...AZURE.config, ...stackConfig },
        });
        assertApisEnabledFirst(plan);
        assert.ok(plan.resources.some((r) => r.custom));
        if (dir === "frontdoor-azure") assert.ok(getResource(plan, "azure-native:cdn:Profile"));
      });
    }
  });
});
