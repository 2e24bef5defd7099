import * as path from "path";
import { formatBytes } from "../core/function/limits";
import type { LocalAuth, ServedEndpoint } from "./gateway";
import type { DevStack } from "./stack";
import type { ServedTarget } from "./server";

/** `.env` keys the dev server reads for itself and never passes to a function. */
export const DEV_KEYS = {
  jwks: "MERIDIAN_DEV_JWKS",
  jwtSecret: "MERIDIAN_DEV_JWT_SECRET",
  apiKey: "MERIDIAN_DEV_API_KEY",
};

/** What the dev server serves, printed once at start: each endpoint's URL, routes, CORS, auth and limits. */
export function printBanner(
  log: (l: string) => void,
  label: string,
  stack: DevStack,
  endpoints: ServedEndpoint[],
  targets: ServedTarget[],
  auth: LocalAuth,
  dotenvKeys: string[],
  dotenvFile: string,
): void {
  log(`meridian dev: ${label}`);
  endpoints.forEach((e, i) => {
    const where =
      e.kind === "api" ? `ApiGateway "${e.name}" (${e.cloud})` : `ServerlessFunction "${e.name}" url (${e.cloud})`;
    log(`  ${where}  ${targets[i].url}`);
    if (e.kind === "api") {
      const routes = stack.apis.find((a) => a.name === e.name)!.routes;
      const width = Math.max(...routes.map((r) => r.path.length));
      for (const r of routes) log(`    ${r.method.padEnd(7)} ${r.path.padEnd(width)}  → ${r.fn}`);
      if (e.cors) log(`    CORS: origins ${e.cors.allowOrigins.join(", ")}`);
      if (e.auth?.kind === "jwt") {
        log(`    auth: JWT from ${e.auth.issuer} for ${e.auth.audiences.join(", ")}`);
        const haveKeys = !!auth.jwt.secret || (auth.jwt.jwks?.keys.length ?? 0) > 0;
        if (!haveKeys) {
          log(
            `warning: JWT signatures are NOT verified: the issuer's JWKS (${e.auth.jwksUri ?? "from its OpenID configuration"}) is not fetched offline. Issuer, audience and expiry are still checked. ` +
              `To verify signatures, set ${DEV_KEYS.jwks}=<jwks.json> or ${DEV_KEYS.jwtSecret}=<secret> in ${path.basename(dotenvFile)} (or pass --jwks FILE).`,
          );
        }
      } else if (e.auth?.kind === "apiKey") {
        log(
          `    auth: API key in the x-api-key header${auth.apiKey === undefined ? ` (any key accepted; set ${DEV_KEYS.apiKey} in ${path.basename(dotenvFile)} to require one)` : ""}`,
        );
      }
    }
    log(
      `    limits: request ${formatBytes(e.limits.requestBytes)}${e.limits.responseBytes ? `, response ${formatBytes(e.limits.responseBytes)}` : ""}, timeout ${e.limits.timeoutSeconds} s`,
    );
  });
  if (dotenvKeys.length > 0)
    log(`  ${path.basename(dotenvFile)}: ${dotenvKeys.sort().join(", ")} given to every function`);
}
