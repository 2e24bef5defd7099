import { ApiSpec } from "../core/api";
import { throttleWindowSeconds } from "../core/api/capabilities";
import { OperationOptions, operationsByPath } from "../openapi/document";

/** XML-escapes an attribute or text value. */
export function xml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * The API-scope APIM policy: CORS first (so preflights are answered before authentication), then JWT validation
 * against the issuer's OpenID configuration, the rate limit, and the backend of each operation (one `Backend` per
 * function app; operations are matched by method and URL template, which the OpenAPI import sets from our paths).
 *
 * APIM's `rate-limit` is a sliding window, not a token bucket: `burst` calls per `ceil(burst / ratePerSecond)`
 * seconds keeps both the burst and the long-run rate.
 */
export function apimPolicy(
  model: Pick<ApiSpec, "cors" | "auth" | "throttle" | "routes">,
  backendIds: readonly string[],
  options: OperationOptions = {},
): string {
  const inbound: string[] = ["<base />"];
  if (model.cors) {
    const c = model.cors;
    const maxAge = c.maxAgeSeconds !== undefined ? ` preflight-result-max-age="${c.maxAgeSeconds}"` : "";
    inbound.push(
      [
        `<cors allow-credentials="false">`,
        `<allowed-origins>${c.allowOrigins.map((o) => `<origin>${xml(o)}</origin>`).join("")}</allowed-origins>`,
        `<allowed-methods${maxAge}>${c.allowMethods.map((m) => `<method>${xml(m)}</method>`).join("")}</allowed-methods>`,
        `<allowed-headers>${c.allowHeaders.map((h) => `<header>${xml(h)}</header>`).join("")}</allowed-headers>`,
        `</cors>`,
      ].join(""),
    );
  }
  if (model.auth?.kind === "jwt") {
    const issuer = model.auth.issuer.replace(/\/$/, "");
    inbound.push(
      [
        `<validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="401" failed-validation-error-message="Unauthorized" require-expiration-time="true" require-signed-tokens="true">`,
        `<openid-config url="${xml(`${issuer}/.well-known/openid-configuration`)}" />`,
        `<audiences>${model.auth.audiences.map((a) => `<audience>${xml(a)}</audience>`).join("")}</audiences>`,
        `<issuers><issuer>${xml(model.auth.issuer)}</issuer></issuers>`,
        `</validate-jwt>`,
      ].join(""),
    );
  }
  if (model.throttle) {
    const period = throttleWindowSeconds(model.throttle);
    inbound.push(`<rate-limit calls="${model.throttle.burst}" renewal-period="${period}" />`);
  }
  if (backendIds.length === 1) {
    inbound.push(`<set-backend-service backend-id="${xml(backendIds[0])}" />`);
  } else {
    const whens: string[] = [];
    for (const [path, ops] of operationsByPath(model, options)) {
      for (const op of ops) {
        whens.push(
          `<when condition="@(context.Operation.Method == &quot;${op.method}&quot; &amp;&amp; context.Operation.UrlTemplate == &quot;${xml(path)}&quot;)"><set-backend-service backend-id="${xml(backendIds[op.route.functionIndex])}" /></when>`,
        );
      }
    }
    inbound.push(
      `<choose>${whens.join("")}<otherwise><set-backend-service backend-id="${xml(backendIds[0])}" /></otherwise></choose>`,
    );
  }
  return [
    "<policies>",
    `<inbound>${inbound.join("")}</inbound>`,
    "<backend><base /></backend>",
    "<outbound><base /></outbound>",
    "<on-error><base /></on-error>",
    "</policies>",
  ].join("\n");
}
