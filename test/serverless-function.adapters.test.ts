import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { azureFunctionFiles } from "../lib/azure/function-files";
import { bundleFunction, clearBundleCache, deterministicZip, packageFunction } from "../lib/bundling";
import { Cloud } from "../lib/core/placement";

const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
// TypeScript compiles `import()` to `require()` under CommonJS; ESM bundles need the real thing.
const importEsm = new Function("url", "return import(url)") as (url: string) => Promise<any>;

function writeBundle(cloud: Cloud, stubs: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `meridian-adapter-${cloud}-`));
  const bundle = bundleFunction({ entry: ENTRY, cloud });
  fs.writeFileSync(path.join(dir, bundle.fileName), bundle.code);
  for (const [file, text] of Object.entries(stubs)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return path.join(dir, bundle.fileName);
}

describe("bundling", () => {
  it("is deterministic and cached by content", () => {
    clearBundleCache();
    for (const cloud of ["aws", "gcp", "azure", "cloudflare"] as const) {
      const first = bundleFunction({ entry: ENTRY, cloud });
      assert.equal(
        bundleFunction({ entry: ENTRY, cloud }),
        first,
        "second build of the same input is served from the cache",
      );
      clearBundleCache();
      const rebuilt = bundleFunction({ entry: ENTRY, cloud });
      assert.equal(rebuilt.code, first.code);
      assert.equal(rebuilt.sha256, first.sha256);
      assert.ok(!rebuilt.code.includes(__dirname), "no absolute paths in the bundle");
    }
  });

  it("keeps the adapter overhead under 5 KB per cloud", () => {
    for (const cloud of ["aws", "gcp", "azure", "cloudflare"] as const) {
      const wrapped = bundleFunction({ entry: ENTRY, cloud }).code.length;
      const plain = bundleFunction({ entry: ENTRY, cloud, adapter: false }).code.length;
      assert.ok(wrapped - plain < 5 * 1024, `${cloud} adapter adds ${wrapped - plain} bytes`);
    }
  });

  it("packages deterministic zips named by content", () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-pkg-"));
    const a = packageFunction({
      cloud: "azure",
      source: { kind: "entry", entry: ENTRY },
      platformFiles: azureFunctionFiles({ timeoutSeconds: 30 }),
      component: "t",
      outDir,
    });
    const b = packageFunction({
      cloud: "azure",
      source: { kind: "entry", entry: ENTRY },
      platformFiles: azureFunctionFiles({ timeoutSeconds: 30 }),
      component: "t",
      outDir,
    });
    assert.equal(a.hash, b.hash);
    assert.ok(a.path.endsWith(`function-${a.hash.slice(0, 20)}.zip`));
    const zip = fs.readFileSync(a.path);
    assert.ok(zip.includes(Buffer.from("host.json")) && zip.includes(Buffer.from("package.json")));
    const z1 = deterministicZip([
      { path: "b.txt", data: Buffer.from("b") },
      { path: "a.txt", data: Buffer.from("a") },
    ]);
    const z2 = deterministicZip([
      { path: "a.txt", data: Buffer.from("a") },
      { path: "b.txt", data: Buffer.from("b") },
    ]);
    assert.deepEqual(z1, z2);
  });
});

describe("AWS Lambda adapter", () => {
  let handler: (event: unknown) => Promise<any>;
  before(async () => {
    const file = writeBundle("aws", {
      "node_modules/@aws-sdk/client-secrets-manager/package.json": JSON.stringify({
        name: "@aws-sdk/client-secrets-manager",
        type: "module",
        exports: "./index.js",
      }),
      "node_modules/@aws-sdk/client-secrets-manager/index.js": `export class GetSecretValueCommand { constructor(input) { this.input = input; } }
export class SecretsManagerClient { async send(cmd) { if (cmd.input.SecretId !== "arn:aws:secretsmanager:us-east-1:123:secret:x") throw new Error("wrong arn"); return { SecretString: JSON.stringify({ API_KEY: "from-secrets-manager" }) }; } }`,
    });
    process.env.MERIDIAN_SECRETS_ARN = "arn:aws:secretsmanager:us-east-1:123:secret:x";
    handler = (await importEsm(pathToFileURL(file).href)).handler;
  });
  after(() => {
    delete process.env.MERIDIAN_SECRETS_ARN;
    delete process.env.API_KEY;
  });

  it("answers an HTTP API v2 event (cookies, query, base64 body) and resolves secrets at cold start", async () => {
    const res = await handler({
      version: "2.0",
      routeKey: "$default",
      rawPath: "/created",
      rawQueryString: "a=1&a=2",
      cookies: ["session=abc", "theme=dark"],
      headers: {
        host: "abc.execute-api.us-east-1.amazonaws.com",
        accept: "application/json",
        "x-meridian-trigger": "schedule",
      },
      requestContext: {
        domainName: "abc.execute-api.us-east-1.amazonaws.com",
        http: { method: "POST", path: "/created" },
      },
      body: Buffer.from("héllo").toString("base64"),
      isBase64Encoded: true,
    });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers["content-type"], "application/json");
    assert.equal(res.headers["x-powered-by"], "meridian");
    assert.deepEqual(res.cookies, ["a=1; Path=/; HttpOnly", "b=2; Path=/; Secure"]);
    assert.equal(res.isBase64Encoded, false);
    const body = JSON.parse(res.body);
    assert.deepEqual(body, {
      method: "POST",
      path: "/created",
      query: "?a=1&a=2",
      cookie: "session=abc; theme=dark",
      accept: "application/json",
      trigger: null,
      greeting: null,
      secret: "present",
      body: "héllo",
    });
  });

  it("answers a REST v1 event with multi-value headers", async () => {
    const res = await handler({
      httpMethod: "GET",
      path: "/x",
      multiValueHeaders: { accept: ["text/html", "application/json"] },
      multiValueQueryStringParameters: { q: ["1", "2"] },
      body: null,
      isBase64Encoded: false,
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.multiValueHeaders["set-cookie"], ["a=1; Path=/; HttpOnly", "b=2; Path=/; Secure"]);
    const body = JSON.parse(res.body);
    assert.equal(body.accept, "text/html, application/json");
    assert.equal(body.query, "?q=1&q=2");
  });

  it("base64-encodes binary responses and turns exceptions into 500", async () => {
    const bin = await handler({
      version: "2.0",
      rawPath: "/binary",
      rawQueryString: "",
      headers: {},
      requestContext: { http: { method: "GET" } },
    });
    assert.equal(bin.isBase64Encoded, true);
    assert.deepEqual([...Buffer.from(bin.body, "base64")], [0, 1, 2, 255]);
    const log = console.error;
    console.error = () => undefined;
    const boom = await handler({
      version: "2.0",
      rawPath: "/boom",
      rawQueryString: "",
      headers: {},
      requestContext: { http: { method: "GET" } },
    }).finally(() => {
      console.error = log;
    });
    assert.equal(boom.statusCode, 500);
    assert.equal(boom.body, "Internal Server Error");
  });

  it("delivers SQS batches and schedules to the portable handler", async () => {
    const sqs = await handler({ Records: [{ messageId: "m1", body: '{"n":1}', eventSource: "aws:sqs" }] });
    assert.deepEqual(sqs, { batchItemFailures: [] });
    const sched = await handler({ meridian: "schedule", function: "hello", schedule: "rate(5 minutes)" });
    assert.deepEqual(sched, { status: 200 });
  });
});

describe("Google Cloud Functions adapter", () => {
  let handler: (req: unknown, res?: unknown) => Promise<void>;
  before(() => {
    handler = require(writeBundle("gcp")).handler;
  });

  function mockRes() {
    const res = {
      statusCode: 0,
      headers: {} as Record<string, unknown>,
      body: Buffer.alloc(0),
      setHeader(k: string, v: unknown) {
        res.headers[k] = v;
      },
      end(b?: Uint8Array) {
        res.body = Buffer.from(b ?? []);
      },
    };
    return res;
  }

  it("answers an Express-style request", async () => {
    const res = mockRes();
    await handler(
      {
        method: "PUT",
        url: "/created?x=1",
        originalUrl: "/created?x=1",
        headers: { host: "fn-abc.a.run.app", cookie: "s=1", accept: "*/*", "x-meridian-trigger": "queue" },
        rawBody: Buffer.from("payload"),
        body: {},
      },
      res,
    );
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers["content-type"], "application/json");
    assert.deepEqual(res.headers["set-cookie"], ["a=1; Path=/; HttpOnly", "b=2; Path=/; Secure"]);
    const body = JSON.parse(res.body.toString());
    assert.equal(body.method, "PUT");
    assert.equal(body.query, "?x=1");
    assert.equal(body.body, "payload");
    assert.equal(body.cookie, "s=1");
    assert.equal(body.trigger, null, "an external request cannot pose as a trigger");
  });

  it("delivers a Pub/Sub CloudEvent as a queue request", async () => {
    await handler({
      id: "1",
      type: "google.cloud.pubsub.topic.v1.messagePublished",
      data: { message: { data: Buffer.from('{"n":1}').toString("base64"), messageId: "9" } },
    });
  });
});

describe("Azure Functions adapter (v4 programming model)", () => {
  const registered: Record<string, { metadata: any; callback: (...a: unknown[]) => unknown }> = {};
  let model: any;
  before(() => {
    process.env.MERIDIAN_HTTP_AUTH = "anonymous";
    process.env.MERIDIAN_SCHEDULE_0 = "0 */5 * * * *";
    process.env.MERIDIAN_QUEUE_NAME = "q";
    (globalThis as any).__azureCore = {
      registered,
      setModel: (m: unknown) => {
        model = m;
      },
    };
    const file = writeBundle("azure", {
      "node_modules/@azure/functions-core/index.js": `module.exports = { setProgrammingModel: (m) => globalThis.__azureCore.setModel(m), registerFunction: (metadata, callback) => { globalThis.__azureCore.registered[metadata.name] = { metadata, callback }; } };`,
    });
    require(file);
  });
  after(() => {
    delete process.env.MERIDIAN_HTTP_AUTH;
    delete process.env.MERIDIAN_SCHEDULE_0;
    delete process.env.MERIDIAN_QUEUE_NAME;
  });

  it("registers a catch-all anonymous HTTP route, a timer and a queue trigger", () => {
    const http = registered.http.metadata.bindings;
    assert.equal(http.req.type, "httpTrigger");
    assert.equal(http.req.route, "{*path}");
    assert.equal(http.req.authLevel, "anonymous");
    assert.equal(http.$return.type, "http");
    assert.equal(registered.schedule0.metadata.bindings.timer.schedule, "%MERIDIAN_SCHEDULE_0%");
    assert.equal(registered.queue.metadata.bindings.message.queueName, "%MERIDIAN_QUEUE_NAME%");
  });

  async function invoke(name: string, data: unknown) {
    const ctx = { invocationId: "inv-1", metadata: { name }, request: { inputData: [{ name: "req", data }] } };
    const im = model.getInvocationModel(ctx);
    const { context, inputs } = await im.getArguments();
    const result = await im.invokeFunction(context, inputs, registered[name].callback);
    return im.getResponse(context, result);
  }

  it("answers the worker's HTTP request shape", async () => {
    const response = await invoke("http", {
      http: {
        method: "POST",
        url: "https://app.azurewebsites.net/created?z=9",
        nullableHeaders: { "content-type": { value: "text/plain" }, cookie: { value: "k=v" } },
        body: { bytes: new Uint8Array(Buffer.from("azure-body")) },
      },
    });
    assert.equal(response.invocationId, "inv-1");
    const http = response.returnValue.http;
    assert.equal(http.statusCode, "201");
    assert.equal(http.headers["content-type"], "application/json");
    assert.deepEqual(
      http.cookies.map((c: any) => c.name),
      ["a", "b"],
    );
    assert.deepEqual(http.cookies[0].httpOnly, { value: true });
    const body = JSON.parse(http.body.string);
    assert.equal(body.path, "/created");
    assert.equal(body.query, "?z=9");
    assert.equal(body.body, "azure-body");
    assert.equal(body.cookie, "k=v");
  });

  it("runs timer and queue deliveries", async () => {
    await invoke("schedule0", { json: JSON.stringify({ isPastDue: false }) });
    await invoke("queue", { string: '{"n":1}' });
  });
});

describe("Cloudflare Workers adapter", () => {
  let worker: any;
  before(async () => {
    worker = (await importEsm(pathToFileURL(writeBundle("cloudflare")).href)).default;
  });

  it("answers a fetch Request and exposes text bindings as process.env", async () => {
    const res: Response = await worker.fetch(
      new Request("https://hello.team.workers.dev/created?q=1", {
        method: "POST",
        body: "cf-body",
        headers: { cookie: "c=1", "x-meridian-trigger": "schedule" },
      }),
      { GREETING: "hi from cf", API_KEY: "k" },
      { waitUntil() {} },
    );
    assert.equal(res.status, 201);
    assert.equal(res.headers.get("x-powered-by"), "meridian");
    assert.deepEqual(res.headers.getSetCookie(), ["a=1; Path=/; HttpOnly", "b=2; Path=/; Secure"]);
    const body = (await res.json()) as any;
    assert.equal(body.greeting, "hi from cf");
    assert.equal(body.secret, "present");
    assert.equal(body.body, "cf-body");
    assert.equal(body.trigger, null);
  });

  it("handles cron and queue events", async () => {
    await worker.scheduled({ cron: "*/5 * * * *", scheduledTime: 0 }, {}, { waitUntil() {} });
    const acked: string[] = [];
    await worker.queue(
      {
        queue: "q",
        messages: [{ id: "m1", body: { n: 1 }, ack: () => acked.push("m1"), retry: () => acked.push("retry") }],
      },
      {},
    );
    assert.deepEqual(acked, ["m1"]);
  });
});
