import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { ApiSpec } from "../core/api";
import { sha256 } from "../core/hash";
import { physicalName } from "../core/naming";
import { transformsOf, withTransform } from "../core/transform";
import type { CloudflareApiChildren } from "./children";
import { RATE_LIMIT_BINDING, functionBinding, routerConfig, routerWorkerSource } from "./router-worker";

/** Compatibility date of the router Worker: fixed so the runtime behaviour never shifts under a deployed router. */
export const ROUTER_COMPATIBILITY_DATE = "2025-01-01";

/**
 * Cloudflare has no gateway resource: a router Worker generated from the route table dispatches each request to
 * its function's Worker over a service binding (no public hop), after CORS, JWT verification and the rate-limit
 * binding. Module syntax with `mainModule` (pulumi/pulumi-cloudflare#1309), the account id on every resource
 * (the provider-wide account id is gone: pulumi/pulumi-cloudflare#314).
 * With a domain the router gets a Workers custom domain (DNS record and certificate managed by Cloudflare);
 * without, its workers.dev subdomain.
 */
export function createCloudflareApiGateway(parent: pulumi.Resource, model: ApiSpec): { url: pulumi.Output<string> } {
  const transforms = transformsOf<CloudflareApiChildren>(model.transform);
  const name = model.name;
  const opts = (): pulumi.CustomResourceOptions => ({ parent });
  // Every bound Worker is of this account: a service binding names a Worker of the router's own account
  // (https://developers.cloudflare.com/workers/runtime-apis/bindings/service-bindings/), checked in
  // lib/core/api/validate.ts for account ids given as strings.
  const accountId = model.functions[0].cloudflare!.accountId;
  const scriptName = physicalName("cloudflareWorker", name, "router");
  const source = routerWorkerSource(routerConfig(model));

  const bindings: cloudflare.types.input.WorkersScriptBinding[] = model.functions.map((fn, i) => ({
    type: "service",
    name: functionBinding(i),
    service: fn.cloudflare!.scriptName,
  }));
  if (model.throttle) {
    // The binding counts per 10 s window (10 or 60 are allowed); the limit keeps the per-second rate.
    bindings.push({
      type: "ratelimit",
      name: RATE_LIMIT_BINDING,
      // A positive integer unique in the account: derived from the script name so each router counts on its own.
      namespaceId: String(1000 + (parseInt(sha256(scriptName).slice(0, 8), 16) % 1_000_000)),
      simple: { limit: Math.max(model.throttle.burst, Math.ceil(model.throttle.ratePerSecond * 10)), period: 10 },
    });
  }

  const router = new cloudflare.WorkersScript(
    ...withTransform(
      transforms,
      "router",
      `${name}-router`,
      {
        accountId,
        scriptName,
        content: source,
        mainModule: "index.js",
        compatibilityDate: ROUTER_COMPATIBILITY_DATE,
        bindings,
        observability: { enabled: model.accessLogs.enabled, headSamplingRate: 1 },
      } satisfies cloudflare.WorkersScriptArgs,
      { parent, dependsOn: model.functions.map((fn) => fn.resource) },
    ),
  );

  if (model.domain) {
    const domain = model.domain;
    new cloudflare.WorkersCustomDomain(
      ...withTransform(
        transforms,
        "customDomain",
        `${name}-domain`,
        {
          accountId,
          hostname: domain.name,
          service: router.scriptName,
          zoneName: domain.zone,
          environment: "production",
        } satisfies cloudflare.WorkersCustomDomainArgs,
        opts(),
      ),
    );
    return { url: pulumi.output(`https://${domain.name}`) };
  }
  new cloudflare.WorkersScriptSubdomain(
    ...withTransform(
      transforms,
      "subdomain",
      `${name}-subdomain`,
      {
        accountId,
        scriptName: router.scriptName,
        enabled: true,
        previewsEnabled: false,
      } satisfies cloudflare.WorkersScriptSubdomainArgs,
      opts(),
    ),
  );
  // The account's workers.dev subdomain has no data source; it comes from the same project config that
  // ServerlessFunction reads. Unset, the URL says so instead of guessing.
  const subdomain = new pulumi.Config().get("cloudflareWorkersSubdomain") ?? "UNSET-cloudflareWorkersSubdomain";
  return { url: pulumi.interpolate`https://${router.scriptName}.${subdomain}.workers.dev` };
}
