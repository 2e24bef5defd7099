import { ApiSpec } from "../core/api";
import { throttleWindowSeconds } from "../core/api/capabilities";
import { physicalName } from "../core/naming";
import { OperationOptions, operationsByPath } from "../openapi/document";

/**
 * "In the Consumption tier, policy document size is limited to 16 KiB" (API Management service limits:
 * MicrosoftDocs/azure-docs includes/api-management-service-limits.md, on
 * https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#api-management-limits).
 */
export const APIM_CONSUMPTION_POLICY_MAX_BYTES = 16 * 1024;

/** The APIM backend id of each of the model's functions (one `Backend` per function app). */
export function apimBackendIds(model: Pick<ApiSpec, "functions">): string[] {
  return model.functions.map((fn) => physicalName("azureGeneric", fn.name).slice(0, 80));
}

/**
 * The API policy the Azure gateway deploys for `model` (lib/azure/api-gateway.ts): with cors, ANY brings no OPTIONS
 * operation, the policy's cors answers preflights.
 */
export function azureApiPolicy(model: Pick<ApiSpec, "cors" | "auth" | "throttle" | "routes" | "functions">): string {
  return apimPolicy(model, apimBackendIds(model), { preflightByGateway: model.cors !== undefined });
}

/** Why the API policy would not fit API Management Consumption, if it would not (checked before anything registers). */
export function azureApiPolicyProblem(
  model: Pick<ApiSpec, "cors" | "auth" | "throttle" | "routes" | "functions">,
): string | undefined {
  const bytes = Buffer.byteLength(azureApiPolicy(model), "utf8");
  if (bytes <= APIM_CONSUMPTION_POLICY_MAX_BYTES) return undefined;
  return `the API Management policy for these routes would be ${bytes} bytes (one backend condition per path of every function but the first), and the Consumption tier takes policy documents up to 16 KiB (${APIM_CONSUMPTION_POLICY_MAX_BYTES} bytes): route fewer paths to functions other than the first, or split them into several gateways`;
}

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
    const backend = (i: number) => `<set-backend-service backend-id="${xml(backendIds[i])}" />`;
    for (const [path, ops] of operationsByPath(model, options)) {
      const template = `context.Operation.UrlTemplate == &quot;${xml(path)}&quot;`;
      // The first function is the `otherwise` backend: its operations need no condition, and a path whose operations
      // all go to one other function (an ANY route) needs one condition, not one per method: the policy's size is
      // limited (APIM_CONSUMPTION_POLICY_MAX_BYTES).
      const indexes = new Set(ops.map((op) => op.route.functionIndex));
      if (indexes.size === 1) {
        const [only] = indexes;
        if (only !== 0) whens.push(`<when condition="@(${template})">${backend(only)}</when>`);
        continue;
      }
      for (const op of ops) {
        if (op.route.functionIndex === 0) continue;
        whens.push(
          `<when condition="@(context.Operation.Method == &quot;${op.method}&quot; &amp;&amp; ${template})">${backend(op.route.functionIndex)}</when>`,
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
