import * as pulumi from "@pulumi/pulumi";
import { requireCloudSdks } from "./core/cloud-sdk";
import { packageFunction } from "./bundling/package";
import { AWS_FUNCTION_CHILDREN } from "./aws/children";
import { AZURE_FUNCTION_CHILDREN } from "./azure/children";
import { CLOUDFLARE_FUNCTION_CHILDREN } from "./cloudflare/children";
import type { FunctionBackend } from "./core/backend";
import { FUNCTION_PACKAGING } from "./function-files";
import { ServerlessFunctionArgs } from "./core/function/args";
import { FunctionSpec, checkPackageSize, validateFunctionArgs } from "./core/function/validate";
import { FunctionHandle } from "./core/function-handle";
import type { Cloud, Placement } from "./core/placement";
import { registerFunction } from "./core/registry";
import { claimPhysicalNames } from "./core/physical-names";
import { claimDefaultSinkExclusions } from "./core/log-exclusions";
import { functionNameClaims } from "./core/physical-name-claims";
import { resolveAlarms } from "./core/alarms/validate";
import { functionAlarms } from "./alarms";
import { checkTransformKeys } from "./core/transform";
import { gcpFunctionChildKeys, refuseOtherPlatformTransforms } from "./gcp/children";

export type {
  CodeDirectory,
  FunctionTrigger,
  ServerlessFunctionArgs,
  ServerlessFunctionChild,
  ServerlessFunctionTransforms,
} from "./core/function/args";
export type { FunctionRuntime } from "./core/function/runtimes";

/** Each cloud's expansion, loaded only when a function targets it (an AWS-only program never loads another SDK). */
const FUNCTION_BACKENDS: Record<Cloud, () => FunctionBackend> = {
  aws: () => (require("./aws/serverless-function") as typeof import("./aws/serverless-function")).createAwsFunction,
  gcp: () => (require("./gcp/serverless-function") as typeof import("./gcp/serverless-function")).createGcpFunction,
  azure: () =>
    (require("./azure/serverless-function") as typeof import("./azure/serverless-function")).createAzureFunction,
  cloudflare: () =>
    (require("./cloudflare/serverless-function") as typeof import("./cloudflare/serverless-function"))
      .createCloudflareFunction,
};

/**
 * The children `transform` may name, per cloud (checked against the types in each lib/<cloud>/children.ts), and where:
 * Google's two platforms create different children.
 */
const FUNCTION_CHILDREN: Record<Cloud, (fn: FunctionSpec) => { keys: readonly string[]; where: string }> = {
  aws: (fn) => ({ keys: AWS_FUNCTION_CHILDREN, where: fn.placement.key }),
  gcp: (fn) => ({
    keys: gcpFunctionChildKeys(fn.gcp.platform),
    where: `${fn.placement.key} (gcp.platform "${fn.gcp.platform}")`,
  }),
  azure: (fn) => ({ keys: AZURE_FUNCTION_CHILDREN, where: fn.placement.key }),
  cloudflare: (fn) => ({ keys: CLOUDFLARE_FUNCTION_CHILDREN, where: fn.placement.key }),
};

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
export class ServerlessFunction<P extends Placement = Placement> extends pulumi.ComponentResource {
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

  constructor(name: string, args: ServerlessFunctionArgs<P>, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can reject input runs before the component registers: bad input creates nothing.
    const fn = validateFunctionArgs(name, args);
    const children = FUNCTION_CHILDREN[fn.placement.cloud](fn);
    if (fn.placement.cloud === "gcp") refuseOtherPlatformTransforms(fn.transform, fn.gcp.platform, fn.component);
    checkTransformKeys(fn.transform, children.keys, fn.component, children.where);
    const packaging = FUNCTION_PACKAGING[fn.placement.cloud](fn);
    const pkg = packageFunction({
      cloud: fn.placement.cloud,
      source: fn.source,
      target: fn.runtimeInfo.esbuildTarget,
      platformFiles: packaging.files,
      layout: packaging.layout,
      archive: packaging.archive,
      component: fn.component,
    });
    checkPackageSize(fn, { zipped: pkg.zippedBytes, gzipped: pkg.gzippedBytes });
    const alarms = resolveAlarms(fn.component, name, args.alarms, fn.placement.cloud, "function");
    const cloud = fn.placement.cloud;
    claimPhysicalNames(fn.component, functionNameClaims(fn));
    // On Google Cloud its own log bucket adds an exclusion to the project's _Default sink (at most 50).
    claimDefaultSinkExclusions(fn.component, "logRetentionDays", cloud === "gcp" && fn.logRetentionGiven ? 1 : 0);
    requireCloudSdks(fn.component, "target", [cloud]);
    const backend = FUNCTION_BACKENDS[cloud]();
    super("meridian:index:ServerlessFunction", name, {}, opts);
    for (const warning of fn.warnings) void pulumi.log.warn(warning, this);

    const result = backend(this, { ...fn, package: pkg });
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
