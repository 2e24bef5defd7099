import * as assert from "node:assert/strict";
import * as path from "node:path";
import { FailoverDns, MultiRegionService, ServerlessFunction } from "../lib";
import { isConfigError } from "../lib/core/errors";
import { functionNameClaims, serviceNameClaims } from "../lib/core/physical-name-claims";
import { parsePlacement } from "../lib/core/placement";
import { DuplicateUrnError, planToJson, recordPlan, tryRecordPlan } from "../lib/testing";
import { routeTarget } from "./bad-input/api-gateway.cases";
import { ApiGateway } from "../lib";

const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const TARGETS: Record<string, Record<string, unknown>> = {
  aws: { target: "aws:us-east-1" },
  gcp: { target: "gcp:europe-west1" },
  azure: { target: "azure:westeurope" },
  cloudflare: { target: "cloudflare", cloudflare: { accountId: ACCOUNT } },
};
const fn = (name: string, cloud: string, extra: Record<string, unknown> = {}) =>
  new ServerlessFunction(name, { ...TARGETS[cloud], entry: ENTRY, ...extra } as never);

/**
 * Component-name pairs that a cloud's naming rules map to one physical name (issue #17, defect 3), and pairs it
 * keeps apart. Lambda and Workers script names keep "_", so `a_b` is not `a-b` there; IAM role names ignore case
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html), so `Users` is `users` on AWS; Cloud Run
 * and Workers names are lowercase.
 */
const COLLIDING: Record<string, [string, string][]> = {
  aws: [
    ["users", "Users"],
    ["web", "web-"],
    ["a-b", "a--b"],
  ],
  gcp: [
    ["users", "Users"],
    ["a-b", "a_b"],
    ["web", "web-"],
    ["a-b", "a--b"],
  ],
  cloudflare: [
    ["users", "Users"],
    ["web", "web-"],
    ["a-b", "a--b"],
  ],
};
const DISTINCT: Record<string, [string, string][]> = { aws: [["a-b", "a_b"]], cloudflare: [["a-b", "a_b"]] };
const DNS = { routing: { dns: { provider: "route53", zone: "example.com", record: "api" } } };

describe("physical names: two components never share one (issue #17, defect 3)", function () {
  this.timeout(120_000);

  for (const [cloud, pairs] of Object.entries(DISTINCT)) {
    for (const [first, second] of pairs) {
      it(`${cloud}: ServerlessFunction "${first}" and "${second}" keep their own names`, async () => {
        await recordPlan(() => {
          fn(first, cloud);
          fn(second, cloud);
        });
      });
    }
  }

  for (const [cloud, pairs] of Object.entries(COLLIDING)) {
    for (const [first, second] of pairs) {
      it(`${cloud}: ServerlessFunction "${first}" then "${second}" is a ConfigError naming both`, async () => {
        const solo = await recordPlan(() => void fn(first, cloud));
        const { plan, error } = await tryRecordPlan(() => {
          fn(first, cloud);
          fn(second, cloud);
        });
        assert.ok(isConfigError(error), String(error));
        assert.equal(error.component, `ServerlessFunction "${second}"`);
        assert.equal(error.field, "name");
        assert.ok(error.message.includes(`ServerlessFunction "${first}"`), error.message);
        assert.deepEqual(
          plan.resources.map((r) => r.urn),
          solo.resources.map((r) => r.urn),
          "nothing of the second registered",
        );
      });
    }
  }

  it("a Cloudflare function named like an API's router Worker", async () => {
    const { error } = await tryRecordPlan(() => {
      new ApiGateway("api", {
        target: "cloudflare",
        // A real Worker of this program: a Cloudflare gateway binds only those (issue #16 item 10).
        routes: { "GET /x": fn("users", "cloudflare") },
      } as never);
      fn("api-router", "cloudflare");
    });
    assert.ok(isConfigError(error), String(error));
    assert.match(error.message, /Cloudflare Workers script .*ApiGateway "api"/);
  });

  it("Traffic Manager profiles of FailoverDns 'Api' and 'api'", async () => {
    const dns = (name: string) =>
      new FailoverDns(name, {
        provider: "azure-traffic-manager",
        zone: "example.com",
        record: name.toLowerCase(),
        strategy: "weighted",
        endpoints: [{ id: "a", address: "a.northwind-origins.net" }],
        azure: { resourceGroupName: "rg-dns" },
      });
    const { error } = await tryRecordPlan(() => {
      dns("api");
      dns("Api");
    });
    assert.ok(isConfigError(error), String(error));
    assert.equal(error.component, `FailoverDns "Api"`);
  });

  it("Container Apps of MultiRegionService 'svc' and 'SVC'; a GCP function and service of one name", async () => {
    const svc = (name: string, region: string): MultiRegionService =>
      new MultiRegionService(name, {
        regions: [region as never],
        container: { image: "ghcr.io/acme/api:1" },
        ...(region.startsWith("azure") ? {} : DNS),
      } as never);
    const azure = await tryRecordPlan(() => {
      svc("svc", "azure:westeurope");
      svc("SVC", "azure:westeurope");
    });
    assert.ok(isConfigError(azure.error), String(azure.error));
    const gcp = await tryRecordPlan(() => {
      fn("api", "gcp");
      svc("api", "gcp:europe-west1");
    });
    assert.ok(isConfigError(gcp.error), String(gcp.error));
    assert.match(gcp.error.message, /Cloud Run service in europe-west1/);
  });

  it("across component types: names that different components assemble alike", async () => {
    const refused = async (program: () => void, kind: RegExp, second: string) => {
      const { error } = await tryRecordPlan(program);
      assert.ok(isConfigError(error), String(error));
      assert.equal(error.component, second);
      assert.match(error.message, kind);
    };
    const gcpLb = (name: string, record: string) =>
      new MultiRegionService(name, {
        regions: ["gcp:europe-west1"],
        container: { image: "ghcr.io/acme/api:1" },
        routing: { strategy: "latency", dns: { provider: "route53", zone: "example.com", record } },
      } as never);
    // The Google global load balancer of an ApiGateway domain and of a MultiRegionService share their parts' names.
    await refused(
      () => {
        new ApiGateway("api", {
          target: "gcp:europe-west1",
          routes: { "GET /x": routeTarget("gcp:europe-west1") },
          domain: "gw.example.com",
        } as never);
        gcpLb("api", "svc");
      },
      /Google service account|Compute/,
      'MultiRegionService "api"',
    );
    // A function's service account "<name>-gw" is the gateway account of ApiGateway "<name>".
    await refused(
      () => {
        fn("api-gw", "gcp");
        new ApiGateway("api", {
          target: "gcp:europe-west1",
          routes: { "GET /x": routeTarget("gcp:europe-west1") },
        } as never);
      },
      /Google service account would be named "meridian-dev-api-gw"/,
      'ApiGateway "api"',
    );
    // A function's resource group "<name>" is a service's regional group "<svc>-<region>".
    await refused(
      () => {
        fn("svc-westeurope", "azure");
        new MultiRegionService("svc", {
          regions: ["azure:westeurope"],
          container: { image: "ghcr.io/acme/api:1" },
        } as never);
      },
      /Azure resource group/,
      'MultiRegionService "svc"',
    );
  });

  it("a MultiRegionService answering a name a FailoverDns already serves is refused by the service, before it registers", async () => {
    const { plan, error } = await tryRecordPlan(() => {
      new FailoverDns("web", {
        provider: "route53",
        zone: "example.com",
        record: "api",
        strategy: "failover",
        endpoints: [
          { id: "a", address: "a.northwind-origins.net" },
          { id: "b", address: "b.northwind-origins.net" },
        ],
        route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
      });
      new MultiRegionService("svc", {
        regions: ["aws:us-east-1"],
        container: { image: "ghcr.io/acme/api:1" },
        routing: { dns: { provider: "route53", zone: "example.com", record: "API" } },
      } as never);
    });
    assert.ok(isConfigError(error), String(error));
    assert.equal(error.component, 'MultiRegionService "svc"');
    assert.match(error.message, /route53 DNS name would be named "api.example.com", which FailoverDns "web"/);
    assert.ok(!plan.resources.some((r) => r.urn.includes("MultiRegionService")), "nothing of the service registered");
    // And alone, the service's own nested FailoverDns claims the same name without a collision with its parent.
    await recordPlan(() => {
      new MultiRegionService("svc", {
        regions: ["aws:us-east-1"],
        container: { image: "ghcr.io/acme/api:1" },
        routing: { dns: { provider: "route53", zone: "example.com", record: "api" } },
      } as never);
    });
  });

  it("resets for every recording: the same program records twice", async () => {
    for (let i = 0; i < 2; i++) await recordPlan(() => void fn("users", "aws"));
  });

  it("claims the names the plan really sets", async () => {
    for (const cloud of Object.keys(TARGETS)) {
      const json = planToJson(await recordPlan(() => void fn("users", cloud)));
      const fnArgs = { name: "users", placement: parsePlacement(TARGETS[cloud].target, "t", "target") };
      for (const c of functionNameClaims({ ...fnArgs, schedules: [], secrets: {}, logRetentionDays: 30 }))
        assert.ok(json.includes(`"${c.name}"`), `${cloud}: ${c.kind} ${c.name}`);
    }
    for (const region of ["aws:us-east-1", "gcp:europe-west1", "azure:westeurope"]) {
      const json = planToJson(
        await recordPlan(() => {
          new MultiRegionService("svc", {
            regions: [region as never],
            container: { image: "ghcr.io/acme/api:1" },
            ...(region.startsWith("azure") ? {} : DNS),
          } as never);
        }),
      );
      const [cloud, r] = region.split(":");
      const regions = [{ cloud, region: r, label: r, drained: false, weight: 1 }];
      const front = cloud === "azure" ? "azure-frontdoor" : cloud === "gcp" ? "gcp-lb" : "dns";
      for (const c of serviceNameClaims({
        name: "svc",
        port: 8080,
        front,
        strategy: "latency",
        regions,
        logRetentionGiven: false,
      }))
        assert.ok(json.includes(`"${c.name}"`), `${region}: ${c.kind} ${c.name}`);
    }
  });
});

describe("recordPlan refuses duplicate URNs as the engine does (issue #17, defect 4)", function () {
  this.timeout(60_000);

  it("two components with one name: Duplicate resource URN", async () => {
    await assert.rejects(
      recordPlan(() => {
        fn("api", "aws");
        fn("api", "aws");
      }),
      (err: Error) =>
        err instanceof DuplicateUrnError &&
        /^Duplicate resource URN 'urn:pulumi:dev::meridian::meridian:index:ServerlessFunction::api'; try giving it a unique name$/.test(
          err.message,
        ),
    );
  });

  it("secrets API_KEY and api_key: two secrets on GCP (case-sensitive), a ConfigError on Azure (case-insensitive)", async () => {
    const secrets = { API_KEY: "a", api_key: "b" };
    const plan = await recordPlan(() => void fn("f", "gcp", { secrets }));
    const ids = plan.resources
      .filter((r) => r.type === "gcp:secretmanager/secret:Secret")
      .map((r) => r.inputs.secretId);
    assert.equal(new Set(ids).size, 2);
    const { plan: azurePlan, error } = await tryRecordPlan(() => void fn("f", "azure", { secrets }));
    assert.ok(isConfigError(error), String(error));
    assert.equal(error.field, "secrets.api_key");
    assert.deepEqual(azurePlan.resources, []);
    const env = await tryRecordPlan(
      () => void fn("f", "azure", { environment: { Stage: "x" }, secrets: { STAGE: "y" } }),
    );
    assert.ok(isConfigError(env.error), String(env.error));
    assert.equal(env.error.field, "secrets.STAGE");
  });
});
