import * as pulumi from "@pulumi/pulumi";
import { requireCloudSdks } from "./core/cloud-sdk";
import { AWS_API_CHILDREN } from "./aws/children";
import { AZURE_API_CHILDREN } from "./azure/children";
import { CLOUDFLARE_API_CHILDREN } from "./cloudflare/children";
import { ApiGatewayArgs, ApiSpec, validateApiGatewayArgs } from "./core/api";
import type { ApiBackend } from "./core/backend";
import type { Cloud, Placement } from "./core/placement";
import { registerApi } from "./core/registry";
import { checkTransformKeys } from "./core/transform";
import { GCP_API_CHILDREN } from "./gcp/children";
import { OpenApiDocument, buildOpenApi } from "./openapi";
import { apiAlarms } from "./alarms";
import { resolveAlarms } from "./core/alarms/validate";
import { ConfigError } from "./core/errors";
import { claimPhysicalNames } from "./core/physical-names";
import { claimDefaultSinkExclusions } from "./core/log-exclusions";
import { apiNameClaims } from "./core/physical-name-claims";

export type {
  ApiGatewayArgs,
  ApiGatewayAuth,
  ApiGatewayCors,
  ApiGatewayDomain,
  ApiGatewayTransforms,
  RouteTarget,
} from "./core/api";

/** Each cloud's gateway, loaded only when an API targets it. */
const API_BACKENDS: Record<Cloud, () => ApiBackend> = {
  aws: () => (require("./aws/api-gateway") as typeof import("./aws/api-gateway")).createAwsApiGateway,
  gcp: () => (require("./gcp/api-gateway") as typeof import("./gcp/api-gateway")).createGcpApiGateway,
  azure: () => (require("./azure/api-gateway") as typeof import("./azure/api-gateway")).createAzureApiGateway,
  cloudflare: () =>
    (require("./cloudflare/api-gateway") as typeof import("./cloudflare/api-gateway")).createCloudflareApiGateway,
};

/**
 * What a cloud's gateway checks of the whole model before anything registers, beyond the portable validation: on
 * Azure, that the API policy fits API Management Consumption's 16 KiB (lib/azure/apim-policy.ts; no SDK is loaded).
 */
const API_PREFLIGHT: Record<Cloud, (model: ApiSpec) => string | undefined> = {
  aws: () => undefined,
  gcp: () => undefined,
  azure: (model) =>
    (require("./azure/apim-policy") as typeof import("./azure/apim-policy")).azureApiPolicyProblem(model),
  cloudflare: () => undefined,
};

/** The children `transform` may name, per cloud (checked against the types in each lib/<cloud>/children.ts). */
const API_CHILDREN: Record<Cloud, readonly string[]> = {
  aws: AWS_API_CHILDREN,
  gcp: GCP_API_CHILDREN,
  azure: AZURE_API_CHILDREN,
  cloudflare: CLOUDFLARE_API_CHILDREN,
};

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
export class ApiGateway<P extends Placement = Placement> extends pulumi.ComponentResource {
  /** The base URL of the API (`https://<domain>` when a domain is set). */
  readonly url: pulumi.Output<string>;
  /** The OpenAPI 3.1 document of the API, with the URL as its server. */
  readonly openapi: pulumi.Output<OpenApiDocument>;

  constructor(name: string, args: ApiGatewayArgs<P>, opts?: pulumi.ComponentResourceOptions) {
    const model = validateApiGatewayArgs(name, args);
    const component = `ApiGateway "${name}"`;
    const alarms = resolveAlarms(component, name, args.alarms, model.cloud, "api");
    checkTransformKeys(model.transform, API_CHILDREN[model.cloud], component, model.placement.key);
    // Azure request alarms query the Application Insights that accessLogs creates (lib/azure/alarms.ts).
    if (alarms && model.cloud === "azure" && !model.accessLogs.enabled && (alarms.errorRate || alarms.p99LatencyMs))
      throw new ConfigError(
        component,
        "alarms",
        "on Azure the request alarms query the API's Application Insights, which accessLogs creates: keep accessLogs on, or set errorRate and p99LatencyMs to false",
      );
    const problem = API_PREFLIGHT[model.cloud](model);
    if (problem) throw new ConfigError(component, "routes", problem);
    claimPhysicalNames(component, apiNameClaims(model));
    // On Google Cloud a retention of its own adds an exclusion to the project's _Default sink (at most 50).
    claimDefaultSinkExclusions(
      component,
      "accessLogs.retentionDays",
      model.cloud === "gcp" && model.accessLogs.retentionDays !== undefined ? 1 : 0,
    );
    requireCloudSdks(component, "target", [model.cloud]);
    const backend = API_BACKENDS[model.cloud]();
    registerApi(model);
    super("meridian:index:ApiGateway", name, {}, opts);
    const native = backend(this, model);
    this.url = native.url;
    if (alarms) apiAlarms(this, alarms, model.cloud, native.alarmTarget ?? {}, model.transform);
    this.openapi = this.url.apply((url) => buildOpenApi(model, url));
    this.registerOutputs({ url: this.url, openapi: this.openapi });
  }
}
