import * as pulumi from "@pulumi/pulumi";
import { ParsedPlacement } from "./placement";

/**
 * What other components (ApiGateway, the dev server) need to know about a deployed ServerlessFunction,
 * per cloud, without importing any provider SDK. A `ServerlessFunction` exposes one as `handle`.
 *
 * On every cloud the adapter hands the portable handler the request's original path and query, so a
 * gateway in front forwards paths unchanged (AWS payload 2.0 `rawPath`, GCP `APPEND_PATH_TO_ADDRESS`,
 * Azure catch-all route with an empty route prefix, Cloudflare service bindings forward the Request).
 */
export interface FunctionHandle {
  /** Logical name of the ServerlessFunction component. */
  readonly name: string;
  /** Where it runs. */
  readonly placement: ParsedPlacement;
  /** The component resource, for `dependsOn` and `parent` relations. */
  readonly resource: pulumi.Resource;
  /** Path of the portable handler's source (`entry`), when it has one: the dev server runs it in-process. */
  readonly entry?: string;
  /** Plain environment variables given to the function (secrets excluded). */
  readonly environment: Record<string, pulumi.Input<string>>;
  /** Names of the function's secret environment variables (their values stay in the cloud's secret store). */
  readonly secretNames?: readonly string[];
  readonly aws?: {
    readonly region: string;
    readonly functionName: pulumi.Output<string>;
    readonly functionArn: pulumi.Output<string>;
    /** The API Gateway integration URI (`arn:aws:apigateway:<region>:lambda:path/.../invocations`). */
    readonly invokeArn: pulumi.Output<string>;
  };
  readonly gcp?: {
    readonly region: string;
    readonly project: pulumi.Output<string>;
    /** The Cloud Functions v2 function name. */
    readonly functionName: pulumi.Output<string>;
    /** The underlying Cloud Run service name: the resource `roles/run.invoker` is granted on. */
    readonly serviceName: pulumi.Output<string>;
    /** The function's HTTPS URI (`https://...run.app`): the `x-google-backend` address. */
    readonly uri: pulumi.Output<string>;
  };
  readonly azure?: {
    readonly region: string;
    readonly resourceGroupName: pulumi.Output<string>;
    /** The function app (site) name. */
    readonly appName: pulumi.Output<string>;
    /** The function app's ARM id. */
    readonly appId: pulumi.Output<string>;
    /** `https://<app>.azurewebsites.net`: the backend URL; every path reaches the portable handler. */
    readonly baseUrl: pulumi.Output<string>;
    /** The Application Insights component the app reports its requests to (what request alarms query). */
    readonly insightsId?: pulumi.Output<string>;
  };
  readonly cloudflare?: {
    readonly accountId: pulumi.Output<string>;
    /** The account id when it was given as a string (not an output): lets a gateway check it synchronously. */
    readonly knownAccountId?: string;
    /** The Worker script name: the `service` of a service binding. */
    readonly scriptName: pulumi.Output<string>;
  };
}
