import { createPublicKey, createVerify } from "node:crypto";

/** One of Google's OAuth 2.0 signing keys, as https://www.googleapis.com/oauth2/v3/certs lists them (JWK). */
export interface GoogleJwk {
  readonly kid: string;
  readonly kty: string;
  readonly n: string;
  readonly e: string;
}

/** What a schedule's token must say: who minted it, for which host, checked at what time. */
export interface ExpectedIdToken {
  /** The Cloud Scheduler job's service account. */
  readonly email: string;
  /** The host the request was sent to: Cloud Scheduler's audience is the target's URL. */
  readonly host: string;
  readonly nowSeconds: number;
}

// Google-signed ID tokens: RS256, issuer accounts.google.com with or without the scheme
// (https://developers.google.com/identity/openid-connect/openid-connect#validatinganidtoken).
const ISSUERS = ["https://accounts.google.com", "accounts.google.com"];
const SKEW_SECONDS = 60;

/**
 * Verifies a Google-signed OIDC ID token the way Google's "Validating an ID token" says: the RS256 signature by the
 * key its `kid` names, the issuer, the expiry, the audience (here: a URL on the host the request reached, as Cloud
 * Scheduler sets it), and that the token is the expected service account's (`email`, `email_verified`). Pure: the
 * keys and the time are given. Anything malformed is simply not valid.
 */
export function verifyGoogleIdToken(token: string, keys: readonly GoogleJwk[], expected: ExpectedIdToken): boolean {
  const parts = token.split(".");
  if (parts.length !== 3) return false;
  const header = decode(parts[0]) as { alg?: unknown; kid?: unknown } | undefined;
  if (!header || header.alg !== "RS256" || typeof header.kid !== "string") return false;
  const jwk = keys.find((k) => k.kid === header.kid && k.kty === "RSA");
  if (!jwk) return false;
  try {
    const key = createPublicKey({ key: { kty: "RSA", n: jwk.n, e: jwk.e }, format: "jwk" });
    const verifier = createVerify("RSA-SHA256");
    verifier.update(`${parts[0]}.${parts[1]}`);
    if (!verifier.verify(key, Buffer.from(parts[2], "base64url"))) return false;
  } catch {
    return false;
  }
  return claimsMatch(token, expected);
}

/**
 * The claims of an ID token that Cloud Run has already verified: on a private service Cloud Run IAM checks the token
 * and passes it on with its signature removed ("Cloud Run removes the token signature before passing the token to the
 * user container": https://cloud.google.com/run/docs/authenticating/service-to-service), so only what it says is read here — issuer, expiry, audience host, the account. Never use this
 * where the platform did not verify the token (a public service).
 */
export function claimsMatch(token: string, expected: ExpectedIdToken): boolean {
  const parts = token.split(".");
  if (parts.length < 2) return false;
  const claims = decode(parts[1]) as Record<string, unknown> | undefined;
  if (!claims) return false;
  const now = expected.nowSeconds;
  if (!ISSUERS.includes(String(claims.iss))) return false;
  if (typeof claims.exp !== "number" || claims.exp + SKEW_SECONDS < now) return false;
  if (typeof claims.iat === "number" && claims.iat - SKEW_SECONDS > now) return false;
  if (claims.email !== expected.email || claims.email_verified !== true) return false;
  return audienceHost(claims.aud) === expected.host.toLowerCase();
}

function audienceHost(aud: unknown): string | undefined {
  try {
    return typeof aud === "string" ? new URL(aud).host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

function decode(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Whether a request that says it is a schedule carries the scheduler account's token: "scheduler", "other" (no token, or
 * one that is not valid), or "unavailable" when a token came but Google's keys could not be read. The last is not an
 * ordinary request: the adapter answers 503 so Cloud Scheduler retries the job (a non-2xx answer is retried per the
 * job's RetryConfig: https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs#RetryConfig)
 * rather than the run reaching the handler as an unmarked request and being lost.
 */
export async function scheduleVerdict(
  headers: Headers,
  host: string,
  email: string,
  keys: () => Promise<GoogleJwk[]>,
  nowSeconds: number,
  /** "claims" where Cloud Run IAM verified the token (a private service), "signature" where nothing did. */
  check: "signature" | "claims" = "signature",
): Promise<"scheduler" | "other" | "unavailable"> {
  const token = /^Bearer (.+)$/.exec(headers.get("authorization") ?? "")?.[1];
  if (!token) return "other";
  if (check === "claims") return claimsMatch(token, { email, host, nowSeconds }) ? "scheduler" : "other";
  let jwks: GoogleJwk[];
  try {
    jwks = await keys();
  } catch (err) {
    console.error(err);
    return "unavailable";
  }
  return verifyGoogleIdToken(token, jwks, { email, host, nowSeconds }) ? "scheduler" : "other";
}

const CERTS = "https://www.googleapis.com/oauth2/v3/certs";
/** How long a request waits for Google's keys before it is answered 503 (Cloud Scheduler then retries). */
const CERTS_TIMEOUT_MS = 5000;
let cached: { keys: GoogleJwk[]; until: number } | undefined;

/** Google's current signing keys, kept for the response's `Cache-Control: max-age` (as Google's page says to). */
export async function googleSigningKeys(now: number = Date.now()): Promise<GoogleJwk[]> {
  if (cached && cached.until > now) return cached.keys;
  const response = await fetch(CERTS, { signal: AbortSignal.timeout(CERTS_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`Google signing keys: HTTP ${response.status}`);
  const body = (await response.json()) as { keys?: GoogleJwk[] };
  const maxAge = /max-age=(\d+)/.exec(response.headers.get("cache-control") ?? "")?.[1];
  cached = { keys: body.keys ?? [], until: now + Math.min(Number(maxAge ?? 300), 86400) * 1000 };
  return cached.keys;
}
