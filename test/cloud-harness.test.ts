import * as assert from "node:assert/strict";
import * as http from "http";
import { AddressInfo } from "net";
import { answeringEndpoint } from "./cloud/dns";
import { CLOUD_EXAMPLES, credentialGap } from "./cloud/examples";
import { Clock, measureMove, probeRefusal, probeUntilAnswers, urlOutputs } from "./cloud/probe";
import { exitCode, formatReport } from "./cloud/report";
import { parseArgs } from "./cloud/run";

/**
 * The real-cloud suite's pure parts (test/cloud/): probing, timing and the report, against servers on 127.0.0.1
 * that each test starts and always stops. Time is simulated (a clock whose sleep only advances it), so nothing
 * here waits or asserts on wall-clock time.
 */
function fakeClock(): Clock & { slept: number } {
  let t = 0;
  const c = {
    slept: 0,
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
      c.slept += ms;
    },
  };
  return c;
}

/** A server answering the n-th request with `answer(n)`; always closed by the caller's finally. */
async function serve(
  answer: (n: number) => { status: number; body: string },
): Promise<{ url: string; close(): Promise<void>; hits(): number }> {
  let n = 0;
  const server = http.createServer((_req, res) => {
    const a = answer(n++);
    res.writeHead(a.status, { "content-type": "text/plain" }).end(a.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    hits: () => n,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("real-cloud suite: probing, timing, report", () => {
  it("probes until the endpoint answers (503 twice, then 200)", async () => {
    const s = await serve((n) => (n < 2 ? { status: 503, body: "warming" } : { status: 200, body: "ok" }));
    try {
      const clock = fakeClock();
      const r = await probeUntilAnswers(s.url, {
        timeoutMs: 60_000,
        intervalMs: 1_000,
        clock,
        allowLoopbackHttp: true,
      });
      assert.equal(r.ok, true);
      assert.equal(r.status, 200);
      assert.equal(r.attempts, 3);
      assert.equal(r.elapsedMs, 2_000, "two simulated pauses");
    } finally {
      await s.close();
    }
  });

  it("gives up after the timeout with the last failure, and never throws", async () => {
    const s = await serve(() => ({ status: 500, body: "no" }));
    try {
      const r = await probeUntilAnswers(s.url, {
        timeoutMs: 5_000,
        intervalMs: 1_000,
        clock: fakeClock(),
        allowLoopbackHttp: true,
      });
      assert.equal(r.ok, false);
      assert.equal(r.error, "status 500");
      assert.equal(r.attempts, 6, "at 0, 1, 2, 3, 4 and 5 s");
    } finally {
      await s.close();
    }
    // Nothing listens any more: a connection error is a failed attempt, not an exception.
    const closed = await probeUntilAnswers(s.url, {
      timeoutMs: 1_000,
      intervalMs: 1_000,
      clock: fakeClock(),
      allowLoopbackHttp: true,
    });
    assert.equal(closed.ok, false);
    assert.ok(closed.error);
  });

  it("probes deployed endpoints over HTTPS only", () => {
    assert.equal(probeRefusal("https://api.example.com/"), undefined);
    assert.match(probeRefusal("http://api.example.com/")!, /not HTTPS/);
    assert.match(probeRefusal("http://127.0.0.1:8080/")!, /not HTTPS/, "loopback http only when the test asks");
    assert.equal(probeRefusal("http://127.0.0.1:8080/", true), undefined);
    assert.match(probeRefusal("http://10.0.0.1/", true)!, /not HTTPS/);
  });

  it("measures how long clients take to move: answers 'primary' 3 times, then 'secondary'", async () => {
    const s = await serve((n) => ({ status: 200, body: n < 3 ? "primary" : "secondary" }));
    try {
      const clock = fakeClock();
      const sample = async () => (await fetch(s.url)).text();
      const r = await measureMove(sample, "primary", { timeoutMs: 60_000, intervalMs: 5_000, clock });
      assert.deepEqual(r, { moved: true, elapsedMs: 15_000, samples: 4, to: "secondary" });
    } finally {
      await s.close();
    }
  });

  it("a move that never happens is reported as such after the timeout", async () => {
    const r = await measureMove(async () => "primary", "primary", {
      timeoutMs: 10_000,
      intervalMs: 5_000,
      clock: fakeClock(),
    });
    assert.equal(r.moved, false);
    assert.equal(r.samples, 3);
  });

  it("finds every https URL among the outputs, nested ones included", () => {
    assert.deepEqual(
      urlOutputs({
        url: "https://api.example.com",
        endpoints: { "aws:us-east-1": "https://a.elb.amazonaws.com", "aws:eu-west-1": "https://b.elb.amazonaws.com" },
        openapi: { servers: [{ url: "https://api.example.com" }] },
        invokeCommand: "aws lambda invoke https://not-a-url here",
        plain: "http://insecure.example.com",
      }),
      [
        { path: "endpoints.aws:eu-west-1", url: "https://b.elb.amazonaws.com" },
        { path: "endpoints.aws:us-east-1", url: "https://a.elb.amazonaws.com" },
        { path: "openapi.servers[0].url", url: "https://api.example.com" },
        { path: "url", url: "https://api.example.com" },
      ],
    );
  });

  it("tells which endpoint a name answers with, from the addresses", async () => {
    const zone: Record<string, string[]> = {
      "api.example.com": ["203.0.113.7"],
      "a.elb.amazonaws.com": ["198.51.100.1"],
      "b.elb.amazonaws.com": ["203.0.113.7", "203.0.113.8"],
    };
    const resolve = async (n: string) => zone[n] ?? [];
    const endpoints = {
      "aws:us-east-1": "https://a.elb.amazonaws.com",
      "aws:eu-west-1": "https://b.elb.amazonaws.com",
    };
    assert.equal(await answeringEndpoint("api.example.com", endpoints, resolve), "aws:eu-west-1");
    zone["api.example.com"] = ["192.0.2.1"];
    assert.equal(await answeringEndpoint("api.example.com", endpoints, resolve), "unknown");
  });

  it("prints a table and exits non-zero on any failure, zero when only skips", () => {
    const rows = [
      { example: "http-api", step: "up", ok: true, seconds: 42.25 },
      { example: "http-api", step: "probe url", ok: false, seconds: 900, detail: "https://x: status 502" },
      { example: "multi-region-aws", step: "all", ok: false, skipped: "set MERIDIAN_CLOUD_ZONE" },
    ];
    const table = formatReport(rows).split("\n");
    assert.match(table[0], /^example\s+step\s+result\s+seconds\s+detail$/);
    assert.match(table[2], /^http-api\s+up\s+ok\s+42\.3$/);
    assert.match(table[3], /FAIL\s+900\.0\s+https:\/\/x: status 502$/);
    assert.match(table[4], /skip\s+set MERIDIAN_CLOUD_ZONE$/);
    assert.equal(exitCode(rows), 1);
    assert.equal(exitCode([rows[0], rows[2]]), 0);
  });

  it("takes --cloud aws|gcp|azure, and says why it cannot run without credentials", () => {
    assert.deepEqual(parseArgs(["--cloud", "aws"]), { cloud: "aws", example: undefined });
    assert.match(parseArgs(["--cloud", "moon"]) as string, /usage/);
    assert.match(parseArgs(["--cloud", "gcp", "--example", "multi-region-aws"]) as string, /no example/);
    const none = () => false;
    assert.match(credentialGap("aws", {}, none)!, /no AWS credentials/);
    assert.equal(credentialGap("aws", { AWS_PROFILE: "ci" }, none), undefined);
    assert.match(credentialGap("gcp", {}, none)!, /no Google Cloud credentials/);
    assert.match(credentialGap("azure", { ARM_CLIENT_ID: "x" }, none)!, /no Azure credentials/);
    for (const cloud of ["aws", "gcp", "azure"] as const) assert.ok(CLOUD_EXAMPLES[cloud].length >= 2);
  });
});
