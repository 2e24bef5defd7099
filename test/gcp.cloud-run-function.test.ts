import * as assert from "node:assert/strict";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { ApiGateway, ConfigError, ServerlessFunction } from "../lib";
import { deterministicTarGz } from "../lib/bundling/tar";
import { packageFunction } from "../lib/bundling";
import { checkPlan, formatViolation } from "../lib/policy";
import { Plan, dependsOn, findResources, getResource, recordPlan, tryRecordPlan } from "../lib/testing";
import { CONFIG, ENTRY, noSecretInPlan, program } from "./support/function-program";

const RUN = { gcp: { platform: "cloud-run" } };
const SERVICE = "gcp:cloudrunv2/service:Service";

/**
 * ServerlessFunction `gcp.platform: "cloud-run"` (issue 15 item 7): a function with `url` made public the way Google
 * recommends and Domain Restricted Sharing allows — a Cloud Run service with the invoker IAM check disabled
 * (https://cloud.google.com/run/docs/authenticating/public#disable-invoker), never an `allUsers` grant, which
 * `iam.allowedPolicyMemberDomains` refuses (https://cloud.google.com/resource-manager/docs/organization-policy/restricting-domains).
 * Cloud Functions v2 has no such field (hashicorp/terraform-provider-google#23360), and a Cloud Run service's
 * `buildConfig` starts no build (hashicorp/terraform-provider-google#22263), so the bundle is deployed without a build:
 * `sourceCode.cloudStorageSource` + `baseImageUri` + a command, `image: "scratch"` (the provider's "Cloudrunv2 Service
 * Zip Deploy" example, https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/cloud_run_v2_service;
 * firebase/firebase-tools src/deploy/functions/release/fabricator.ts).
 */
describe("ServerlessFunction on Google Cloud Run without a build (gcp.platform cloud-run)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      program("gcp:europe-west1", {
        ...RUN,
        triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(15 minutes)" }],
      }),
      { config: CONFIG },
    );
  });

  it("url: one Cloud Run service with the invoker IAM check disabled, labelled public, and no allUsers grant", () => {
    const services = findResources(plan, SERVICE);
    assert.equal(services.length, 1);
    const s = services[0].inputs as any;
    assert.equal(s.invokerIamDisabled, true);
    assert.equal(s.ingress, "INGRESS_TRAFFIC_ALL");
    assert.equal(s.labels["meridian-access"], "public");
    // The provider's deletion protection is on by default (it would make `pulumi destroy` fail).
    assert.equal(s.deletionProtection, false);
    const everyone = findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter((m) =>
      ["allUsers", "allAuthenticatedUsers"].includes((m.inputs as any).member),
    );
    assert.deepEqual(everyone, []);
    assert.equal(findResources(plan, "gcp:cloudfunctionsv2/function:Function").length, 0);
  });

  it("runs the bundle from a tar.gz in the private source bucket on the region's Node.js base image", () => {
    const c = (getResource(plan, SERVICE).inputs as any).template.containers[0];
    assert.equal(c.image, "scratch");
    // REGION-docker.pkg.dev/serverless-runtimes/STACK/runtimes/RUNTIME_ID; Node.js 22 is on Ubuntu 22.04 (google-22):
    // https://cloud.google.com/docs/buildpacks/base-images
    assert.equal(c.baseImageUri, "europe-west1-docker.pkg.dev/serverless-runtimes/google-22/runtimes/nodejs22");
    assert.deepEqual([c.commands, c.args], [["node"], ["index.js"]]);
    const object = getResource(plan, "gcp:storage/bucketObject:BucketObject").inputs as any;
    assert.match(object.name, /^function-[0-9a-f]{64}\.tar\.gz$/);
    assert.equal(c.sourceCode.cloudStorageSource.object, object.name);
    assert.equal(c.sourceCode.cloudStorageSource.bucket, object.bucket);
    assert.equal(typeof c.sourceCode.cloudStorageSource.generation, "string");
    const bucket = getResource(plan, "gcp:storage/bucket:Bucket").inputs as any;
    assert.equal(bucket.publicAccessPrevention, "enforced");
  });

  it("secrets are Secret Manager references the service may read, granted before it exists; none in clear", () => {
    const service = getResource(plan, SERVICE);
    const envs = (service.inputs as any).template.containers[0].envs;
    assert.deepEqual(envs[0], { name: "GREETING", value: "hi" });
    const secret = envs.find((e: any) => e.name === "API_KEY");
    assert.equal(secret.value, undefined);
    assert.ok(secret.valueSource.secretKeyRef.secret, "a secret reference");
    const accessor = getResource(plan, "gcp:secretmanager/secretIamMember:SecretIamMember");
    assert.equal((accessor.inputs as any).role, "roles/secretmanager.secretAccessor");
    assert.ok(dependsOn(plan, service, accessor), "the accessor grant exists before the first revision starts");
    noSecretInPlan(plan);
  });

  it("schedules call the service with OIDC; the scheduler's account may invoke that service only", () => {
    const service = getResource(plan, SERVICE).inputs as any;
    const invoker = findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").find(
      (m) => m.name === "hello-scheduler-invoker",
    )!;
    assert.equal((invoker.inputs as any).name, service.name);
    const job = getResource(plan, "gcp:cloudscheduler/job:Job").inputs as any;
    assert.match(job.httpTarget.uri, /\.run\.app\/__meridian\/schedule$/);
    assert.ok(job.httpTarget.oidcToken.serviceAccountEmail);
  });

  it("enables Cloud Run, not Cloud Functions or Cloud Build, and passes the policy pack", () => {
    const apis = findResources(plan, "gcp:projects/service:Service").map((r) => (r.inputs as any).service);
    assert.ok(apis.includes("run.googleapis.com"));
    assert.ok(!apis.includes("cloudfunctions.googleapis.com") && !apis.includes("cloudbuild.googleapis.com"));
    assert.deepEqual(checkPlan(plan).map(formatViolation), []);
  });

  it("without url the invoker IAM check stays on and nothing is public", async () => {
    const p = await recordPlan(program("gcp:europe-west1", { ...RUN, url: false }), { config: CONFIG });
    const s = getResource(p, SERVICE).inputs as any;
    assert.equal(s.invokerIamDisabled, false);
    assert.equal(s.labels["meridian-access"], undefined);
    assert.equal(findResources(p, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").length, 0);
    assert.deepEqual(checkPlan(p).map(formatViolation), []);
    assert.match(String(p.outputs.invokeCommand), /print-identity-token/);
  });

  it("sizes CPU by memory as Cloud Run requires, and uses the first generation below 512 MiB", async () => {
    // More than 4 GiB needs 2 vCPU, more than 8 GiB 4, more than 16 GiB 6, more than 24 GiB 8; below 512 MiB the first generation
    // execution environment (https://cloud.google.com/run/docs/configuring/services/memory-limits).
    const cases: [number, string, string | undefined][] = [
      [256, "1", "EXECUTION_ENVIRONMENT_GEN1"],
      [512, "1", undefined],
      [4096, "1", undefined],
      [8192, "2", undefined],
      [16384, "4", undefined],
      [20480, "6", undefined],
      [32768, "8", undefined],
    ];
    for (const [memoryMb, cpu, environment] of cases) {
      const p = await recordPlan(program("gcp:europe-west1", { ...RUN, memoryMb }), { config: CONFIG });
      const template = (getResource(p, SERVICE).inputs as any).template;
      assert.deepEqual(template.containers[0].resources.limits, { cpu, memory: `${memoryMb}Mi` }, String(memoryMb));
      assert.equal(template.executionEnvironment, environment, String(memoryMb));
    }
  });

  it("Node.js 24 runs on the google-24 stack (Ubuntu 24.04)", async () => {
    const p = await recordPlan(program("gcp:us-central1", { ...RUN, runtime: "nodejs24" }), { config: CONFIG });
    const c = (getResource(p, SERVICE).inputs as any).template.containers[0];
    assert.equal(c.baseImageUri, "us-central1-docker.pkg.dev/serverless-runtimes/google-24/runtimes/nodejs24");
  });

  it("transform.cloudRunService changes the service", async () => {
    const p = await recordPlan(
      program("gcp:europe-west1", { ...RUN, transform: { cloudRunService: { description: "mine" } } }),
      { config: CONFIG },
    );
    assert.equal((getResource(p, SERVICE).inputs as any).description, "mine");
  });

  it("an ApiGateway reaches it like a Cloud Functions function: invoker grant on the service, its URI as backend", async () => {
    const p = await recordPlan(
      () => {
        const fn = new ServerlessFunction("users", { target: "gcp:europe-west1", entry: ENTRY, ...RUN } as never);
        new ApiGateway("api", { target: "gcp:europe-west1", routes: { "GET /users": fn } } as never);
      },
      { config: CONFIG },
    );
    const service = getResource(p, SERVICE).inputs as any;
    const grant = findResources(p, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").find(
      (m) => (m.inputs as any).name === service.name,
    );
    assert.ok(grant, "the gateway's account may invoke the service");
    const config = getResource(p, "gcp:apigateway/apiConfig:ApiConfig").inputs as any;
    const doc = Buffer.from(config.openapiDocuments[0].document.contents, "base64").toString();
    const swagger = JSON.parse(doc);
    const backends = JSON.stringify(swagger.paths);
    assert.ok(backends.includes("https://meridian-dev-users-run-"), backends);
  });
});

describe("the default Google platform: Cloud Run for a public portable handler, Cloud Functions otherwise", () => {
  const platformOf = async (args: Record<string, unknown>) => {
    const p = await recordPlan(() => {
      new ServerlessFunction("f", { target: "gcp:europe-west1", ...args } as never);
    });
    return findResources(p, SERVICE).length === 1 ? "cloud-run" : "cloud-functions";
  };
  it("url with an entry: Cloud Run (Domain Restricted Sharing is on in organisations created since May 2024)", async () => {
    // https://cloud.google.com/resource-manager/docs/secure-by-default-organizations
    assert.equal(await platformOf({ entry: ENTRY, url: true }), "cloud-run");
  });
  it("a private function, a code directory, and a queue stay on Cloud Functions", async () => {
    assert.equal(await platformOf({ entry: ENTRY }), "cloud-functions");
    assert.equal(await platformOf({ entry: ENTRY, triggers: [{ type: "queue" }] }), "cloud-functions");
    const code = {
      code: path.join(__dirname, "fixtures", "function-python"),
      handler: "handler",
      runtime: "python312",
    };
    assert.equal(await platformOf({ ...code, url: true }), "cloud-functions");
  });
  it("an explicit platform is kept", async () => {
    assert.equal(
      await platformOf({ entry: ENTRY, url: true, gcp: { platform: "cloud-functions" } }),
      "cloud-functions",
    );
    assert.equal(await platformOf({ entry: ENTRY, gcp: { platform: "cloud-run" } }), "cloud-run");
  });
});

describe("gcp.platform is refused where it cannot deploy, before anything is registered", () => {
  const base = { target: "gcp:europe-west1", entry: ENTRY };
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["an unknown platform", { gcp: { platform: "app-engine" } }, "gcp.platform", /"cloud-functions", "cloud-run"/],
    ["an unknown gcp key", { gcp: { runtimeImage: "x" } }, "gcp.runtimeImage", /allowed: platform/],
    [
      "gcp settings off Google Cloud",
      { target: "aws:us-east-1", gcp: { platform: "cloud-run" } },
      "gcp",
      /aws:us-east-1/,
    ],
    [
      "cloud-run with a code directory (no build installs its dependencies)",
      {
        entry: undefined,
        code: path.join(__dirname, "fixtures", "function-python"),
        handler: "handler",
        runtime: "python312",
        ...RUN,
      },
      "gcp.platform",
      /portable entry/,
    ],
    ["cloud-run with a queue trigger", { ...RUN, triggers: [{ type: "queue" }] }, "gcp.platform", /queue/],
    [
      "a Cloud Functions child transformed on cloud-run",
      { ...RUN, transform: { function: { description: "x" } } },
      "transform.function",
      /cloudRunService/,
    ],
    [
      // A url function on an entry used to deploy to Cloud Functions; with "cloud-run" now its default, a program that
      // transforms the Cloud Functions children is refused: the message says how to keep the old platform.
      "a url function's Cloud Functions child when the platform was not given",
      { url: true, transform: { function: { description: "x" } } },
      "transform.function",
      /"function" is a child of gcp\.platform "cloud-functions": set gcp: \{ platform: "cloud-functions" \}/,
    ],
    [
      "the Cloud Run child transformed on cloud-functions",
      { transform: { cloudRunService: { description: "x" } } },
      "transform.cloudRunService",
      /gcp\.platform "cloud-functions"/,
    ],
  ];
  for (const [title, override, field, pattern] of cases) {
    it(`refuses ${title}`, async () => {
      const rec = await tryRecordPlan(() => {
        new ServerlessFunction("api", { ...base, ...override } as never);
      });
      assert.ok(rec.error instanceof ConfigError, `expected ConfigError, got ${rec.error}`);
      assert.equal(rec.error.field, field, rec.error.message);
      assert.match(rec.error.message, pattern);
      assert.equal(rec.plan.resources.length, 0);
    });
  }
});

describe("the Cloud Run bundle is its own HTTP server (Cloud Run's container contract)", function () {
  this.timeout(60_000);
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(() => {
    child?.kill("SIGKILL");
    child = undefined;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Packages the fixture for Cloud Run and unpacks the tar.gz into a folder of its own, as Cloud Run would. */
  function unpackedBundle(): string {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-cloud-run-"));
    const pkg = packageFunction({
      cloud: "gcp",
      source: { kind: "entry", entry: ENTRY },
      platformFiles: [],
      layout: "gcp-cloud-run",
      archive: "tar.gz",
      component: "test",
      outDir: dir,
    });
    const unpacked = path.join(dir, "app");
    fs.mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", pkg.path, "-C", unpacked]);
    return unpacked;
  }

  /** Starts `node index.js` there with `env` and a free $PORT; resolves to its base URL once it answers. */
  async function serve(cwd: string, env: Record<string, string>): Promise<string> {
    const port = await freePort();
    // The container contract: listen on $PORT (https://cloud.google.com/run/docs/container-contract#port).
    child = spawn(process.execPath, ["index.js"], {
      cwd,
      env: { PATH: process.env.PATH, PORT: String(port), ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(base);
    return base;
  }

  /** A POST to the schedule path carrying the trigger header: the response, whose body says what the handler saw. */
  const postSchedule = (base: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/__meridian/schedule`, {
      method: "POST",
      headers: { "x-meridian-trigger": "schedule", ...headers },
      body: "{}",
    });

  it("the tar.gz unpacks to index.js, which serves the handler on $PORT and stops on SIGTERM", async () => {
    const unpacked = unpackedBundle();
    assert.deepEqual(fs.readdirSync(unpacked), ["index.js"]);
    const base = await serve(unpacked, { GREETING: "hi" });

    const get = await fetch(`${base}/hello?x=1`, { headers: { cookie: "c=1" } });
    assert.equal(get.status, 200);
    const body = (await get.json()) as any;
    assert.deepEqual(
      [body.method, body.path, body.query, body.cookie, body.greeting],
      ["GET", "/hello", "?x=1", "c=1", "hi"],
    );
    assert.equal(get.headers.getSetCookie().length, 2);

    const post = await fetch(`${base}/created`, { method: "POST", body: "payload" });
    assert.equal(post.status, 201);
    assert.equal(((await post.json()) as any).body, "payload");

    // The trigger marker is never trusted from outside a schedule path.
    const spoofed = await fetch(`${base}/x`, { headers: { "x-meridian-trigger": "schedule" } });
    assert.equal(((await spoofed.json()) as any).trigger, null);

    // No MERIDIAN_SCHEDULER_EMAIL: the function has no schedule, so nothing is one.
    const schedule = await postSchedule(base);
    assert.equal(((await schedule.json()) as any).trigger, null);

    const boom = await fetch(`${base}/boom`);
    assert.equal(boom.status, 500);
    assert.ok(!(await boom.text()).includes("boom"), "the error message does not leak");

    const binary = await fetch(`${base}/binary`);
    assert.deepEqual([...new Uint8Array(await binary.arrayBuffer())], [0, 1, 2, 255]);

    const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
    child!.kill("SIGTERM");
    assert.equal(await exited, 0, "Cloud Run's SIGTERM closes the server and the process exits");
  });

  it("public with schedules: a schedule request without the scheduler's token is an ordinary request", async () => {
    const base = await serve(unpackedBundle(), { MERIDIAN_SCHEDULER_EMAIL: "sched@p.iam.gserviceaccount.com" });
    const spoofed = await postSchedule(base);
    assert.equal(spoofed.status, 200);
    assert.equal(((await spoofed.json()) as any).trigger, null, "no token: the trigger marker is dropped");
  });

  it("private with schedules: the scheduler's verified token (signature removed by Cloud Run) is a schedule, another account's is not", async () => {
    const email = "sched@p.iam.gserviceaccount.com";
    const base = await serve(unpackedBundle(), { MERIDIAN_SCHEDULER_EMAIL: email, MERIDIAN_SCHEDULER_CHECK: "claims" });
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const verified = (who: string) =>
      `${b64({ alg: "RS256", kid: "k" })}.${b64({
        iss: "https://accounts.google.com",
        aud: base,
        email: who,
        email_verified: true,
        exp: Math.floor(Date.now() / 1000) + 600,
      })}.SIGNATURE_REMOVED_BY_GOOGLE`;
    const send = async (who?: string) => {
      const response = await postSchedule(base, who ? { authorization: `Bearer ${verified(who)}` } : {});
      return ((await response.json()) as any).trigger;
    };
    assert.equal(await send(email), "schedule");
    assert.equal(await send("api-gw@p.iam.gserviceaccount.com"), null, "an ApiGateway's token is not the scheduler's");
    assert.equal(await send(), null);
  });

  it("the archive is deterministic: sorted entries, mode 0644, mtime 0, no gzip timestamp", () => {
    const entries = [
      { path: "b.js", data: Buffer.from("b") },
      { path: "a/" + "d".repeat(120) + "/x.js", data: Buffer.from("long") },
      { path: "index.js", data: Buffer.alloc(1000, 1) },
    ];
    const one = deterministicTarGz(entries);
    assert.deepEqual(deterministicTarGz([...entries].reverse()), one);
    assert.equal(one.readUInt32LE(4), 0, "gzip MTIME is zero");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-tar-"));
    const file = path.join(dir, "a.tar.gz");
    fs.writeFileSync(file, one);
    const listing = execFileSync("tar", ["-tvzf", file], { env: { ...process.env, TZ: "UTC", LC_ALL: "C" } })
      .toString()
      .trim()
      .split("\n");
    assert.equal(listing.length, 3);
    for (const line of listing) assert.match(line, /^-rw-r--r-- 0\/0 .*1970-01-01 00:00/);
    assert.match(listing[0], /a\/d{120}\/x\.js$/);
    const out = path.join(dir, "out");
    fs.mkdirSync(out);
    execFileSync("tar", ["-xzf", file, "-C", out]);
    assert.equal(fs.readFileSync(path.join(out, "index.js")).length, 1000);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nothing listened on ${url}`);
}
