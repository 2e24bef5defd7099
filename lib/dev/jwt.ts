import * as crypto from "crypto";

/** What the gateway checks: the API's `auth.jwt`. */
export interface JwtRequirement {
  readonly issuer: string;
  readonly audiences: readonly string[];
  /** Absent: discovered from the issuer's OpenID configuration (not fetched offline). */
  readonly jwksUri?: string;
}

/** Local keys to verify signatures with, since the issuer's JWKS is not reachable offline. */
export interface LocalJwtKeys {
  /** A JSON Web Key Set (`{ keys: [...] }`) for RS*, PS* and ES* tokens. */
  readonly jwks?: { keys: crypto.JsonWebKey[] };
  /** A shared secret for HS256/384/512 tokens. */
  readonly secret?: string;
}

/** Why a token was refused, or undefined when it passes. `signatureChecked` tells whether the signature was verified. */
export interface JwtVerdict {
  readonly problem?: string;
  readonly signatureChecked: boolean;
  readonly claims?: Record<string, unknown>;
}

const HASHES: Record<string, string> = { "256": "sha256", "384": "sha384", "512": "sha512" };

/**
 * Checks a bearer token the way an API gateway's JWT authorizer does: `iss` equal to the issuer, an `aud`
 * (or `client_id`, as AWS accepts) among the audiences, `exp` in the future, `nbf`/`iat` not in the future.
 * The signature is verified with the local keys when there are some; without keys it is not checked.
 */
export function verifyBearer(
  authorization: string | undefined,
  need: JwtRequirement,
  keys: LocalJwtKeys,
  nowSeconds = Math.floor(Date.now() / 1000),
): JwtVerdict {
  const m = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/i.exec((authorization ?? "").trim());
  if (!m)
    return { problem: authorization ? "malformed bearer token" : "missing bearer token", signatureChecked: false };
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(m[1], "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(m[2], "base64url").toString("utf8"));
    if (!header || typeof header !== "object" || !claims || typeof claims !== "object")
      throw new Error("not an object");
  } catch {
    return { problem: "malformed token", signatureChecked: false };
  }
  const alg = typeof header.alg === "string" ? header.alg : "";
  if (alg === "" || alg.toLowerCase() === "none")
    return { problem: "unsigned token (alg none)", signatureChecked: false };

  const haveKeys = !!keys.secret || (keys.jwks?.keys?.length ?? 0) > 0;
  if (haveKeys) {
    const problem = verifySignature(alg, header.kid, `${m[1]}.${m[2]}`, Buffer.from(m[3], "base64url"), keys);
    if (problem) return { problem, signatureChecked: true };
  }

  if (claims.iss !== need.issuer)
    return { problem: `wrong issuer ${JSON.stringify(claims.iss)}`, signatureChecked: haveKeys };
  const aud = [...(Array.isArray(claims.aud) ? claims.aud : [claims.aud]), claims.client_id].filter(
    (a) => typeof a === "string",
  );
  if (!aud.some((a) => need.audiences.includes(a as string)))
    return { problem: "no accepted audience", signatureChecked: haveKeys };
  if (typeof claims.exp !== "number") return { problem: "no exp claim", signatureChecked: haveKeys };
  if (claims.exp <= nowSeconds) return { problem: "expired", signatureChecked: haveKeys };
  if (typeof claims.nbf === "number" && claims.nbf > nowSeconds)
    return { problem: "not valid yet (nbf)", signatureChecked: haveKeys };
  if (typeof claims.iat === "number" && claims.iat > nowSeconds + 60)
    return { problem: "issued in the future (iat)", signatureChecked: haveKeys };
  return { signatureChecked: haveKeys, claims };
}

function verifySignature(
  alg: string,
  kid: unknown,
  signingInput: string,
  signature: Buffer,
  keys: LocalJwtKeys,
): string | undefined {
  const family = alg.slice(0, 2);
  const hash = HASHES[alg.slice(2)];
  if (!hash || !["HS", "RS", "PS", "ES"].includes(family)) return `unsupported alg ${alg}`;
  if (family === "HS") {
    if (!keys.secret) return `${alg} token but no local secret configured`;
    const expected = crypto.createHmac(hash, keys.secret).update(signingInput).digest();
    return expected.length === signature.length && crypto.timingSafeEqual(expected, signature)
      ? undefined
      : "bad signature";
  }
  const candidates = (keys.jwks?.keys ?? []).filter(
    (k) => (kid === undefined || (k as { kid?: unknown }).kid === kid) && k.kty === (family === "ES" ? "EC" : "RSA"),
  );
  if (candidates.length === 0)
    return kid === undefined ? "no local key for this token" : `unknown key id ${JSON.stringify(kid)}`;
  for (const jwk of candidates) {
    try {
      const key = crypto.createPublicKey({ key: jwk, format: "jwk" });
      const ok = crypto.verify(
        hash,
        Buffer.from(signingInput),
        {
          key,
          ...(family === "PS"
            ? { padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST }
            : {}),
          ...(family === "ES" ? { dsaEncoding: "ieee-p1363" as const } : {}),
        },
        signature,
      );
      if (ok) return undefined;
    } catch {
      // An unusable key in the set: try the next one.
    }
  }
  return "bad signature";
}

/** A header the gateways send with a 401 from a JWT authorizer. */
export const WWW_AUTHENTICATE = 'Bearer error="invalid_token"';
