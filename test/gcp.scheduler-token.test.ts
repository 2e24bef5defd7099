import * as assert from "node:assert/strict";
import { createSign, generateKeyPairSync } from "node:crypto";
import { GoogleJwk, claimsMatch, scheduleVerdict, verifyGoogleIdToken } from "../lib/bundling/adapters/google-id-token";
import { findResources, getResource, recordPlan } from "../lib/testing";
import { CONFIG, program } from "./support/function-program";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = publicKey.export({ format: "jwk" }) as { n: string; e: string };
const KEYS: GoogleJwk[] = [{ kid: "k1", kty: "RSA", n: jwk.n, e: jwk.e }];
const EMAIL = "meridian-dev-hello-sched@proj.iam.gserviceaccount.com";
const HOST = "meridian-dev-hello-run-abc123-ew.a.run.app";
const NOW = 1_800_000_000;

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
function token(claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, key = privateKey): string {
  const h = b64({ alg: "RS256", kid: "k1", typ: "JWT", ...header });
  const p = b64({
    iss: "https://accounts.google.com",
    aud: `https://${HOST}`,
    email: EMAIL,
    email_verified: true,
    iat: NOW - 10,
    exp: NOW + 3590,
    ...claims,
  });
  const signer = createSign("RSA-SHA256");
  signer.update(`${h}.${p}`);
  return `${h}.${p}.${signer.sign(key).toString("base64url")}`;
}
const check = (t: string, host = HOST) => verifyGoogleIdToken(t, KEYS, { email: EMAIL, host, nowSeconds: NOW });

/**
 * A public Cloud Run function (invoker IAM check disabled) gets anyone's requests, so a schedule is told apart by its
 * Cloud Scheduler job's OIDC token, validated as Google says: RS256 by the key of its `kid`, issuer
 * accounts.google.com, not expired, the expected audience and account
 * (https://developers.google.com/identity/openid-connect/openid-connect#validatinganidtoken); Cloud Scheduler's audience
 * is the target URL (https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs#OidcToken).
 */
describe("schedules of a public Google Cloud function carry a token the adapter verifies", () => {
  it("accepts the scheduler account's token for this host, with either documented issuer", () => {
    assert.equal(check(token()), true);
    assert.equal(check(token({ iss: "accounts.google.com" })), true);
    assert.equal(check(token(), HOST.toUpperCase()), true);
  });

  it("refuses every other token", () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const [h, p] = token().split(".");
    const cases: [string, string][] = [
      ["another account", token({ email: "attacker@evil.iam.gserviceaccount.com" })],
      ["an unverified email", token({ email_verified: false })],
      ["another audience", token({ aud: "https://other-service.a.run.app" })],
      ["expired", token({ exp: NOW - 120 })],
      ["issued in the future", token({ iat: NOW + 600 })],
      ["another issuer", token({ iss: "https://evil.example" })],
      ["signed by another key", token({}, {}, other)],
      ["an unknown kid", token({}, { kid: "k2" })],
      ["alg none", `${b64({ alg: "none", kid: "k1" })}.${p}.`],
      ["HS256", token({}, { alg: "HS256" })],
      [
        "a tampered payload",
        `${h}.${b64({ email: EMAIL, aud: `https://${HOST}`, exp: NOW + 10 })}.${token().split(".")[2]}`,
      ],
      ["garbage", "not.a.token"],
      ["two parts", "a.b"],
    ];
    for (const [what, t] of cases) assert.equal(check(t), false, what);
    assert.equal(check(token(), "other-host.a.run.app"), false, "a request to another host");
  });

  // Cloud Scheduler retries a job whose target does not answer 2xx (RetryConfig: "If a job does not complete
  // successfully ... it will be retried with exponential backoff":
  // https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs#RetryConfig). When Google's key
  // endpoint cannot be read, a token is neither valid nor invalid: the request is refused with 503 so the job retries,
  // instead of reaching the handler as an ordinary request and the run being lost.
  it("a token that cannot be checked (Google's keys unavailable) is 'unavailable', not an ordinary request", async () => {
    const headers = (auth?: string) => new Headers(auth ? { authorization: auth } : {});
    const keys = async () => KEYS;
    const down = async (): Promise<GoogleJwk[]> => {
      throw new Error("Google signing keys: HTTP 503");
    };
    const verdict = (h: Headers, load = keys) => scheduleVerdict(h, HOST, EMAIL, load, NOW);
    assert.equal(await verdict(headers(`Bearer ${token()}`)), "scheduler");
    assert.equal(await verdict(headers(`Bearer ${token({ email: "x@y.iam.gserviceaccount.com" })}`)), "other");
    assert.equal(await verdict(headers()), "other", "no token: an ordinary request, keys never read");
    assert.equal(await verdict(headers(), down), "other");
    assert.equal(await verdict(headers(`Bearer ${token()}`), down), "unavailable");
  });

  it("the Cloud Run service knows the scheduler account when scheduled; private, it reads the claims Cloud Run IAM verified", async () => {
    const env = async (extra: Record<string, unknown>) => {
      const plan = await recordPlan(program("gcp:europe-west1", { gcp: { platform: "cloud-run" }, ...extra }), {
        config: CONFIG,
      });
      const envs = (getResource(plan, "gcp:cloudrunv2/service:Service").inputs as any).template.containers[0].envs;
      const sa = findResources(plan, "gcp:serviceaccount/account:Account").find((a) => a.name === "hello-scheduler-sa");
      const get = (name: string) => envs.find((e: any) => e.name === name)?.value;
      return { email: get("MERIDIAN_SCHEDULER_EMAIL"), check: get("MERIDIAN_SCHEDULER_CHECK"), sa };
    };
    const schedule = { triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(1 hour)" }] };
    const pub = await env(schedule);
    assert.match(pub.email, /^meridian-dev-hello-sched@meridian-test\.iam\.gserviceaccount\.com$/);
    assert.equal(pub.check, undefined, "public: the adapter checks the signature");
    assert.ok(pub.sa);
    const priv = await env({ ...schedule, url: false });
    assert.equal(priv.email, pub.email);
    assert.equal(priv.check, "claims");
    assert.deepEqual(await env({}).then((e) => [e.email, e.check]), [undefined, undefined]);
  });

  // A private function's callers are the scheduler and an ApiGateway, whose backend requests forward the client's
  // headers and carry the gateway's own token in Authorization (it "overrides the original Authorization header when
  // the backend address is specified by x-google-backend": https://cloud.google.com/api-gateway/docs/authenticating-users-jwt).
  // Cloud Run IAM verified that token and passes it on with its signature removed, so the adapter reads its claims.
  it("claims mode: the scheduler's verified token is a schedule, the gateway's is not, and no keys are read", async () => {
    const stripped = (claims: Record<string, unknown> = {}) =>
      `${token(claims).split(".").slice(0, 2).join(".")}.SIGNATURE_REMOVED_BY_GOOGLE`;
    const none = async (): Promise<GoogleJwk[]> => {
      throw new Error("keys must not be read in claims mode");
    };
    const verdict = (t?: string) =>
      scheduleVerdict(new Headers(t ? { authorization: `Bearer ${t}` } : {}), HOST, EMAIL, none, NOW, "claims");
    assert.equal(await verdict(stripped()), "scheduler");
    assert.equal(await verdict(token()), "scheduler", "a token with its signature kept");
    assert.equal(await verdict(stripped({ email: "meridian-dev-api-gw@proj.iam.gserviceaccount.com" })), "other");
    assert.equal(await verdict(stripped({ exp: NOW - 120 })), "other");
    assert.equal(await verdict(stripped({ aud: "https://other.a.run.app" })), "other");
    assert.equal(await verdict(), "other", "no token");
    assert.equal(claimsMatch("garbage", { email: EMAIL, host: HOST, nowSeconds: NOW }), false);
  });

  // A url function pinned to Cloud Functions is public through an allUsers run.invoker grant, and a public service hands
  // the Authorization header to the container untouched ("If the flag --allow-unauthenticated is not used, the JWT
  // token is intercepted and verified by Cloud Run's IAM": https://cloud.google.com/endpoints/docs/openapi/troubleshoot-jwt),
  // so anyone could POST /__meridian/schedule with the trigger header: the function gets the scheduler account too.
  it("a public function on Cloud Functions knows the scheduler account as well", async () => {
    const env = async (extra: Record<string, unknown>) => {
      const plan = await recordPlan(program("gcp:europe-west1", { gcp: { platform: "cloud-functions" }, ...extra }), {
        config: CONFIG,
      });
      const fn = getResource(plan, "gcp:cloudfunctionsv2/function:Function").inputs as any;
      return fn.serviceConfig.environmentVariables?.MERIDIAN_SCHEDULER_EMAIL;
    };
    const schedule = { triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(1 hour)" }] };
    assert.match(
      await env({ ...schedule, url: true }),
      /^meridian-dev-hello-sched@meridian-test\.iam\.gserviceaccount\.com$/,
    );
    assert.match(await env({ ...schedule, url: false }), /^meridian-dev-hello-sched@/);
    assert.equal(await env({ url: true }), undefined);
  });
});
