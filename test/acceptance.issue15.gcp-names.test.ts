import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, findResources, getResource, recordPlan, tryRecordPlan } from "../lib/testing";
import { assertConfigError, assertRfc1035, gcpOptions, swaggerOf } from "./support/acceptance-gcp";

/**
 * Issue 15, Google Cloud items 5-9 and 14 and the same classes beyond them, from the outside (public API, Google's
 * documentation cited beside each assertion).
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const IMAGE = "us-docker.pkg.dev/cloudrun/container/hello";
const BUCKET = "gcp:storage/bucket:Bucket";

const bucketName = (plan: Plan) => String(getResource(plan, BUCKET).inputs.name);
const fnPlan = (name: string, options: Parameters<typeof recordPlan>[1], target = "gcp:europe-west1") =>
  recordPlan(() => {
    new ServerlessFunction(name, { target: target as "gcp:europe-west1", entry: ENTRY, url: true });
  }, options);

/**
 * Bucket names: 3-63 characters of lowercase letters, digits, `-`, `_`, `.`, starting and ending with a letter or
 * digit; they "cannot begin with the "goog" prefix" and "cannot contain "google" or close misspellings"
 * (https://cloud.google.com/storage/docs/buckets#naming).
 */
function assertBucketName(name: string): void {
  assert.ok(/^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/.test(name), `bucket ${name} (${name.length})`);
  assert.ok(!name.startsWith("goog"), `bucket ${name} begins with goog`);
  assert.ok(!/g[o0]{2}g[l1]e/.test(name), `bucket ${name} contains google`);
}

describe("acceptance, issue 15, Google Cloud names, regions, access, preflights, certificates", () => {
  describe("item 5: bucket names are unique beyond one organisation and deterministic", () => {
    // Bucket names are one namespace for every customer (https://cloud.google.com/storage/docs/buckets#naming).
    it("the same program as the same stack in two projects gets two bucket names", async () => {
      const a = bucketName(await fnPlan("hello", gcpOptions({}, "team-a-1234")));
      const b = bucketName(await fnPlan("hello", gcpOptions({}, "team-b-5678")));
      assert.notStrictEqual(a, b);
      assertBucketName(a);
    });

    it("the plan is byte-identical for the same inputs (docs/concepts.md, worldwide names)", async () => {
      const a = await fnPlan("hello", gcpOptions());
      const b = await fnPlan("hello", gcpOptions());
      assert.strictEqual(JSON.stringify(a), JSON.stringify(b));
    });

    it("the name is set at creation only (ignoreChanges) and a seed kept in state makes it survive destroy/up", async () => {
      const plan = await fnPlan("hello", gcpOptions());
      assert.ok(getResource(plan, BUCKET).ignoreChanges.includes("name"));
      assert.ok(
        plan.resources.some((r) => r.type === "pulumi-nodejs:dynamic:Resource" && r.name === "hello-name-seed"),
      );
    });

    for (const [label, project, name] of [
      [
        "a long project, stack and component name",
        "a-very-long-pulumi-project-name-for-acceptance",
        "an-equally-long-function-name-x",
      ],
      ["a Pulumi project called googly-app (no `goog` prefix)", "googly-app", "hello"],
      ["a component called google-sync (no `google` inside)", "meridian", "google-sync"],
    ] as const) {
      it(`a valid bucket name for ${label}`, async () => {
        const plan = await recordPlan(
          () => {
            new ServerlessFunction(name, { target: "gcp:europe-west1", entry: ENTRY });
          },
          { ...gcpOptions(), project, stack: "production-eu" },
        );
        assertBucketName(bucketName(plan));
      });
    }
  });

  describe("item 6: API Gateway only where it deploys", () => {
    // API Gateway deploys only to asia-northeast1, australia-southeast1, europe-west1, europe-west2, us-east1,
    // us-east4, us-central1, us-west2, us-west3, us-west4 (https://cloud.google.com/api-gateway/docs/deployment-model#choosing_a_region).
    for (const region of [
      "europe-west3",
      "europe-west4",
      "us-south1",
      "asia-east1",
      "southamerica-east1",
      "me-central1",
    ]) {
      it(`gcp:${region}: a ConfigError on target before anything registers`, async () => {
        const { plan, error } = await tryRecordPlan(() => {
          const fn = new ServerlessFunction("users", { target: "gcp:europe-west1", entry: ENTRY });
          new ApiGateway("api", { target: `gcp:${region}` as "gcp:europe-west1", routes: { "GET /users": fn } });
        }, gcpOptions());
        assert.ok(error, `gcp:${region} planned`);
        assert.strictEqual((error as Error).name, "ConfigError");
        assert.strictEqual((error as { field?: string }).field, "target");
        assert.strictEqual(findResources(plan, "gcp:apigateway/gateway:Gateway").length, 0);
      });
    }

    for (const region of ["australia-southeast1", "us-west4", "us-east4"]) {
      it(`gcp:${region} plans, with functions in a region API Gateway does not serve`, async () => {
        const plan = await recordPlan(() => {
          const fn = new ServerlessFunction("users", { target: "gcp:europe-west3", entry: ENTRY });
          new ApiGateway("api", { target: `gcp:${region}` as "gcp:europe-west1", routes: { "GET /users": fn } });
        }, gcpOptions());
        assert.strictEqual(getResource(plan, "gcp:apigateway/gateway:Gateway").inputs.region, region);
      });
    }
  });

  describe("item 7: public without an allUsers grant (Domain Restricted Sharing)", () => {
    // `iam.allowedPolicyMemberDomains` refuses allUsers/allAuthenticatedUsers grants; Google's way to make a Cloud
    // Run service public there is `invokerIamDisabled` (https://cloud.google.com/run/docs/authenticating/public,
    // https://cloud.google.com/resource-manager/docs/secure-by-default-organizations).
    const noPublicMembers = (plan: Plan) => {
      for (const r of plan.resources)
        assert.ok(
          !/allUsers|allAuthenticatedUsers/.test(JSON.stringify(r.inputs.member ?? r.inputs.members ?? "")),
          `${r.name} grants the public`,
        );
    };

    it("a public function: invoker IAM check disabled on its Cloud Run service, no allUsers anywhere", async () => {
      const plan = await recordPlan(() => {
        new ServerlessFunction("hello", {
          target: "gcp:europe-west1",
          entry: ENTRY,
          url: true,
          triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(1 hour)" }],
        });
      }, gcpOptions());
      noPublicMembers(plan);
      assert.strictEqual(getResource(plan, "gcp:cloudrunv2/service:Service").inputs.invokerIamDisabled, true);
    });

    it("private functions and gateway backends stay private: no disabled invoker check, only the gateway account", async () => {
      const plan = await recordPlan(() => {
        const a = new ServerlessFunction("a", { target: "gcp:europe-west1", entry: ENTRY });
        const b = new ServerlessFunction("b", {
          target: "gcp:europe-west1",
          entry: ENTRY,
          gcp: { platform: "cloud-run" },
        });
        new ApiGateway("api", { target: "gcp:europe-west1", routes: { "GET /a": a, "GET /b": b } });
      }, gcpOptions());
      noPublicMembers(plan);
      for (const s of findResources(plan, "gcp:cloudrunv2/service:Service"))
        assert.notStrictEqual(s.inputs.invokerIamDisabled, true);
      for (const m of findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember"))
        assert.match(String(m.inputs.member), /^serviceAccount:.*-gw@/);
    });

    it("a MultiRegionService: public through the load balancer only (ingress), no allUsers grant", async () => {
      const plan = await recordPlan(
        () => {
          new MultiRegionService("web", {
            regions: ["gcp:us-central1", "gcp:europe-west1"],
            container: { image: IMAGE, port: 8080 },
            routing: { strategy: "latency", dns: { provider: "route53", zone: "example.com", record: "www" } },
          });
        },
        gcpOptions({ "aws:region": "us-east-1" }),
      );
      noPublicMembers(plan);
      for (const s of findResources(plan, "gcp:cloudrunv2/service:Service")) {
        assert.strictEqual(s.inputs.invokerIamDisabled, true);
        // https://cloud.google.com/run/docs/securing/ingress: internal-and-load-balancing admits only the LB.
        assert.strictEqual(s.inputs.ingress, "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER");
      }
    });
  });

  describe("item 8: CORS preflights are not under the document-wide security", () => {
    // A browser's preflight carries no credentials (https://fetch.spec.whatwg.org/#cors-preflight-fetch); in Swagger
    // 2.0 an operation's `security` overrides the top-level one and "an empty array can be used" to remove it
    // (https://swagger.io/specification/v2/#operation-object). So with `cors` every path's OPTIONS is `security: []`,
    // while the other operations keep the requirement.
    const assertPreflights = (plan: Plan, paths: string[]) => {
      const doc = swaggerOf(plan);
      const secured = (op: { security?: unknown[] }) => (op.security ?? doc.security ?? []).length > 0;
      for (const p of paths) {
        const ops = doc.paths[p];
        assert.ok(ops?.options, `${p} has no OPTIONS operation: ${Object.keys(doc.paths).join(", ")}`);
        assert.deepStrictEqual(ops.options.security, [], `${p} OPTIONS is secured`);
        for (const [method, op] of Object.entries(ops))
          if (method !== "options" && !method.startsWith("x-") && method !== "parameters")
            assert.ok(secured(op), `${method.toUpperCase()} ${p} lost its security`);
      }
    };

    it("ANY routes with API keys", async () => {
      const plan = await recordPlan(() => {
        const fn = new ServerlessFunction("items", { target: "gcp:europe-west1", entry: ENTRY });
        new ApiGateway("api", {
          target: "gcp:europe-west1",
          routes: { "ANY /items": fn, "ANY /items/{id}": fn },
          cors: true,
          auth: { apiKey: true },
        });
      }, gcpOptions());
      assertPreflights(plan, ["/items", "/items/{id}"]);
    });

    it("ANY route beside explicit methods, with JWT auth", async () => {
      const plan = await recordPlan(() => {
        const a = new ServerlessFunction("a", { target: "gcp:europe-west1", entry: ENTRY });
        const b = new ServerlessFunction("b", { target: "gcp:europe-west1", entry: ENTRY });
        new ApiGateway("api", {
          target: "gcp:europe-west1",
          routes: { "GET /orders/{id}": a, "ANY /orders/{id}": b, "ANY /carts": b },
          cors: {
            allowOrigins: ["https://shop.example.com"],
            allowMethods: ["GET", "PUT"],
            allowHeaders: ["authorization"],
          },
          auth: { jwt: { issuer: "https://auth.example.com/", audiences: ["shop"] } },
        });
      }, gcpOptions());
      assertPreflights(plan, ["/orders/{id}", "/carts"]);
    });

    it("no ANY at all: a POST-only path still answers its preflight unauthenticated (docs/api-gateway.md)", async () => {
      const plan = await recordPlan(() => {
        const fn = new ServerlessFunction("users", { target: "gcp:europe-west1", entry: ENTRY });
        new ApiGateway("api", {
          target: "gcp:europe-west1",
          routes: { "POST /users": fn, "DELETE /users/{id}": fn },
          cors: true,
          auth: { apiKey: true },
        });
      }, gcpOptions());
      assertPreflights(plan, ["/users", "/users/{id}"]);
    });
  });

  describe("item 9: a managed certificate's domains can change", () => {
    // A Google-managed certificate's domains cannot be changed: create a new certificate, attach it, then delete
    // the old one (https://cloud.google.com/load-balancing/docs/ssl-certificates/google-managed-certs#replace-ssl).
    // With a fixed name, Pulumi's create-before-delete would collide, so the name must change with the domains.
    const certOf = (plan: Plan) => getResource(plan, "gcp:compute/managedSslCertificate:ManagedSslCertificate");

    it("MultiRegionService: another record is another certificate name", async () => {
      const planFor = (record: string) =>
        recordPlan(
          () => {
            new MultiRegionService("web", {
              regions: ["gcp:us-central1"],
              container: { image: IMAGE, port: 8080 },
              routing: { strategy: "latency", dns: { provider: "route53", zone: "example.com", record } },
            });
          },
          gcpOptions({ "aws:region": "us-east-1" }),
        );
      const [a, b] = [certOf(await planFor("www")), certOf(await planFor("shop"))];
      assert.notStrictEqual(a.inputs.name, b.inputs.name);
      assertRfc1035(a.inputs.name, "certificate");
    });

    it("ApiGateway: another domain is another certificate name", async () => {
      const planFor = (domain: string) =>
        recordPlan(() => {
          const fn = new ServerlessFunction("users", { target: "gcp:europe-west1", entry: ENTRY });
          new ApiGateway("api", { target: "gcp:europe-west1", routes: { "GET /users": fn }, domain });
        }, gcpOptions());
      const [a, b] = [certOf(await planFor("api.example.com")), certOf(await planFor("api.example.org"))];
      assert.notStrictEqual(a.inputs.name, b.inputs.name);
      assertRfc1035(b.inputs.name, "certificate");
    });

    // Was a defect (found by this suite, fixed in lib/gcp/function-source.ts): moving a function to another region replaces its bucket (a
    // bucket's location cannot be changed: https://cloud.google.com/storage/docs/moving-buckets) under the same name,
    // since `ignoreChanges` on the name makes the engine reuse the old value (pulumi/pulumi#2657: "the engine simply
    // replaces the values of input properties in the goal state with old inputs"), and Pulumi creates the new bucket
    // before deleting the old one: "name taken". Only deleteBeforeReplace lets it complete.
    it("another force-new field on a fixed name: a bucket's location (a function moved to another region)", async () => {
      const eu = await fnPlan("hello", gcpOptions(), "gcp:europe-west1");
      const us = await fnPlan("hello", gcpOptions(), "gcp:us-central1");
      const [a, b] = [getResource(eu, BUCKET), getResource(us, BUCKET)];
      assert.notStrictEqual(a.inputs.location, b.inputs.location);
      assert.ok(
        b.deleteBeforeReplace || (!b.ignoreChanges.includes("name") && a.inputs.name !== b.inputs.name),
        "bucket replaced under its own name",
      );
    });
  });

  describe("derived names within their fields", () => {
    // Service account ids: 6-30 characters, [a-z]([-a-z0-9]*[a-z0-9])
    // (https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/create).
    for (const [project, stack, name] of [
      ["p", "s", "f"],
      ["a-rather-long-project-name", "staging-europe", "a-long-function-name"],
    ] as const) {
      it(`service account ids for project ${project}, stack ${stack}, name ${name}`, async () => {
        const plan = await recordPlan(
          () => {
            const fn = new ServerlessFunction(name, { target: "gcp:europe-west1", entry: ENTRY });
            new ApiGateway(`${name}-api`, { target: "gcp:europe-west1", routes: { "GET /": fn } });
          },
          { ...gcpOptions(), project, stack },
        );
        for (const sa of findResources(plan, "gcp:serviceaccount/account:Account")) {
          const id = String(sa.inputs.accountId);
          assert.ok(id.length >= 6 && id.length <= 30 && /^[a-z]([-a-z0-9]*[a-z0-9])$/.test(id), `${sa.name}: ${id}`);
        }
      });
    }

    it("Compute names of a long service in a long region name stay RFC 1035 ≤ 63", async () => {
      const plan = await recordPlan(
        () => {
          new MultiRegionService("customer-facing-storefront-api", {
            regions: ["gcp:northamerica-northeast1", "gcp:australia-southeast1"],
            container: { image: IMAGE, port: 8080 },
            routing: { strategy: "weighted", dns: { provider: "route53", zone: "example.com", record: "www" } },
          });
        },
        { ...gcpOptions({ "aws:region": "us-east-1" }), stack: "production-blue" },
      );
      for (const r of plan.resources.filter((x) => x.type.startsWith("gcp:compute/")))
        if (r.inputs.name !== undefined) assertRfc1035(r.inputs.name, r.type);
      // Cloud Run service names: letters, digits and '-', beginning with a letter, at most 63 (the API's
      // INVALID_ARGUMENT text quoted in jamesward/cloud-run-button#4).
      for (const s of findResources(plan, "gcp:cloudrunv2/service:Service"))
        assertRfc1035(s.inputs.name, "Cloud Run service");
    });

    it("Cloud Run probes stay within their fields for the longest health-check interval", async () => {
      // periodSeconds: "Maximum value for liveness probe is 3600. Maximum value for startup probe is 240. Must be
      // greater or equal than timeout_seconds" (https://cloud.google.com/run/docs/reference/rest/v2/Container#probe).
      const { plan, error } = await tryRecordPlan(
        () => {
          new MultiRegionService("web", {
            regions: ["gcp:us-central1"],
            container: { image: IMAGE, port: 8080 },
            healthCheck: { path: "/healthz", intervalSeconds: 300, timeoutSeconds: 60, failureThreshold: 10 },
            routing: { strategy: "latency", dns: { provider: "route53", zone: "example.com", record: "www" } },
          });
        },
        gcpOptions({ "aws:region": "us-east-1" }),
      );
      if (error) return assertConfigError(error, "healthCheck.intervalSeconds", plan);
      const container = (
        getResource(plan, "gcp:cloudrunv2/service:Service").inputs.template as {
          containers: Record<string, Record<string, number>>[];
        }
      ).containers[0];
      const startup = container.startupProbe;
      if (startup) {
        assert.ok(
          startup.periodSeconds <= 240 && startup.periodSeconds >= (startup.timeoutSeconds ?? 1),
          JSON.stringify(startup),
        );
      }
      const liveness = container.livenessProbe;
      if (liveness)
        assert.ok(liveness.periodSeconds <= 3600 && liveness.periodSeconds >= (liveness.timeoutSeconds ?? 1));
    });
  });

  describe("item 14 (Google part): logs kept longer than 30 days are stored once", () => {
    // Logs go to every sink whose filter matches them, `_Default` included, until its exclusion filters leave them
    // out (https://cloud.google.com/logging/docs/routing/overview#sinks, #exclusions).
    it("a log bucket with the retention, a sink into it, and an exclusion of the same logs from _Default", async () => {
      const plan = await recordPlan(() => {
        new ServerlessFunction("hello", { target: "gcp:europe-west1", entry: ENTRY, url: true, logRetentionDays: 400 });
      }, gcpOptions());
      const bucket = getResource(plan, "gcp:logging/projectBucketConfig:ProjectBucketConfig");
      assert.strictEqual(bucket.inputs.retentionDays, 400);
      const sink = getResource(plan, "gcp:logging/projectSink:ProjectSink");
      const exclusions = plan.resources.filter(
        (r) => /exclusion/i.test(r.type) || (r.type.includes("projectSink") && r.name !== sink.name),
      );
      assert.ok(exclusions.length > 0, `no exclusion from _Default: ${plan.resources.map((r) => r.type).join(", ")}`);
      assert.ok(
        exclusions.some((e) =>
          String(e.inputs.filter ?? JSON.stringify(e.inputs)).includes(String(sink.inputs.filter).slice(0, 20)),
        ),
      );
    });
  });
});
