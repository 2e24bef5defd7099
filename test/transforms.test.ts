// Typed transforms (issue #18 item 2): each key is a child the target's cloud creates, typed with that child's SDK
// args; an unknown key is a type error and, for untyped callers, a ConfigError before anything registers; a
// transform is either SST's object shorthand (merged over the args) or a function (sst/sst
// platform/src/components/component.ts, `transform`).
import * as assert from "node:assert/strict";
import * as path from "path";
import { ApiGateway, ConfigError, FailoverDns, MultiRegionService, ServerlessFunction } from "../lib";
import { findResources, recordPlan, tryRecordPlan } from "../lib/testing";

const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const CONFIG = { "gcp:project": "meridian-test" };

describe("transform: object shorthand and function form", () => {
  it("merges an object over the child's args (SST's Partial<Args> shorthand)", async () => {
    const plan = await recordPlan(
      () =>
        new ServerlessFunction("hello", {
          target: "aws:us-east-1",
          entry: ENTRY,
          transform: { function: { description: "merged", memorySize: 2048 } },
        }),
      { config: CONFIG },
    );
    const [fn] = findResources(plan, "aws:lambda/function:Function");
    assert.equal(fn.inputs.description, "merged");
    assert.equal(fn.inputs.memorySize, 2048);
    assert.equal(fn.inputs.handler, "index.handler", "fields the object does not name are kept");
  });

  it("lets a function change args and options in place", async () => {
    const plan = await recordPlan(
      () =>
        new ServerlessFunction("hello", {
          target: "aws:us-east-1",
          entry: ENTRY,
          transform: {
            logGroup: (args, opts) => {
              args.retentionInDays = 90;
              opts.protect = true;
            },
          },
        }),
      { config: CONFIG },
    );
    const [lg] = findResources(plan, "aws:cloudwatch/logGroup:LogGroup");
    assert.equal(lg.inputs.retentionInDays, 90);
    assert.equal(lg.protect, true);
  });
});

describe("transform: unknown keys", () => {
  const cases: [string, () => unknown, string, string, RegExp][] = [
    [
      "a misspelt ServerlessFunction child",
      () =>
        new ServerlessFunction("api", {
          target: "aws:us-east-1",
          entry: ENTRY,
          // @ts-expect-error -- "functon" is no child of a Lambda function
          transform: { functon: { memorySize: 1 } },
        }),
      `ServerlessFunction "api"`,
      "transform.functon",
      /unknown child "functon" \(did you mean "function"\?\); on aws:us-east-1 the children are role, logGroup/,
    ],
    [
      "another cloud's child",
      () =>
        new ServerlessFunction("api", {
          target: "gcp:europe-west1",
          entry: ENTRY,
          // @ts-expect-error -- Cloud Run functions have no IAM role child
          transform: { role: {} },
        }),
      `ServerlessFunction "api"`,
      "transform.role",
      /on gcp:europe-west1 \(gcp.platform "cloud-functions"\) the children are serviceAccount/,
    ],
    [
      "a misspelt MultiRegionService child",
      () =>
        new MultiRegionService("api", {
          regions: ["aws:us-east-1", "aws:eu-west-1"],
          container: { image: "nginx", port: 80 },
          routing: { strategy: "latency", dns: { provider: "route53", zone: "example.com", record: "api" } },
          // @ts-expect-error -- "servcie" is a typo of "service"
          transform: { servcie: {} },
        }),
      `MultiRegionService "api"`,
      "transform.servcie",
      /did you mean "service"/,
    ],
    [
      "a FailoverDns child of another provider",
      () =>
        new FailoverDns("api", {
          provider: "cloudflare",
          zone: "example.com",
          record: "api",
          strategy: "failover",
          endpoints: [
            { id: "a", address: "1.2.3.4" },
            { id: "b", address: "5.6.7.8" },
          ],
          cloudflare: { accountId: "0123456789abcdef0123456789abcdef", zoneId: "0123456789abcdef0123456789abcdef" },
          // @ts-expect-error -- Cloudflare Load Balancing has no Route 53 record
          transform: { record: {} },
        }),
      `FailoverDns "api"`,
      "transform.record",
      /on provider "cloudflare" the children are monitor, pool, loadBalancer/,
    ],
  ];
  for (const [title, program, component, field, message] of cases) {
    it(`refuses ${title} with a ConfigError and registers nothing`, async () => {
      const rec = await tryRecordPlan(program, { config: CONFIG });
      assert.ok(rec.error instanceof ConfigError, `expected a ConfigError, got ${rec.error}`);
      assert.equal(rec.error.component, component);
      assert.equal(rec.error.field, field);
      assert.match(rec.error.message, message);
      assert.equal(rec.plan.resources.length, 0);
    });
  }

  it("types every key per cloud (compile-time: this block only has to type-check)", () => {
    // Each @ts-expect-error below fails `tsc` if the line stops being an error.
    const compileOnly = (f: () => void) => f;
    compileOnly(() => {
      new ApiGateway("g", {
        target: "aws:us-east-1",
        routes: {},
        // @ts-expect-error -- API Gateway HTTP APIs have no Google "gateway" child
        transform: { gateway: {} },
      });
      new ServerlessFunction("f", {
        target: "aws:us-east-1",
        entry: ENTRY,
        // @ts-expect-error -- memorySize is a number
        transform: { function: { memorySize: "big" } },
      });
      new ServerlessFunction("f", {
        target: "aws:us-east-1",
        entry: ENTRY,
        transform: {
          function: (args) => {
            // @ts-expect-error -- the args are aws.lambda.FunctionArgs: no such field
            args.memory = 3;
          },
        },
      });
    });
  });
});

describe("transform: both forms on every component (checked on the recorded plan)", () => {
  it("ApiGateway: an object merged over the stage, a function on the API", async () => {
    const plan = await recordPlan(
      () => {
        const fn = new ServerlessFunction("hello", { target: "aws:us-east-1", entry: ENTRY });
        new ApiGateway("api", {
          target: "aws:us-east-1",
          routes: { "GET /hello": fn },
          transform: {
            stage: { description: "merged" },
            api: (args) => {
              args.description = "changed in place";
            },
          },
        });
      },
      { config: CONFIG },
    );
    const [stage] = findResources(plan, "aws:apigatewayv2/stage:Stage");
    assert.equal(stage.inputs.description, "merged");
    assert.equal(stage.inputs.autoDeploy, true, "fields the object does not name are kept");
    const [api] = findResources(plan, "aws:apigatewayv2/api:Api");
    assert.equal(api.inputs.description, "changed in place");
  });

  it("FailoverDns: an object merged over each health check, a function on each record", async () => {
    const plan = await recordPlan(
      () =>
        new FailoverDns("www", {
          provider: "route53",
          zone: "example.com",
          record: "www",
          strategy: "failover",
          route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
          endpoints: [
            { id: "a", address: "a.northwind-origins.net" },
            { id: "b", address: "b.northwind-origins.net" },
          ],
          transform: {
            healthCheck: { tags: { team: "edge" } },
            record: (args, _opts, name) => {
              args.setIdentifier = `${name}-id`;
            },
          },
        }),
      { config: CONFIG },
    );
    const checks = findResources(plan, "aws:route53/healthCheck:HealthCheck");
    assert.equal(checks.length, 2);
    for (const c of checks) assert.deepEqual(c.inputs.tags, { team: "edge" });
    const records = findResources(plan, "aws:route53/record:Record");
    assert.ok(records.length >= 2);
    for (const r of records) assert.equal(r.inputs.setIdentifier, `${r.name}-id`);
  });

  it("MultiRegionService: an object merged over each ECS cluster, a function on each task definition", async () => {
    const plan = await recordPlan(
      () =>
        new MultiRegionService("svc", {
          regions: ["aws:us-east-1", "aws:eu-west-1"],
          container: { image: "ghcr.io/acme/api:1.0.0", port: 8080 },
          routing: {
            strategy: "latency",
            dns: {
              provider: "route53",
              zone: "example.com",
              record: "api",
              route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
            },
          },
          transform: {
            cluster: { tags: { team: "edge" } },
            taskDefinition: (args) => {
              args.cpu = "1024";
            },
          },
        }),
      { config: CONFIG },
    );
    const clusters = findResources(plan, "aws:ecs/cluster:Cluster");
    assert.equal(clusters.length, 2);
    for (const c of clusters) assert.deepEqual(c.inputs.tags, { team: "edge" });
    for (const t of findResources(plan, "aws:ecs/taskDefinition:TaskDefinition")) assert.equal(t.inputs.cpu, "1024");
  });

  it("an alarm's own key reaches it (the Front Door error-rate alarm was transformed by alarmHealth)", async () => {
    const plan = await recordPlan(
      () =>
        new MultiRegionService("web", {
          regions: ["azure:westeurope", "azure:eastus"],
          container: { image: "ghcr.io/acme/web:1.0.0", port: 3000 },
          routing: { strategy: "failover" },
          alarms: { notify: { email: ["oncall@example.com"] } },
          transform: {
            alarmErrorRate: { description: "error rate" },
            alarmHealth: { description: "health" },
          },
        }),
      { config: CONFIG },
    );
    const by = (name: string) => plan.resources.find((r) => r.name === name)!;
    assert.equal(by("web-front-alarm-error-rate").inputs.description, "error rate");
    assert.equal(by("web-front-alarm-health").inputs.description, "health");
  });
});

describe("transform: unknown keys on ApiGateway", () => {
  it("refuses a misspelt ApiGateway child with a ConfigError before the gateway registers anything", async () => {
    const rec = await tryRecordPlan(
      () => {
        const fn = new ServerlessFunction("hello", { target: "aws:us-east-1", entry: ENTRY });
        new ApiGateway("api", {
          target: "aws:us-east-1",
          routes: { "GET /hello": fn },
          // @ts-expect-error -- "stag" is a typo of "stage"
          transform: { stag: { description: "x" } },
        });
      },
      { config: CONFIG },
    );
    assert.ok(rec.error instanceof ConfigError, `expected a ConfigError, got ${rec.error}`);
    assert.equal(rec.error.component, `ApiGateway "api"`);
    assert.equal(rec.error.field, "transform.stag");
    assert.match(rec.error.message, /got the unknown child "stag" \(did you mean "stage"\?\); on aws:us-east-1/);
    assert.ok(
      !rec.plan.resources.some((r) => r.type === "meridian:index:ApiGateway" || r.type.startsWith("aws:apigatewayv2")),
    );
  });

  it("refuses a key an untyped caller passes (a Placement known only at run time)", async () => {
    const target: string = "azure:westeurope";
    const rec = await tryRecordPlan(
      () =>
        new ServerlessFunction("hello", {
          target: target as `azure:${string}`,
          entry: ENTRY,
          transform: { function: {} } as Record<string, object>,
        }),
      { config: CONFIG },
    );
    assert.ok(rec.error instanceof ConfigError, `expected a ConfigError, got ${rec.error}`);
    assert.equal(rec.error.field, "transform.function");
    assert.match(rec.error.message, /on azure:westeurope the children are resourceGroup, storageAccount/);
    assert.equal(rec.plan.resources.length, 0);
  });
});
