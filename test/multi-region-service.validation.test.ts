import * as assert from "node:assert";
import { MultiRegionService, isConfigError } from "../lib";
import { sizeProblem, validateServiceArgs } from "../lib/core/service";
import { tryRecordPlan } from "../lib/testing";

const dns = { provider: "route53", zone: "example.com", record: "api" };
const good = (): any => ({
  regions: ["aws:us-east-1", "aws:eu-west-1"],
  container: { image: "ghcr.io/acme/api:1.0.0", port: 8080 },
  routing: { strategy: "latency", dns: { ...dns } },
});

/** [description, mutate(args), expected field] */
const CASES: Array<[string, (a: any) => void, string]> = [
  [
    "no regions",
    (a) => {
      a.regions = [];
    },
    "regions",
  ],
  [
    "regions not an array",
    (a) => {
      a.regions = "aws:us-east-1";
    },
    "regions",
  ],
  [
    "unknown cloud",
    (a) => {
      a.regions = ["ibm:dal10"];
    },
    "regions[0]",
  ],
  [
    "unknown region",
    (a) => {
      a.regions = ["aws:us-east-1", "aws:mars-1"];
    },
    "regions[1]",
  ],
  [
    "duplicate region",
    (a) => {
      a.regions = ["aws:us-east-1", "aws:us-east-1"];
    },
    "regions[1]",
  ],
  [
    "cloudflare as a region",
    (a) => {
      a.regions = ["cloudflare"];
    },
    "regions[0]",
  ],
  [
    "null region entry",
    (a) => {
      a.regions = [null];
    },
    "regions[0]",
  ],
  [
    "missing container",
    (a) => {
      delete a.container;
    },
    "container",
  ],
  [
    "missing image",
    (a) => {
      delete a.container.image;
    },
    "container.image",
  ],
  [
    "image with spaces",
    (a) => {
      a.container.image = "my image";
    },
    "container.image",
  ],
  [
    "port out of range",
    (a) => {
      a.container.port = 70000;
    },
    "container.port",
  ],
  [
    "port not integer",
    (a) => {
      a.container.port = "80";
    },
    "container.port",
  ],
  [
    "reserved port",
    (a) => {
      a.container.port = 15000;
    },
    "container.port",
  ],
  [
    "fargate cpu/memory mismatch",
    (a) => {
      a.container.cpu = 0.25;
      a.container.memoryMb = 4096;
    },
    "container.memoryMb",
  ],
  [
    "fargate cpu not offered",
    (a) => {
      a.container.cpu = 3;
      a.container.memoryMb = 8192;
    },
    "container.cpu",
  ],
  [
    "cloud run fractional cpu",
    (a) => {
      a.regions = ["gcp:europe-west1"];
      a.container.cpu = 0.5;
      a.container.memoryMb = 1024;
    },
    "container.cpu",
  ],
  [
    "cloud run memory too big for cpu",
    (a) => {
      a.regions = ["gcp:europe-west1"];
      a.container.cpu = 1;
      a.container.memoryMb = 8192;
    },
    "container.memoryMb",
  ],
  [
    // "4 vCPU 2 to 16 GiB ... 6 vCPU 4 to 24 GiB ... 8 vCPU 4 to 32 GiB": more CPU needs more memory too
    // (https://cloud.google.com/run/docs/configuring/services/cpu, CPU and memory table).
    "cloud run memory too small for cpu",
    (a) => {
      a.regions = ["gcp:europe-west1"];
      a.container.cpu = 8;
      a.container.memoryMb = 2048;
    },
    "container.memoryMb",
  ],
  [
    "container apps ratio",
    (a) => {
      a.regions = ["azure:westeurope"];
      delete a.routing.dns;
      a.container.cpu = 1;
      a.container.memoryMb = 4096;
    },
    "container.memoryMb",
  ],
  [
    "environment name invalid",
    (a) => {
      a.container.environment = { "1BAD": "x" };
    },
    "container.environment.1BAD",
  ],
  [
    "environment value number",
    (a) => {
      a.container.environment = { A: 1 };
    },
    "container.environment.A",
  ],
  [
    "command not strings",
    (a) => {
      a.container.command = ["node", 3];
    },
    "container.command[1]",
  ],
  [
    "unknown container key",
    (a) => {
      a.container.memory = 512;
    },
    "container.memory",
  ],
  [
    "health path relative",
    (a) => {
      a.healthCheck = { path: "healthz" };
    },
    "healthCheck.path",
  ],
  [
    "health path with query",
    (a) => {
      a.healthCheck = { path: "/h?x=1" };
    },
    "healthCheck.path",
  ],
  [
    "health interval too small",
    (a) => {
      a.healthCheck = { intervalSeconds: 1 };
    },
    "healthCheck.intervalSeconds",
  ],
  [
    "health threshold too big",
    (a) => {
      a.healthCheck = { failureThreshold: 20 };
    },
    "healthCheck.failureThreshold",
  ],
  [
    "timeout not below interval",
    (a) => {
      a.healthCheck = { intervalSeconds: 5, timeoutSeconds: 5 };
    },
    "healthCheck.timeoutSeconds",
  ],
  [
    "healthCheck null",
    (a) => {
      a.healthCheck = null;
    },
    "healthCheck",
  ],
];

describe("MultiRegionService: bad input", () => {
  for (const [what, mutate, field] of CASES) {
    it(`${what} -> ConfigError on ${field}, nothing registered`, async () => {
      const args = good();
      mutate(args);
      const { plan, error } = await tryRecordPlan(() => new MultiRegionService("api", args));
      assert.ok(isConfigError(error), `expected a ConfigError, got ${error}`);
      assert.strictEqual((error as any).field, field, (error as Error).message);
      assert.strictEqual((error as any).component, `MultiRegionService "api"`);
      assert.strictEqual(plan.resources.length, 0);
    });
  }

  it("null args and a bad name are ConfigErrors too", () => {
    assert.throws(
      () => validateServiceArgs("api", null),
      (e: any) => isConfigError(e) && e.field === "args",
    );
    assert.throws(
      () => validateServiceArgs("a b", good()),
      (e: any) => isConfigError(e) && e.field === "name",
    );
  });

  it("accepts the good arguments and resolves defaults", () => {
    const spec = validateServiceArgs("api", good());
    assert.strictEqual(spec.front, "dns");
    assert.deepStrictEqual(spec.healthCheck, {
      preset: "standard",
      explicit: [],
      path: "/healthz",
      intervalSeconds: 10,
      failureThreshold: 3,
      timeoutSeconds: 5,
    });
    assert.deepStrictEqual(
      spec.regions.map((r) => [r.key, r.cpu, r.memoryMb, r.count, r.priority]),
      [
        ["aws:us-east-1", 1, 2048, 2, 1],
        ["aws:eu-west-1", 1, 2048, 2, 2],
      ],
    );
  });

  it("moves the primary by priority only", () => {
    const spec = validateServiceArgs("api", {
      ...good(),
      regions: ["aws:us-east-1", "aws:eu-west-1", "aws:us-west-2"],
      routing: { strategy: "failover", dns },
      primary: "aws:us-west-2",
    });
    assert.deepStrictEqual(
      spec.regions.map((r) => [r.key, r.priority, r.primary]),
      [
        ["aws:us-east-1", 2, false],
        ["aws:eu-west-1", 3, false],
        ["aws:us-west-2", 1, true],
      ],
    );
  });

  it("knows each platform's sizes", () => {
    assert.strictEqual(sizeProblem("aws", 0.25, 512), undefined);
    assert.strictEqual(sizeProblem("aws", 16, 122880), undefined);
    assert.strictEqual(sizeProblem("aws", 0.5, 1536)?.field, "memoryMb");
    assert.strictEqual(sizeProblem("gcp", 2, 8192), undefined);
    assert.ok(sizeProblem("gcp", 2, 9000));
    // Cloud Run's minimum memory per CPU count (https://cloud.google.com/run/docs/configuring/services/cpu): 4 vCPU
    // take 2-16 GiB, 6 vCPU 4-24 GiB, 8 vCPU 4-32 GiB.
    assert.strictEqual(sizeProblem("gcp", 4, 2047)?.field, "memoryMb");
    assert.strictEqual(sizeProblem("gcp", 4, 2048), undefined);
    assert.strictEqual(sizeProblem("gcp", 6, 4095)?.field, "memoryMb");
    assert.strictEqual(sizeProblem("gcp", 6, 4096), undefined);
    assert.strictEqual(sizeProblem("gcp", 8, 512)?.field, "memoryMb");
    assert.strictEqual(sizeProblem("gcp", 8, 4096), undefined);
    assert.strictEqual(sizeProblem("gcp", 2, 512), undefined);
    assert.strictEqual(sizeProblem("azure", 1.75, 3584), undefined);
    assert.ok(sizeProblem("azure", 0.3, 614));
  });
});
