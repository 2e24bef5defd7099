import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, FailoverDns, MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, dependsOn, findResources, getResource, recordPlan, tryRecordPlan } from "../lib/testing";
import { assertApisEnabledFirst, assertConfigError, gcpOptions } from "./support/acceptance-gcp";

/**
 * Issue 15, Google Cloud items 1-9 and 14, checked from the outside: each program is what a user writes with the
 * public API, and each assertion states what Google's documentation (or the named issue) says must hold, the
 * source beside it. Written from docs/*.md and Google's documentation, not from lib/gcp.
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const PYTHON = path.join(__dirname, "fixtures", "function-python");
const IMAGE = "us-docker.pkg.dev/cloudrun/container/hello";
const SERVICE = "gcp:projects/service:Service";

const gcpResources = (plan: Plan) => plan.resources.filter((r) => r.custom && r.type.startsWith("gcp:"));
const enabledApis = (plan: Plan) =>
  findResources(plan, SERVICE).filter((r) => /googleapis\.com$/.test(String(r.inputs.service)));

describe("acceptance, issue 15, Google Cloud", () => {
  describe("item 1: DNS records for an IP address are A records", () => {
    // A CNAME's data is a domain name, never an address (RFC 1034 §3.6.2, https://www.rfc-editor.org/rfc/rfc1034#section-3.6.2);
    // an IPv4 address is an A record (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/ResourceRecordTypes.html).
    // Google's managed certificate provisions only once the name's A record points at the load balancer's address
    // (https://cloud.google.com/load-balancing/docs/ssl-certificates/google-managed-certs#update-dns).
    const isIp = (v: unknown) => /^\d{1,3}(\.\d{1,3}){3}$/.test(String(v));
    const assertNoCnameToIp = (plan: Plan) => {
      for (const r of findResources(plan, "aws:route53/record:Record")) {
        const records = (r.inputs.records as string[] | undefined) ?? [];
        if (records.some(isIp))
          assert.strictEqual(r.inputs.type, "A", `${r.name} points at an IP as ${String(r.inputs.type)}`);
      }
      // A Route 53 check probes `ipAddress` and sends `fullyQualifiedDomainName` as Host/SNI: the FQDN must be a name
      // (https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html).
      for (const hc of findResources(plan, "aws:route53/healthCheck:HealthCheck"))
        assert.ok(!isIp(hc.inputs.fqdn), `${hc.name} probes fqdn ${String(hc.inputs.fqdn)}`);
    };

    it("MultiRegionService on Cloud Run with its name in Route 53: an A record to the LB address", async () => {
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
      const records = findResources(plan, "aws:route53/record:Record");
      assert.ok(records.length > 0);
      assert.ok(records.every((r) => r.inputs.type === "A"));
      assertNoCnameToIp(plan);
    });

    it("the same with `weighted` routing and the `fast` preset", async () => {
      const plan = await recordPlan(
        () => {
          new MultiRegionService("web", {
            regions: ["gcp:us-central1", "gcp:asia-northeast1"],
            container: { image: IMAGE, port: 8080 },
            healthCheck: { path: "/healthz", preset: "fast" },
            routing: { strategy: "weighted", dns: { provider: "route53", zone: "example.com", record: "app" } },
            perRegion: { "gcp:asia-northeast1": { weight: 3 } },
          });
        },
        gcpOptions({ "aws:region": "us-east-1" }),
      );
      assertNoCnameToIp(plan);
      assert.ok(findResources(plan, "aws:route53/record:Record").every((r) => r.inputs.type === "A"));
    });

    it("Google ApiGateway with a domain: an A record in Cloud DNS to the global address", async () => {
      const plan = await recordPlan(() => {
        const fn = new ServerlessFunction("users", { target: "gcp:europe-west1", entry: ENTRY });
        new ApiGateway("api", { target: "gcp:europe-west1", routes: { "GET /users": fn }, domain: "api.example.com" });
      }, gcpOptions());
      const record = getResource(plan, "gcp:dns/recordSet:RecordSet");
      assert.strictEqual(record.inputs.type, "A");
      assert.ok((record.inputs.rrdatas as string[]).every(isIp));
    });

    it("FailoverDns with an output address declared `ipv4`: A record and an IP-address health check", async () => {
      const plan = await recordPlan(
        () => {
          const fn = new ServerlessFunction("probe", { target: "gcp:europe-west1", entry: ENTRY, url: true });
          new FailoverDns("dns", {
            provider: "route53",
            zone: "example.com",
            record: "api",
            strategy: "failover",
            endpoints: [
              { id: "a", address: fn.nativeName.apply(() => "34.120.1.1"), addressKind: "ipv4" },
              { id: "b", address: "34.120.1.2" },
            ],
            healthCheck: { path: "/healthz" },
          });
        },
        gcpOptions({ "aws:region": "us-east-1" }),
      );
      assertNoCnameToIp(plan);
      for (const hc of findResources(plan, "aws:route53/healthCheck:HealthCheck")) assert.ok(isIp(hc.inputs.ipAddress));
    });
  });

  describe("item 1's class on Cloud DNS: an output address must say it is an IP", () => {
    // Cloud DNS routing policies health-check IP addresses only ("externalEndpoints[]: The Internet IP addresses to be
    // health checked", https://cloud.google.com/dns/docs/reference/rest/v1/resourceRecordSets#healthcheckedtargets),
    // and an output without `addressKind` is a hostname (docs/failover-dns.md). Regression: such an output used to
    // land in the A record's health-checked targets as a name.
    const cloudDns = (addressKind?: "ipv4") =>
      tryRecordPlan(() => {
        const fn = new ServerlessFunction("probe", { target: "gcp:europe-west1", entry: ENTRY, url: true });
        new FailoverDns("dns", {
          provider: "gcp-cloud-dns",
          zone: "example.com",
          record: "api",
          strategy: "failover",
          endpoints: [
            { id: "a", address: fn.nativeName.apply(() => "34.120.1.1"), region: "gcp:us-central1", addressKind },
            { id: "b", address: "34.120.1.2", region: "gcp:europe-west1" },
          ],
          healthCheck: { path: "/healthz" },
          gcp: { managedZone: "example-com" },
        });
      }, gcpOptions());

    it("undeclared: a ConfigError on endpoints[0].addressKind before the DNS resources register", async () => {
      const { plan, error } = await cloudDns();
      assert.strictEqual((error as Error | undefined)?.name, "ConfigError");
      assert.strictEqual((error as { field?: string }).field, "endpoints[0].addressKind");
      assert.strictEqual(findResources(plan, "gcp:dns/recordSet:RecordSet").length, 0);
    });

    it("declared ipv4: an A record whose health-checked targets are IP addresses", async () => {
      const { plan, error } = await cloudDns("ipv4");
      assert.ifError(error);
      const record = getResource(plan, "gcp:dns/recordSet:RecordSet");
      assert.strictEqual(record.inputs.type, "A");
      const targets = JSON.stringify(record.inputs.routingPolicy).match(/"externalEndpoints":\[[^\]]*\]/g) ?? [];
      assert.ok(targets.length > 0);
      for (const t of targets)
        assert.match(t, /^"externalEndpoints":\["\d{1,3}(\.\d{1,3}){3}"(,"\d{1,3}(\.\d{1,3}){3}")*\]$/);
    });
  });

  describe("item 2: every API a resource needs is enabled before it", () => {
    // A disabled API fails the first call ("API has not been used in project ... or it is disabled"); APIs are
    // enabled through Service Usage (https://cloud.google.com/service-usage/docs/enable-disable). The API of each
    // resource type is in ./support/acceptance-gcp.ts with its source.
    it("a public Cloud Run function with a schedule, secrets and its own log retention", async () => {
      const plan = await recordPlan(() => {
        new ServerlessFunction("hello", {
          target: "gcp:europe-west1",
          entry: ENTRY,
          url: true,
          secrets: { TOKEN: "s3cret" },
          logRetentionDays: 90,
          triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(5 minutes)" }],
        });
      }, gcpOptions());
      assertApisEnabledFirst(plan);
    });

    it("a Cloud Functions queue consumer (Pub/Sub, Eventarc) and a Python code directory", async () => {
      const plan = await recordPlan(() => {
        new ServerlessFunction("worker", { target: "gcp:us-central1", entry: ENTRY, triggers: [{ type: "queue" }] });
        new ServerlessFunction("py", {
          target: "gcp:us-central1",
          runtime: "python312",
          code: PYTHON,
          handler: "main",
        });
      }, gcpOptions());
      assertApisEnabledFirst(plan);
    });

    it("an ApiGateway with API keys and a custom domain", async () => {
      const plan = await recordPlan(() => {
        const fn = new ServerlessFunction("users", { target: "gcp:europe-west1", entry: ENTRY });
        new ApiGateway("api", {
          target: "gcp:europe-west1",
          routes: { "GET /users": fn },
          auth: { apiKey: true },
          domain: "api.example.com",
        });
      }, gcpOptions());
      assertApisEnabledFirst(plan);
    });

    it("a MultiRegionService with container secrets and log retention, and a Cloud DNS FailoverDns", async () => {
      const plan = await recordPlan(
        () => {
          new MultiRegionService("web", {
            regions: ["gcp:us-central1", "gcp:europe-west1"],
            container: { image: IMAGE, port: 8080, secrets: { DB_PASSWORD: "pw" } },
            logRetentionDays: 60,
            routing: { strategy: "latency", dns: { provider: "route53", zone: "example.com", record: "www" } },
          });
          new FailoverDns("dns", {
            provider: "gcp-cloud-dns",
            zone: "example.com",
            record: "api",
            strategy: "failover",
            endpoints: [
              { id: "a", address: "34.120.1.1", region: "gcp:us-central1" },
              { id: "b", address: "34.120.1.2", region: "gcp:europe-west1" },
            ],
            healthCheck: { path: "/healthz" },
            gcp: { managedZone: "example-com" },
          });
        },
        gcpOptions({ "aws:region": "us-east-1" }),
      );
      assertApisEnabledFirst(plan);
    });

    it("`meridian:gcpEnableApis false` (APIs managed centrally) enables none (docs/deploying.md)", async () => {
      const plan = await recordPlan(
        () => {
          new ServerlessFunction("hello", { target: "gcp:europe-west1", entry: ENTRY, url: true });
        },
        gcpOptions({ "meridian:gcpEnableApis": "false" }),
      );
      assert.deepStrictEqual(enabledApis(plan), []);
      assert.ok(gcpResources(plan).length > 0);
    });
  });

  describe("item 3: builds run as their own service account", () => {
    // A build runs as the default Compute Engine account unless one is given, and that account has no roles where
    // `iam.automaticIamGrantsForDefaultServiceAccounts` is enforced (GoogleCloudPlatform/terraform-google-cloud-functions#129).
    // A custom build account needs Logs Writer, Artifact Registry Writer and read access to the source
    // (https://cloud.google.com/functions/docs/securing/build-custom-sa).
    for (const [label, args] of [
      ["a private portable function", { entry: ENTRY }],
      ["a Python code directory with url", { runtime: "python312", code: PYTHON, handler: "main", url: true }],
      [
        "a public function pinned to cloud-functions",
        { entry: ENTRY, url: true, gcp: { platform: "cloud-functions" } },
      ],
    ] as const) {
      it(label, async () => {
        const plan = await recordPlan(() => {
          new ServerlessFunction("fn", { target: "gcp:europe-west1", ...(args as object) } as never);
        }, gcpOptions());
        const fn = getResource(plan, "gcp:cloudfunctionsv2/function:Function");
        const account = String((fn.inputs.buildConfig as { serviceAccount?: string }).serviceAccount ?? "");
        assert.ok(account && !account.includes("-compute@developer.gserviceaccount.com"), `build account ${account}`);
        const email = account.split("/").pop() as string;
        const grants = plan.resources.filter((r) => r.custom && String(r.inputs.member) === `serviceAccount:${email}`);
        const roles = grants.map((g) => String(g.inputs.role));
        for (const role of ["roles/logging.logWriter", "roles/artifactregistry.writer"])
          assert.ok(roles.includes(role), `${role} missing: ${roles.join(", ")}`);
        assert.ok(
          grants.some(
            (g) =>
              g.type.startsWith("gcp:storage/") && /objectViewer|storage\.admin|objectUser/.test(String(g.inputs.role)),
          ),
          "no read access on the source",
        );
        // The build starts when the function is created: the grants must exist first.
        for (const g of grants) assert.ok(dependsOn(plan, fn, g), `the function does not wait for ${g.name}`);
      });
    }
  });

  describe("item 4: decommissioned runtimes are refused", () => {
    // Node.js 20 is decommissioned on Cloud Run functions on 2026-10-30 (https://cloud.google.com/functions/docs/runtime-support).
    for (const platform of ["cloud-functions", "cloud-run"] as const) {
      it(`nodejs20 on ${platform}: a ConfigError on runtime naming a successor, nothing registered`, async () => {
        const { plan, error } = await tryRecordPlan(() => {
          new ServerlessFunction("old", {
            target: "gcp:europe-west1",
            entry: ENTRY,
            url: true,
            runtime: "nodejs20",
            gcp: { platform },
          });
        }, gcpOptions());
        assertConfigError(error, "runtime", plan);
        assert.match((error as Error).message, /nodejs2[24]/);
      });
    }

    it("the examples deploy no nodejs20 to Google Cloud", async () => {
      const { programFromFile } = await import("../lib/testing");
      for (const example of ["http-api", "serverless-hello"]) {
        const key = example === "http-api" ? "meridian-http-api:target" : "meridian:target";
        const plan = await recordPlan(programFromFile(path.join(__dirname, "..", "examples", example, "index.ts")), {
          ...gcpOptions({ [key]: "gcp:europe-west1" }),
          project: `meridian-${example}`,
          stack: "dev",
        });
        assert.ok(gcpResources(plan).length > 0);
        for (const r of gcpResources(plan)) {
          assert.notStrictEqual(
            (r.inputs.buildConfig as { runtime?: string } | undefined)?.runtime,
            "nodejs20",
            `${example}: ${r.name}`,
          );
          assert.ok(
            !JSON.stringify(r.inputs).includes("runtimes/nodejs20"),
            `${example}: ${r.name} uses the nodejs20 base image`,
          );
        }
      }
    });
  });
});
