import * as pulumi from "@pulumi/pulumi";
import { requireCloudSdks } from "./core/cloud-sdk";
import { ApiModel, RouteTarget, validateApiGatewayArgs } from "./core/api";
import { Placement } from "./core/placement";
import { registerApi } from "./core/registry";
import type { RequestAlarms } from "./core/alarms/args";
import { Transform } from "./core/transform";
import { OpenApiDocument, buildOpenApi } from "./openapi";
import { apiAlarms } from "./alarms";
import type { ApiAlarmTarget } from "./core/alarms/targets";
import { resolveAlarms } from "./core/alarms/validate";
import { ConfigError } from "./core/errors";
import { claimPhysicalNames } from "./core/physical-names";
import { apiNameClaims } from "./core/physical-name-claims";

export type { RouteTarget } from "./core/api";

/** CORS settings; `true` allows every origin, method and header. */
export interface ApiGatewayCors {
  /** @example allowOrigins: ["https://app.example.com"] */
  allowOrigins?: string[];
  /** @example allowMethods: ["GET", "POST"] */
  allowMethods?: string[];
  /** @example allowHeaders: ["content-type", "authorization"] */
  allowHeaders?: string[];
  /** How long browsers may cache a preflight answer (0–86400). @example maxAgeSeconds: 600 */
  maxAgeSeconds?: number;
}

/** Who may call the API: bearer JWTs from an OIDC issuer, or gateway API keys (Google, Azure). */
export type ApiGatewayAuth =
  | { jwt: { issuer: string; audiences: string[]; jwksUri?: string }; apiKey?: undefined }
  | { apiKey: true; jwt?: undefined };

/** A custom domain: the hostname, and optionally the DNS zone that holds it. */
export type ApiGatewayDomain =
  | string
  | {
      /** @example name: "api.example.com" */
      name: string;
      /** DNS zone of the name (default: the name without its first label). @example zone: "example.com" */
      zone?: string;
      /**
       * AWS only: the Route 53 hosted zone id of `zone`, used as is (no lookup by name).
       * @default looked up by zone name
       * @example zoneId: "Z0123456789ABCDEFGHIJ"
       */
      zoneId?: string;
      /** Azure only: resource group of the Azure DNS zone; without it, create the CNAME yourself. @example zoneResourceGroup: "dns" */
      zoneResourceGroup?: string;
    };

/**
 * Per-child customisation hooks (SST style), keyed by child. AWS: `api`, `authorizer`, `integration`,
 * `permission`, `route`, `logGroup`, `stage`, `domainName`, `apiMapping`, `record`. Google: `serviceAccount`,
 * `invoker`, `api`, `apiConfig`, `gateway`, `service`, `address`, `neg`, `backendService`, `urlMap`,
 * `certificate`, `proxy`, `forwardingRule`, `record`. Azure: `resourceGroup`, `service`, `api`, `namedValue`, `backend`, `policy`,
 * `subscription`, `workspace`, `insights`, `logTable`, `logger`, `diagnostic`, `record`. Cloudflare: `router`, `subdomain`,
 * `customDomain`. With `alarms`: `alarmErrorRate`, `alarmLatency`, `alarmTopic`, `alarmSubscription`,
 * `alarmChannel`, `alarmActionGroup`, `alarmWebhook`.
 */
export type ApiGatewayTransforms = { [child: string]: Transform<any> | undefined };

export interface ApiGatewayArgs {
  /** Where the gateway runs; its functions must run on the same cloud (and on AWS, the same region). @example target: "aws:us-east-1" */
  target: Placement;
  /**
   * Route key → function. Keys are `"METHOD /path"` with `{param}` segments (and on AWS and Cloudflare a last
   * greedy `{path+}`); methods GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY.
   * @example routes: { "GET /users": list, "GET /users/{id}": get, "POST /users": create }
   */
  routes: Record<string, RouteTarget>;
  /** CORS answered by the gateway (on Google, by the function: the gateway only lets preflights through). @example cors: true */
  cors?: boolean | ApiGatewayCors;
  /** Authentication for every route. API keys: Google and Azure only. @example auth: { jwt: { issuer: "https://auth.example.com/", audiences: ["api"] } } */
  auth?: ApiGatewayAuth;
  /** Custom domain with a managed certificate. @example domain: "api.example.com" */
  domain?: ApiGatewayDomain;
  /** Default rate limit for all routes. @example throttle: { ratePerSecond: 100, burst: 200 } */
  throttle?: { ratePerSecond: number; burst: number };
  /** Access logs (default on; retention 30 days where it can be set). @example accessLogs: { retentionDays: 90 } */
  accessLogs?: boolean | { retentionDays?: number };
  /** Title and version of the API in its OpenAPI document. @example info: { title: "Users API", version: "1.2.0" } */
  info?: { title?: string; version?: string; description?: string };
  /**
   * Error-rate and p99-latency alarms on the gateway, sent to `notify` (docs/alarms.md). Not on Cloudflare,
   * whose Notifications have no Workers metric alert.
   * @default undefined (no alarms)
   * @example alarms: { notify: { email: ["oncall@example.com"] } }
   */
  alarms?: RequestAlarms;
  /** Change any child's args before it is created. @example transform: { stage: (args) => { args.description = "prod"; } } */
  transform?: ApiGatewayTransforms;
}

/**
 * An HTTP API in front of ServerlessFunctions, on the target cloud's native gateway: AWS HTTP API, Google API
 * Gateway, Azure API Management (Consumption) or a generated Cloudflare router Worker. Every gateway is built from
 * one route model, and its OpenAPI 3.1 document is the `openapi` output.
 *
 * @example
 * const api = new ApiGateway("users", {
 *   target: "aws:us-east-1",
 *   routes: { "GET /users": list, "GET /users/{id}": get, "POST /users": create },
 *   auth: { jwt: { issuer: "https://auth.example.com/", audiences: ["users-api"] } },
 *   domain: "api.example.com",
 * });
 * export const url = api.url;
 */
export class ApiGateway extends pulumi.ComponentResource {
  /** The base URL of the API (`https://<domain>` when a domain is set). */
  readonly url: pulumi.Output<string>;
  /** The OpenAPI 3.1 document of the API, with the URL as its server. */
  readonly openapi: pulumi.Output<OpenApiDocument>;

  constructor(name: string, args: ApiGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    const model = validateApiGatewayArgs(name, args);
    const alarms = resolveAlarms(`ApiGateway "${name}"`, name, args.alarms, model.cloud, "api");
    // Azure request alarms query the Application Insights that accessLogs creates (lib/azure/alarms.ts).
    if (alarms && model.cloud === "azure" && !model.accessLogs.enabled && (alarms.errorRate || alarms.p99LatencyMs))
      throw new ConfigError(
        `ApiGateway "${name}"`,
        "alarms",
        "on Azure the request alarms query the API's Application Insights, which accessLogs creates: keep accessLogs on, or set errorRate and p99LatencyMs to false",
      );
    claimPhysicalNames(`ApiGateway "${name}"`, apiNameClaims(name, model.placement, model.domain));
    requireCloudSdks(`ApiGateway "${name}"`, "target", [model.cloud]);
    registerApi(model);
    super("meridian:index:ApiGateway", name, {}, opts);
    const transforms = args.transform;
    const native = expand(this, model, transforms);
    this.url = native.url;
    if (alarms) apiAlarms(this, alarms, native.alarmTarget ?? {}, transforms);
    this.openapi = this.url.apply((url) => buildOpenApi(model, url));
    this.registerOutputs({ url: this.url, openapi: this.openapi });
  }
}

function expand(
  parent: pulumi.Resource,
  model: ApiModel,
  transforms: ApiGatewayTransforms | undefined,
): { url: pulumi.Output<string>; alarmTarget?: ApiAlarmTarget } {
  switch (model.cloud) {
    case "aws": {
      const { createAwsApiGateway } = require("./aws/api-gateway") as typeof import("./aws/api-gateway");
      return createAwsApiGateway(parent, model, transforms);
    }
    case "gcp": {
      const { createGcpApiGateway } = require("./gcp/api-gateway") as typeof import("./gcp/api-gateway");
      return createGcpApiGateway(parent, model, transforms);
    }
    case "azure": {
      const { createAzureApiGateway } = require("./azure/api-gateway") as typeof import("./azure/api-gateway");
      return createAzureApiGateway(parent, model, transforms);
    }
    case "cloudflare": {
      const { createCloudflareApiGateway } =
        require("./cloudflare/api-gateway") as typeof import("./cloudflare/api-gateway");
      return createCloudflareApiGateway(parent, model, transforms);
    }
  }
}
