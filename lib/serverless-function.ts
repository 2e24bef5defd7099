import * as pulumi from "@pulumi/pulumi";
import { requireCloudSdks } from "./core/cloud-sdk";
import { packageFunction } from "./bundling/package";
import { ServerlessFunctionArgs } from "./core/function/args";
import { CloudFunctionResult } from "./core/function/result";
import { checkPackageSize, validateFunctionArgs } from "./core/function/validate";
import { FunctionHandle } from "./core/function-handle";
import { registerFunction } from "./core/registry";
import { claimPhysicalNames } from "./core/physical-names";
import { functionNameClaims } from "./core/physical-name-claims";
import { resolveAlarms } from "./core/alarms/validate";
import { functionAlarms } from "./alarms";

export type {
  CodeDirectory,
  FunctionTrigger,
  ServerlessFunctionArgs,
  ServerlessFunctionChild,
} from "./core/function/args";
export type { FunctionRuntime } from "./core/function/runtimes";

/**
 * One function on AWS Lambda, Google Cloud Run functions, Azure Functions or Cloudflare Workers. With `entry`,
 * a portable handler (`export default { fetch(req) { ... } }`) is bundled with esbuild and wrapped in the
 * target's adapter, so the same file runs on every cloud; with `code` + `handler` a native directory is
 * deployed as is.
 *
 * @example
 * const hello = new ServerlessFunction("hello", { target: "aws:us-east-1", entry: "./hello.ts", url: true });
 * export const url = hello.url;
 */
export class ServerlessFunction extends pulumi.ComponentResource {
  /** The direct HTTPS endpoint, when `url` is set (and, on Cloudflare, the workers.dev subdomain or a domain is known). */
  readonly url: pulumi.Output<string | undefined>;
  /** The function's name in its cloud (Lambda name, Cloud Functions name, function app name, Worker script name). */
  readonly nativeName: pulumi.Output<string>;
  /** A ready-to-run command line that invokes the function (`aws`, `curl` with a `gcloud` token, `curl`). */
  readonly invokeCommand: pulumi.Output<string>;
  /** A ready-to-run command line that shows its logs (`aws logs tail`, `gcloud functions logs read`, `az monitor`, `wrangler tail`). */
  readonly logsCommand: pulumi.Output<string>;
  /** The queue a `queue` trigger consumes, when there is one (SQS URL, Pub/Sub topic, Storage queue, Cloudflare queue). */
  readonly queue: pulumi.Output<string | undefined>;
  /** What ApiGateway and the dev server need to know about this function. */
  readonly handle: FunctionHandle;

  constructor(name: string, args: ServerlessFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can reject input runs before the component registers: bad input creates nothing.
    const fn = validateFunctionArgs(name, args);
    const pkg = packageFunction({
      cloud: fn.placement.cloud,
      source: fn.source,
      target: fn.runtimeInfo.esbuildTarget,
      timeoutSeconds: fn.timeoutSeconds,
      queue: fn.queue,
      component: fn.component,
    });
    checkPackageSize(fn, { zipped: pkg.zippedBytes, gzipped: pkg.gzippedBytes });
    const alarms = resolveAlarms(fn.component, name, args.alarms, fn.placement.cloud, "function");
    claimPhysicalNames(fn.component, functionNameClaims(fn));
    requireCloudSdks(fn.component, "target", [fn.placement.cloud]);
    super("meridian:index:ServerlessFunction", name, {}, opts);
    for (const warning of fn.warnings) void pulumi.log.warn(warning, this);

    let result: CloudFunctionResult;
    switch (fn.placement.cloud) {
      case "aws": {
        const { createAwsFunction } =
          require("./aws/serverless-function") as typeof import("./aws/serverless-function");
        result = createAwsFunction(this, fn, pkg);
        break;
      }
      case "gcp": {
        const { createGcpFunction } =
          require("./gcp/serverless-function") as typeof import("./gcp/serverless-function");
        result = createGcpFunction(this, fn, pkg);
        break;
      }
      case "azure": {
        const { createAzureFunction } =
          require("./azure/serverless-function") as typeof import("./azure/serverless-function");
        result = createAzureFunction(this, fn, pkg);
        break;
      }
      case "cloudflare": {
        const { createCloudflareFunction } =
          require("./cloudflare/serverless-function") as typeof import("./cloudflare/serverless-function");
        result = createCloudflareFunction(this, fn, pkg);
        break;
      }
    }
    this.url = result.url ?? pulumi.output(undefined);
    this.nativeName = result.nativeName;
    this.invokeCommand = result.invokeCommand;
    this.logsCommand = result.logsCommand;
    this.queue = result.queue ?? pulumi.output(undefined);
    this.handle = {
      name,
      placement: fn.placement,
      resource: this,
      entry: fn.source.kind === "entry" ? fn.source.entry : undefined,
      environment: { ...fn.environment },
      secretNames: Object.keys(fn.secrets).sort(),
      ...result.handle,
    };
    registerFunction(this.handle, fn.url);
    if (alarms) functionAlarms(this, alarms, this.handle, fn.transform);
    this.registerOutputs({
      url: this.url,
      nativeName: this.nativeName,
      invokeCommand: this.invokeCommand,
      logsCommand: this.logsCommand,
      queue: this.queue,
    });
  }
}
