import * as assert from "node:assert/strict";
import { RouterConfig, routerWorkerSource } from "../lib/cloudflare/router-worker";

/**
 * The Cloudflare router Worker itself, run under Node's WebCrypto with fake requests: the generated ES module is
 * evaluated with a fake `fetch` (the issuer's endpoints) and a fake clock, and real RS256/ES256 tokens are signed
 * with keys made here. JWS per RFC 7515, algorithms and key types per RFC 7518.
 */

const ISSUER = "https://login.example.com/tenant/";
const JWKS_URI = "https://login.example.com/tenant/discovery/keys";
const DISCOVERY = "https://login.example.com/tenant/.well-known/openid-configuration";

interface Worker {
  fetch(req: Request, env: unknown): Promise<Response>;
}

/** Evaluates the generated module; `fetch` and `Date` are the test's. */
function loadWorker(
  config: RouterConfig,
  fakeFetch: (url: string) => Promise<Response>,
  clock: { now: number },
): Worker {
  const source = routerWorkerSource(config).replace("export default", "return");
  const date = { now: () => clock.now };
  return new Function("fetch", "Date", "console", source)(fakeFetch, date, { log: () => {} }) as Worker;
}

const routes: RouterConfig["routes"] = [
  {
    method: "GET",
    segments: [{ literal: "users" }, { param: "id", greedy: false }],
    binding: "FN_0",
    operationId: "get",
  },
];
const config = (jwksUri?: string): RouterConfig => ({
  routes,
  jwt: { issuer: ISSUER, audiences: ["api"], ...(jwksUri ? { jwksUri } : {}) },
  rateLimit: false,
  accessLogs: false,
});
const env = { FN_0: { fetch: async () => new Response("ok") } };

const enc = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
const subtle = globalThis.crypto.subtle;

interface Signer {
  kid: string;
  alg: "RS256" | "ES256";
  jwk: JsonWebKey;
  key: CryptoKey;
}
async function signer(kid: string, alg: "RS256" | "ES256"): Promise<Signer> {
  const pair = (
    alg === "RS256"
      ? await subtle.generateKey(
          {
            name: "RSASSA-PKCS1-v1_5",
            modulusLength: 2048,
            publicExponent: new Uint8Array([1, 0, 1]),
            hash: "SHA-256",
          },
          true,
          ["sign", "verify"],
        )
      : await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])
  ) as CryptoKeyPair;
  const jwk = { ...(await subtle.exportKey("jwk", pair.publicKey)), kid, use: "sig" };
  return { kid, alg, jwk, key: pair.privateKey };
}
async function token(s: Signer, header: Record<string, unknown> = {}, claims: Record<string, unknown> = {}) {
  const head = enc({ alg: s.alg, kid: s.kid, typ: "JWT", ...header });
  const body = enc({ iss: ISSUER, aud: "api", exp: Math.floor(NOW / 1000) + 3600, ...claims });
  const algo = s.alg === "RS256" ? { name: "RSASSA-PKCS1-v1_5" } : { name: "ECDSA", hash: "SHA-256" };
  const sig = Buffer.from(await subtle.sign(algo, s.key, new TextEncoder().encode(`${head}.${body}`)));
  return `${head}.${body}.${sig.toString("base64url")}`;
}
const NOW = Date.UTC(2026, 0, 1);
const get = (worker: Worker, bearer?: string, path = "/users/42") =>
  worker.fetch(
    new Request(`https://api.example.com${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} }),
    env,
  );

/** A fake issuer: serves its key set (and discovery document), counts fetches, can be made to fail. */
function issuer(keys: JsonWebKey[]) {
  const state = { keys, fetches: [] as string[], failing: false, discoveryIssuer: ISSUER };
  const fetch = async (url: string) => {
    state.fetches.push(url);
    if (state.failing) return new Response("down", { status: 500 });
    if (url === DISCOVERY) return Response.json({ issuer: state.discoveryIssuer, jwks_uri: JWKS_URI });
    if (url === JWKS_URI) return Response.json({ keys: state.keys });
    return new Response("not found", { status: 404 });
  };
  return { state, fetch };
}

describe("Cloudflare router Worker: JWT verification (run under WebCrypto)", () => {
  let rsa: Signer;
  let ec: Signer;
  let rotated: Signer;
  before(async () => {
    [rsa, ec, rotated] = await Promise.all([
      signer("rsa-1", "RS256"),
      signer("ec-1", "ES256"),
      signer("rsa-2", "RS256"),
    ]);
  });

  it("accepts valid RS256 and ES256 tokens and forwards the request", async () => {
    const { fetch } = issuer([rsa.jwk, ec.jwk]);
    const worker = loadWorker(config(JWKS_URI), fetch, { now: NOW });
    assert.equal((await get(worker, await token(rsa))).status, 200);
    assert.equal((await get(worker, await token(ec))).status, 200);
    assert.equal((await get(worker)).status, 401, "no token");
  });

  it("attacker-shaped tokens get 401, never a 500", async () => {
    const { fetch } = issuer([rsa.jwk, ec.jwk]);
    const worker = loadWorker(config(JWKS_URI), fetch, { now: NOW });
    const good = await token(rsa);
    const [, body, sig] = good.split(".");
    const cases: Record<string, string> = {
      // A lookup in a plain object would find Object.prototype.constructor.
      'alg "constructor"': `${enc({ alg: "constructor", kid: "rsa-1" })}.${body}.${sig}`,
      'alg "__proto__"': `${enc({ alg: "__proto__", kid: "rsa-1" })}.${body}.${sig}`,
      // RFC 7515 §4: the JOSE header is a JSON object.
      "null header": `${enc("null")}.${body}.${sig}`,
      "array claims": `${good.split(".")[0]}.${enc("[1]")}.${sig}`,
      // RFC 7518 §3.4 / §6.2: ES256 needs an EC P-256 key; the kid names an RSA one.
      "ES256 with an RSA kid": `${enc({ alg: "ES256", kid: "rsa-1" })}.${body}.${sig}`,
      // RFC 7515 §2: base64url without padding can never be 4k + 1 characters long.
      "signature of length 4k + 1": `${good.split(".")[0]}.${body}.${"A".repeat(341)}`,
      "bad signature": `${good.split(".")[0]}.${body}.${sig.slice(0, -4)}AAAA`,
      "not base64url JSON": `e30x.${body}.${sig}`,
      "unknown alg": `${enc({ alg: "HS256", kid: "rsa-1" })}.${body}.${sig}`,
    };
    for (const [what, t] of Object.entries(cases)) {
      const res = await get(worker, t);
      assert.equal(res.status, 401, what);
      assert.equal(res.headers.get("www-authenticate"), 'Bearer error="invalid_token"', what);
    }
    assert.equal((await get(worker, await token(rsa, {}, { exp: Math.floor(NOW / 1000) - 3600 }))).status, 401);
    assert.equal((await get(worker, await token(rsa, {}, { aud: "other" }))).status, 401);
    assert.equal((await get(worker, await token(rsa, {}, { iss: "https://evil.example.com/" }))).status, 401);
  });

  it("refuses a token with a crit header it does not understand (RFC 7515 §4.1.11)", async () => {
    const { fetch } = issuer([rsa.jwk]);
    const worker = loadWorker(config(JWKS_URI), fetch, { now: NOW });
    assert.equal((await get(worker, await token(rsa, { crit: ["http://example.com/ext"] }))).status, 401);
  });

  it("answers 400 to a malformed %-escape in the path (RFC 3986 §2.1)", async () => {
    const { fetch } = issuer([rsa.jwk]);
    const worker = loadWorker(config(JWKS_URI), fetch, { now: NOW });
    assert.equal((await get(worker, await token(rsa), "/users/%E0%A4%A")).status, 400);
    assert.equal((await get(worker, await token(rsa), "/users/%zz")).status, 400);
  });

  it("finds a rotated-in key: an unseen kid refetches the key set (at most once a minute)", async () => {
    const { state, fetch } = issuer([rsa.jwk]);
    const clock = { now: NOW };
    const worker = loadWorker(config(JWKS_URI), fetch, clock);
    assert.equal((await get(worker, await token(rsa))).status, 200);
    assert.equal(state.fetches.length, 1);
    state.keys = [rsa.jwk, rotated.jwk];
    clock.now += 61_000;
    assert.equal((await get(worker, await token(rotated))).status, 200, "not 401 for the rest of the 10 min TTL");
    assert.equal(state.fetches.length, 2);
    // A flood of made-up kids does not turn into a flood of fetches.
    const forged = { ...rotated, kid: "made-up" };
    for (let i = 0; i < 5; i++) assert.equal((await get(worker, await token(forged))).status, 401);
    assert.equal(state.fetches.length, 2);
  });

  it("keeps serving the cached keys when a refresh fails after the TTL; 503 only when no key set was ever fetched", async () => {
    const { state, fetch } = issuer([rsa.jwk]);
    const clock = { now: NOW };
    const worker = loadWorker(config(JWKS_URI), fetch, clock);
    assert.equal((await get(worker, await token(rsa))).status, 200);
    state.failing = true;
    clock.now += 11 * 60_000;
    assert.equal((await get(worker, await token(rsa))).status, 200, "stale keys, not a 500");
    assert.equal(state.fetches.length, 2, "the refresh was tried");

    const down = issuer([rsa.jwk]);
    down.state.failing = true;
    const cold = loadWorker(config(JWKS_URI), down.fetch, { now: NOW });
    const res = await get(cold, await token(rsa));
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "5");
  });

  it("without jwksUri, discovers jwks_uri from <issuer>/.well-known/openid-configuration (OpenID Connect Discovery §4)", async () => {
    const { state, fetch } = issuer([ec.jwk]);
    const worker = loadWorker(config(), fetch, { now: NOW });
    assert.equal((await get(worker, await token(ec))).status, 200);
    assert.deepEqual(state.fetches, [DISCOVERY, JWKS_URI]);
    // §4.3: the document's issuer must be the configured one, or its keys are not trusted.
    const evil = issuer([ec.jwk]);
    evil.state.discoveryIssuer = "https://evil.example.com/";
    const refused = loadWorker(config(), evil.fetch, { now: NOW });
    assert.equal((await get(refused, await token(ec))).status, 503);
    assert.deepEqual(evil.state.fetches, [DISCOVERY]);
  });
});
