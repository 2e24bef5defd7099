import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main as graphMain } from "../lib/cli/graph";
import { buildGraph, renderGraph, roleOf, shortType } from "../lib/graph";
import { readProject, readStackConfig } from "../lib/engine/project";
import { programFromFile, recordPlan } from "../lib/testing";
import type { Plan } from "../lib/testing";

const ROOT = path.resolve(__dirname, "..");
const EXAMPLES = fs
  .readdirSync(path.join(ROOT, "examples"))
  .filter((d) => fs.existsSync(path.join(ROOT, "examples", d, "Pulumi.yaml")))
  .sort();

async function planOf(root: string, stack = "dev"): Promise<Plan> {
  const project = readProject(root);
  const config = readStackConfig(project, stack);
  return recordPlan(programFromFile(path.join(root, project.main)), {
    project: project.name,
    stack,
    config: config.config,
    secretKeys: config.secretKeys,
  });
}

describe("npm run graph: every example renders in every format, deterministically", function () {
  this.timeout(120_000);
  for (const example of EXAMPLES) {
    describe(example, () => {
      let plan: Plan;
      before(async () => {
        plan = await planOf(path.join(ROOT, "examples", example));
      });

      it("draws every native resource once, grouped by location and component, with its dependencies", () => {
        const graph = buildGraph(plan);
        // Native = in a cloud: not providers, not the name seeds kept in state (pulumi-nodejs:dynamic:Resource).
        const custom = plan.resources.filter(
          (r) => r.custom && !r.type.startsWith("pulumi:") && !r.type.startsWith("pulumi-nodejs:"),
        );
        const nodes = graph.locations.flatMap((l) => l.components.flatMap((c) => c.nodes));
        assert.equal(nodes.length, custom.length);
        assert.deepEqual(new Set(nodes.map((n) => n.urn)), new Set(custom.map((r) => r.urn)));
        const ids = new Set(nodes.map((n) => n.id));
        for (const e of graph.edges) assert.ok(ids.has(e.from) && ids.has(e.to));
        const deps = custom.reduce(
          (n, r) => n + r.dependencies.filter((d) => custom.some((c) => c.urn === d) && d !== r.urn).length,
          0,
        );
        assert.ok(graph.edges.length > 0 || deps === 0);
        for (const loc of graph.locations)
          assert.ok(
            /^(aws|gcp|azure)(:[a-z0-9-]+| \(global\))$|^cloudflare$|^\(unplaced\)$/.test(loc.label),
            loc.label,
          );
      });

      it("mermaid, dot and svg are well formed and byte-identical on a second run", () => {
        const mermaid = renderGraph(plan, "mermaid");
        assert.match(mermaid, /^%% .*\nflowchart LR\n/);
        assert.equal((mermaid.match(/^\s*subgraph /gm) ?? []).length, (mermaid.match(/^\s*end$/gm) ?? []).length);
        const dot = renderGraph(plan, "dot");
        assert.equal((dot.match(/{/g) ?? []).length, (dot.match(/}/g) ?? []).length);
        const svg = renderGraph(plan, "svg");
        assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>[\s\S]*<\/svg>\n$/);
        assert.doesNotMatch(svg, /NaN|undefined/);
        assert.equal(
          (svg.match(/<g class="node"/g) ?? []).length,
          buildGraph(plan).locations.flatMap((l) => l.components.flatMap((c) => c.nodes)).length,
        );
        for (const r of plan.resources.filter((x) => x.custom && !x.type.startsWith("pulumi-nodejs:")))
          assert.ok(mermaid.includes(r.name) && dot.includes(r.name) && svg.includes(r.name), r.name);
        assert.equal(renderGraph(plan, "mermaid"), mermaid);
        assert.equal(renderGraph(plan, "dot"), dot);
        assert.equal(renderGraph(plan, "svg"), svg);
      });
    });
  }

  it("the same program recorded twice draws the same SVG", async () => {
    const root = path.join(ROOT, "examples", "http-api");
    assert.equal(renderGraph(await planOf(root), "svg"), renderGraph(await planOf(root), "svg"));
  });

  it("classifies resource types and shortens their names", () => {
    assert.equal(shortType("aws:lambda/function:Function"), "lambda.Function");
    assert.equal(shortType("cloudflare:index/workersScript:WorkersScript"), "WorkersScript");
    assert.equal(shortType("azure-native:web:WebApp"), "web.WebApp");
    assert.equal(roleOf("aws:route53/record:Record"), "dns");
    assert.equal(roleOf("aws:cloudfront/distribution:Distribution"), "front");
    assert.equal(roleOf("aws:apigatewayv2/api:Api"), "api");
    assert.equal(roleOf("gcp:cloudfunctionsv2/function:Function"), "compute");
    assert.equal(roleOf("aws:iam/role:Role"), "other");
    assert.equal(roleOf("aws:cloudwatch/metricAlarm:MetricAlarm"), "alarm");
    assert.equal(roleOf("gcp:monitoring/alertPolicy:AlertPolicy"), "alarm");
    assert.equal(roleOf("azure-native:monitor:MetricAlert"), "alarm");
  });
});

describe("npm run graph: command line", function () {
  this.timeout(60_000);
  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const { write } = process.stdout;
    const error = console.error;
    process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
    console.error = (...a: unknown[]) => void err.push(a.join(" "));
    try {
      return { code: await graphMain(args), out: out.join(""), err: err.join("\n") };
    } finally {
      process.stdout.write = write;
      console.error = error;
    }
  }

  it("prints Mermaid for the app stack by default", async () => {
    const r = await run(["--stack", "dev"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /flowchart LR/);
  });

  it("exits 2 with one error line for an unknown stack or format", async () => {
    for (const args of [["--stack", "nope"], ["--stack", "dev", "--format", "png"], []]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.err, /^error: [^\n]+$/);
    }
  });
});
