import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { ApiGateway, ServerlessFunction } from "../lib";
import { DevServer, startDevServer } from "../lib/dev";
import { hostileHttpRequest } from "./support/hostile";
import { rawRequest } from "./support/raw-http";

/**
 * The dev server under hostile requests (issue #17, defects 1 and 8): it keeps serving, routes and authorises the
 * path the handler then sees, answers loopback names only (DNS rebinding), and never passes on a trigger marker.
 */
describe("npm run dev: hostile requests", function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-dev-hostile-"));
  const entry = path.join(dir, "echo.ts");
  let starting: Promise<DevServer> | undefined;
  let server: DevServer;
  let port: number;
  const lines: string[] = [];

  before(async () => {
    fs.writeFileSync(
      entry,
      `export default { fetch(request: Request) {
        return Response.json({ url: request.url, trigger: request.headers.get("x-meridian-trigger") });
      } };\n`,
    );
    starting = startDevServer({
      program: () => {
        const echo = new ServerlessFunction("echo", { target: "aws:us-east-1", entry });
        new ApiGateway("api", { target: "aws:us-east-1", routes: { "GET /users": echo, "GET /users/{id}": echo } });
      },
      port: 0,
      watch: false,
      envFile: path.join(dir, "no.env"),
      log: (l) => lines.push(l),
    });
    server = await starting;
    port = Number(new URL(server.url).port);
  });
  // Whatever happened in `before` (even a timeout while it was still starting), the server is closed.
  after(async () => {
    await (await starting?.catch(() => undefined))?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (target: string, headers = `Host: 127.0.0.1:${port}\r\n`) =>
    rawRequest(port, `GET ${target} HTTP/1.1\r\n${headers}`);
  const handlerSaw = async (r: Promise<{ status: number; body: string }>) => {
    const res = await r;
    assert.equal(res.status, 200, res.body);
    return JSON.parse(res.body) as { url: string; trigger: string | null };
  };

  it("answers an unparsable request target with 400 and keeps serving (GET http://[)", async () => {
    assert.equal((await get("http://[")).status, 400);
    assert.equal((await get("http://[", "")).status, 400);
    const ok = await handlerSaw(get("/users"));
    assert.equal(ok.url, `http://127.0.0.1:${port}/users`);
  });

  it("gives the handler this server's own URL, never one built from Host", async () => {
    // RFC 9112 §3.2: a Host that is no host[:port] is a 400; the handler never sees "/admin".
    assert.equal((await get("/users", `Host: 127.0.0.1:${port}/admin?\r\n`)).status, 400);
    const viaLocalhost = await handlerSaw(get("/users?x=1", `Host: localhost:${port}\r\n`));
    assert.equal(viaLocalhost.url, `http://127.0.0.1:${port}/users?x=1`);
    assert.ok(!lines.some((l) => l.includes("/admin") && / 200 /.test(l)), lines.join("\n"));
  });

  it("refuses foreign Host headers (DNS rebinding) with 403, and missing or repeated ones with 400", async () => {
    for (const host of ["evil.example.com", `evil.example.com:${port}`, "127.0.0.1:1", "127.0.0.1", `10.0.0.1:${port}`])
      assert.equal((await get("/users", `Host: ${host}\r\n`)).status, 403, host);
    for (const host of [`app.localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`])
      assert.equal((await get("/users", `Host: ${host}\r\n`)).status, 200, host);
    assert.equal((await rawRequest(port, "GET /users HTTP/1.0\r\n")).status, 400, "no Host");
    assert.equal(
      (await get("/users", `Host: 127.0.0.1:${port}\r\nHost: evil.example.com\r\n`)).status,
      400,
      "two Host lines",
    );
  });

  it("takes the authority of an absolute-form target instead of Host (RFC 9112 §3.2.2)", async () => {
    const ok = await handlerSaw(get(`http://localhost:${port}/users`, `Host: evil.example.com\r\n`));
    assert.equal(ok.url, `http://127.0.0.1:${port}/users`);
    assert.equal((await get(`http://evil.example.com/users`)).status, 403);
  });

  it("routes //evil.com/users as that path (no route), not as /users", async () => {
    const r = await get("//evil.com/users");
    assert.equal(r.status, 404);
    assert.deepEqual(JSON.parse(r.body), { message: "Not Found" });
  });

  it("refuses dot segments and backslashes, which the handler's URL parser would resolve to another path", async () => {
    for (const target of ["/users/..", "/users/%2e%2e", "/users/.", "/users/a\\..\\..\\admin"])
      assert.equal((await get(target)).status, 400, target);
  });

  it("drops an x-meridian-trigger header sent by a client, as the deployed adapters do", async () => {
    const saw = await handlerSaw(get("/users", `Host: 127.0.0.1:${port}\r\nX-Meridian-Trigger: schedule\r\n`));
    assert.equal(saw.trigger, null);
  });

  it("survives generated malformed requests and still answers a loopback client (property)", async () => {
    await fc.assert(
      fc.asyncProperty(hostileHttpRequest(port), async (request) => {
        const r = await rawRequest(port, request).catch(() => ({ status: 0, body: "" }));
        // Anything that reached the handler was addressed to this server on a loopback name.
        if (r.status === 200) assert.match(JSON.parse(r.body).url, new RegExp(`^http://127\\.0\\.0\\.1:${port}/`));
        assert.notEqual(r.status, 500, request);
        const alive = await get("/users");
        assert.equal(alive.status, 200, `after ${JSON.stringify(request)}`);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  });
});
