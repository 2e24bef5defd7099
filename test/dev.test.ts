import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ApiGateway, ServerlessFunction } from "../lib";
import { main as devMain } from "../lib/cli/dev";
import { DevServer, DevServerError, parseDotenv, RouteTable, startDevServer, verifyBearer } from "../lib/dev";
import { programFromFile } from "../lib/testing";

const ROOT = path.resolve(__dirname, "..");
const HTTP_API = path.join(ROOT, "examples/http-api/index.ts");
const ISSUER = "https://auth.example.com/";
const AUDIENCE = "users-api";
const SECRET = "local-test-secret";

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
function hs256(claims: Record<string, unknown>, secret = SECRET): string {
  const input = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(claims)}`;
  return `${input}.${crypto.createHmac("sha256", secret).update(input).digest("base64url")}`;
}
const now = () => Math.floor(Date.now() / 1000);
const goodClaims = () => ({ iss: ISSUER, aud: AUDIENCE, sub: "u1", exp: now() + 600, iat: now() });

describe("npm run dev: the example users API on loopback (AWS, JWT auth)", function () {
  this.timeout(60_000);
  let server: DevServer;
  const lines: string[] = [];
  const auth = { authorization: `Bearer ${hs256(goodClaims())}` };

  // Kept so that `after` closes the server even when `before` timed out while it was still starting.
  let starting: Promise<DevServer> | undefined;

  before(async () => {
    starting = startDevServer({
      program: programFromFile(HTTP_API),
      record: {
        project: "meridian-http-api",
        stack: "dev",
        config: { target: "aws:us-east-1", jwtIssuer: ISSUER, jwtAudience: AUDIENCE },
      },
      port: 0,
      watch: false,
      jwtSecret: SECRET,
      envFile: path.join(os.tmpdir(), "meridian-dev-no-such.env"),
      log: (l) => lines.push(l),
    });
    server = await starting;
  });
  after(async () => (await starting?.catch(() => undefined))?.close());

  it("listens on 127.0.0.1 with one target per API", () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(
      server.targets.map((t) => [t.kind, t.name]),
      [["api", "api"]],
    );
  });

  it("lists, gets and creates users", async () => {
    const list = await fetch(`${server.url}/users`, { headers: auth });
    assert.equal(list.status, 200);
    const users = (await list.json()) as { id: string }[];
    assert.ok(users.some((u) => u.id === "1"));

    const one = await fetch(`${server.url}/users/1`, { headers: auth });
    assert.equal(one.status, 200);
    assert.equal(((await one.json()) as { name: string }).name, "Ada Lovelace");

    const created = await fetch(`${server.url}/users`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ name: "Grace", email: "grace@example.com" }),
    });
    assert.equal(created.status, 201);
    const user = (await created.json()) as { id: string };
    const back = await fetch(`${server.url}/users/${user.id}`, { headers: auth });
    assert.equal(((await back.json()) as { name: string }).name, "Grace");

    const missing = await fetch(`${server.url}/users/999`, { headers: auth });
    assert.equal(missing.status, 404, "the handler's own 404");
  });

  it("answers 404 for a path or method with no route, as API Gateway does", async () => {
    const r = await fetch(`${server.url}/orders`, { headers: auth });
    assert.equal(r.status, 404);
    assert.deepEqual(await r.json(), { message: "Not Found" });
    assert.equal((await fetch(`${server.url}/users/1`, { method: "DELETE", headers: auth })).status, 404);
  });

  it("answers CORS preflights from the API's cors spec and adds CORS headers to responses", async () => {
    const pre = await fetch(`${server.url}/users`, {
      method: "OPTIONS",
      headers: { origin: "https://app.example.com", "access-control-request-method": "POST" },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get("access-control-allow-origin"), "*");
    assert.equal(pre.headers.get("access-control-allow-methods"), "GET,POST");
    assert.equal(pre.headers.get("access-control-allow-headers"), "content-type,authorization");
    assert.equal(pre.headers.get("access-control-max-age"), "600");
    const r = await fetch(`${server.url}/users`, { headers: { ...auth, origin: "https://app.example.com" } });
    assert.equal(r.headers.get("access-control-allow-origin"), "*");
  });

  it("refuses requests without a token, with a bad signature, a wrong audience or an expired token (401)", async () => {
    const cases: Record<string, string | undefined> = {
      none: undefined,
      garbage: "Bearer not-a-token",
      badSignature: `Bearer ${hs256(goodClaims(), "another-secret")}`,
      wrongAudience: `Bearer ${hs256({ ...goodClaims(), aud: "other" })}`,
      wrongIssuer: `Bearer ${hs256({ ...goodClaims(), iss: "https://evil.example.com/" })}`,
      expired: `Bearer ${hs256({ ...goodClaims(), exp: now() - 5 })}`,
    };
    for (const [why, value] of Object.entries(cases)) {
      const r = await fetch(`${server.url}/users`, { headers: value ? { authorization: value } : {} });
      assert.equal(r.status, 401, why);
      assert.deepEqual(await r.json(), { message: "Unauthorized" }, why);
    }
  });

  it("refuses a body over Lambda's 6 MB payload limit with 413", async () => {
    const r = await fetch(`${server.url}/users`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: "x".repeat(6 * 1024 * 1024 + 1),
    });
    assert.equal(r.status, 413);
  });

  it("logs one line per request: method, path, status, duration", () => {
    assert.ok(
      lines.some((l) => /^\[api\] GET \/users 200 [\d.]+ ms$/.test(l)),
      lines.join("\n"),
    );
    assert.ok(lines.some((l) => /^\[api\] GET \/users 401 [\d.]+ ms \(auth: missing bearer token\)$/.test(l)));
    assert.ok(lines.some((l) => /^\[api\] OPTIONS \/users 204 /.test(l)));
  });
});

describe("npm run dev: environment, .env secrets, greedy paths, function URLs, reload", function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-dev-test-"));
  const entry = path.join(dir, "echo.ts");
  const boom = path.join(dir, "boom.ts");
  const handler = (version: string) => `import { version as lib } from "./lib";
export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const body = await request.text();
    return Response.json({ version: "${version}", lib, method: request.method, path: url.pathname, search: url.search,
      greeting: process.env.GREETING, token: process.env.API_TOKEN, shell: process.env.HOME === undefined ? "isolated" : "leaked", length: body.length });
  },
};
`;
  let server: DevServer;
  let starting: Promise<DevServer> | undefined;
  const lines: string[] = [];

  before(async () => {
    fs.writeFileSync(path.join(dir, "lib.ts"), `export const version = "lib1";\n`);
    fs.writeFileSync(entry, handler("v1"));
    fs.writeFileSync(boom, `export default { fetch() { throw new Error("kaboom"); } };\n`);
    fs.writeFileSync(
      path.join(dir, ".env"),
      '# local secrets\nAPI_TOKEN="from-dotenv"\nexport MERIDIAN_DEV_API_KEY=k\n',
    );
    starting = startDevServer({
      program: () => {
        const echo = new ServerlessFunction("echo", {
          target: "aws:eu-west-1",
          entry,
          url: true,
          environment: { GREETING: pulumi.output("hello") },
          secrets: { API_TOKEN: pulumi.secret("deployed-value") },
        });
        const crash = new ServerlessFunction("crash", { target: "aws:eu-west-1", entry: boom });
        new ApiGateway("files", {
          target: "aws:eu-west-1",
          routes: { "ANY /files/{proxy+}": echo, "GET /files/latest": crash, "GET /": echo },
        });
      },
      port: 0,
      envFile: path.join(dir, ".env"),
      log: (l) => lines.push(l),
    });
    server = await starting;
  });
  after(async () => {
    await (await starting?.catch(() => undefined))?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves the API and the function URL each on its own port", () => {
    assert.deepEqual(
      server.targets.map((t) => [t.kind, t.name]),
      [
        ["api", "files"],
        ["function", "echo"],
      ],
    );
    assert.notEqual(server.targets[0].url, server.targets[1].url);
  });

  it("routes greedy paths, literal routes first, and hands the handler the original path and query", async () => {
    const r = await fetch(`${server.url}/files/a/b%20c.txt?x=1`, { method: "PUT", body: "12345" });
    assert.equal(r.status, 200);
    const got = (await r.json()) as Record<string, unknown>;
    assert.equal(got.method, "PUT");
    assert.equal(got.path, "/files/a/b%20c.txt");
    assert.equal(got.search, "?x=1");
    assert.equal(got.length, 5);
    assert.equal((await fetch(`${server.url}/files`)).status, 404, "a greedy parameter needs at least one segment");
    assert.equal((await fetch(`${server.url}/`)).status, 200);
  });

  it("gives the function its environment plus secrets from .env, and nothing else from the shell", async () => {
    const got = (await (await fetch(`${server.targets[1].url}/anything`)).json()) as Record<string, unknown>;
    assert.equal(got.greeting, "hello");
    assert.equal(got.token, "from-dotenv");
    assert.equal(got.shell, "isolated");
  });

  it("turns a handler exception into a 500 and logs it", async () => {
    const r = await fetch(`${server.url}/files/latest`);
    assert.equal(r.status, 500);
    assert.deepEqual(await r.json(), { message: "Internal Server Error" });
    assert.ok(lines.some((l) => l.includes("kaboom")));
  });

  it("rebuilds and reloads the handler when a source it imports changes", async () => {
    const reloaded = server.nextBuild("echo");
    fs.writeFileSync(path.join(dir, "lib.ts"), `export const version = "lib2";\n`);
    assert.equal(await reloaded, true);
    const got = (await (await fetch(`${server.url}/files/x`)).json()) as Record<string, unknown>;
    assert.equal(got.lib, "lib2");
    assert.ok(lines.some((l) => /\[echo\] reloaded echo\.ts/.test(l)));
  });

  it("reports a port in use as one DevServerError", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await assert.rejects(
        startDevServer({
          program: () => {
            new ServerlessFunction("solo", { target: "aws:us-east-1", entry, url: true });
          },
          port,
          watch: false,
          log: () => undefined,
        }),
        (err: Error) =>
          err instanceof DevServerError && err.message.includes(`port ${port}`) && err.message.includes("in use"),
      );
    } finally {
      blocker.close();
    }
  });
});

describe("npm run dev: command line", function () {
  this.timeout(30_000);
  async function run(args: string[]) {
    const err: string[] = [];
    const error = console.error;
    console.error = (...a: unknown[]) => void err.push(a.join(" "));
    try {
      return { code: await devMain(args), err: err.join("\n") };
    } finally {
      console.error = error;
    }
  }

  it("exits 2 with one error line for an unknown stack, a missing --stack or a bad port", async () => {
    for (const args of [["--stack", "nope", "--root", "examples/http-api"], [], ["--stack", "dev", "--port", "http"]]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.err, /^error: [^\n]+$/);
    }
  });
});

describe("dev server pieces", () => {
  it("matches routes with API Gateway precedence", () => {
    const seg = (p: string) =>
      p
        .split("/")
        .filter(Boolean)
        .map((s) => {
          const m = /^\{(\w+)(\+)?\}$/.exec(s);
          return m ? { kind: "param" as const, name: m[1], greedy: !!m[2] } : { kind: "literal" as const, value: s };
        });
    const table = new RouteTable([
      { method: "ANY" as const, path: "/{proxy+}", segments: seg("/{proxy+}"), target: "catchall" },
      { method: "GET" as const, path: "/users/{id}", segments: seg("/users/{id}"), target: "byId" },
      { method: "GET" as const, path: "/users/me", segments: seg("/users/me"), target: "me" },
      { method: "POST" as const, path: "/users", segments: seg("/users"), target: "create" },
    ]);
    const hit = (m: string, p: string) => {
      const r = table.match(m, p);
      return r.kind === "route" ? r.route.target : r.kind;
    };
    assert.equal(hit("GET", "/users/me"), "me");
    assert.equal(hit("GET", "/users/42"), "byId");
    assert.equal(hit("POST", "/users"), "create");
    assert.equal(hit("GET", "/users"), "catchall");
    assert.equal(hit("GET", "/a/b/c"), "catchall");
    const m = table.match("GET", "/users/42");
    assert.ok(m.kind === "route" && m.params.id === "42");
  });

  it("verifies ES256 signatures against a local JWKS and checks claims", () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = { ...publicKey.export({ format: "jwk" }), kid: "k1" };
    const sign = (claims: Record<string, unknown>) => {
      const input = `${b64({ alg: "ES256", kid: "k1" })}.${b64(claims)}`;
      return `Bearer ${input}.${crypto.sign("sha256", Buffer.from(input), { key: privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
    };
    const need = { issuer: ISSUER, audiences: [AUDIENCE], jwksUri: `${ISSUER}.well-known/jwks.json` };
    const keys = { jwks: { keys: [jwk] } };
    assert.equal(verifyBearer(sign(goodClaims()), need, keys).problem, undefined);
    assert.equal(verifyBearer(sign(goodClaims()), need, keys).signatureChecked, true);
    const claims = goodClaims();
    const tampered = sign(claims).replace(/\.([^.]+)\./, `.${b64({ ...claims, sub: "admin" })}.`);
    assert.equal(verifyBearer(tampered, need, keys).problem, "bad signature");
    assert.equal(verifyBearer(sign({ ...goodClaims(), nbf: now() + 600 }), need, keys).problem, "not valid yet (nbf)");
    // Without local keys the signature is skipped, the claims are still checked.
    assert.deepEqual(verifyBearer(tampered, need, {}), {
      signatureChecked: false,
      claims: { ...claims, sub: "admin" },
    });
  });

  it("parses .env files", () => {
    assert.deepEqual(parseDotenv(`# c\nA=1\nexport B = two words # note\nC="x\\ny"\nD='#raw'\n\nE=\n`), {
      A: "1",
      B: "two words",
      C: "x\ny",
      D: "#raw",
      E: "",
    });
  });
});
