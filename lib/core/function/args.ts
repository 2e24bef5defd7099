import * as pulumi from "@pulumi/pulumi";
import type { RequestAlarms } from "../alarms/args";
import type { FunctionChildrenByCloud } from "../children";
import type { Cloud, CloudOf, Placement } from "../placement";
import type { TransformsFor } from "../transform";
import { FunctionRuntime } from "./runtimes";

/**
 * A native code directory and what of it is packaged, in AWS CDK's asset style (`exclude` globs,
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.CopyOptions.html). Patterns are matched against paths
 * relative to `path` with "/": `*`, `?`, `[abc]` within a name, `**` across folders; a pattern without "/" matches a
 * name at any depth (`*.pyc`), a leading "/" anchors it (`/build`). A matched folder brings or leaves out all it holds.
 */
export interface CodeDirectory {
  /**
   * The directory.
   * @example "./python-app"
   */
  path: string;
  /**
   * Hidden files and folders (a name starting with ".") to package as well. Wildcards never match a leading ".", so
   * a pattern spells the dot: `.well-known`, `config/.npmrc`. Everything that is not hidden is packaged anyway.
   * @default [] (no hidden file is packaged)
   * @example [".well-known"]
   */
  include?: string[];
  /**
   * Files and folders to leave out, even when `include` names them; here wildcards also match a leading ".".
   * @default [] (nothing but hidden files is left out)
   * @example ["tests", "*.pyc"]
   */
  exclude?: string[];
}

/**
 * What runs the function. Every function answers HTTP unless its triggers say otherwise; schedule and queue
 * deliveries reach the portable handler as `POST /__meridian/schedule` and `POST /__meridian/queue` requests
 * carrying the `x-meridian-trigger` header (the payload is the body), so one `fetch` handles them all.
 */
export type FunctionTrigger =
  | {
      /** Plain HTTP: reachable through `url: true` or an ApiGateway. */
      type: "http";
    }
  | {
      type: "schedule";
      /**
       * `rate(N minutes|hours|days)` or five-field Unix `cron(M H DoM Mon DoW)`, translated per cloud.
       * @example "rate(5 minutes)"
       */
      schedule: string;
      /**
       * IANA time zone of a cron schedule (AWS and Google Cloud; Azure and Cloudflare run schedules in UTC).
       * @example "Europe/Paris"
       */
      timezone?: string;
    }
  | {
      /** A queue created for this function (SQS + DLQ, Pub/Sub topic, Storage queue, Cloudflare Queue + DLQ). */
      type: "queue";
      /** Messages per delivery (1-10 everywhere). @example 10 */
      batchSize?: number;
      /**
       * Redeliveries of a failed message after its first delivery, before it goes to the dead-letter queue: a message
       * is handled at most `maxRetries + 1` times, on every cloud (not configurable on Google Cloud, where Eventarc
       * retries for 24 hours).
       * @default 3
       * @example 3
       */
      maxRetries?: number;
    };

/**
 * Per-child transforms of a ServerlessFunction on the clouds `C`: each key is a child the cloud creates, typed
 * with its SDK args (the key lists per cloud are in docs/transforms.md). With a literal `target` the keys and
 * types are exactly that cloud's.
 */
export type ServerlessFunctionTransforms<C extends Cloud = Cloud> = TransformsFor<FunctionChildrenByCloud, C>;

/** Keys of the children a `transform` can change, on any cloud. */
export type ServerlessFunctionChild = keyof ServerlessFunctionTransforms;

/** Google Cloud-only settings of `ServerlessFunction` (docs/serverless-function.md, "Google Cloud platforms"). */
export interface GcpFunctionOptions {
  /**
   * Which Google API deploys the function.
   * - `"cloud-run"`: the Cloud Run Admin API; the bundled handler runs on Google's Node.js base image without a build
   *   (Cloud Run's source deploy without build). With `url`, the service is public through a disabled invoker IAM
   *   check, which organisations enforcing Domain Restricted Sharing (`iam.allowedPolicyMemberDomains`, on by default
   *   in organisations created since May 2024) allow. Needs `entry` (a portable handler); no `queue` trigger.
   * - `"cloud-functions"`: the Cloud Functions v2 API; Cloud Build builds the source with Google's buildpacks. With
   *   `url`, the function is public through a `run.invoker` grant to `allUsers`, which Domain Restricted Sharing
   *   refuses.
   * Changing it replaces the function (a new service and URL).
   * @default "cloud-run" for a portable `entry` with `url`, "cloud-functions" otherwise
   * @example "cloud-functions"
   */
  platform?: "cloud-functions" | "cloud-run";
}

/** Arguments of `ServerlessFunction`. */
export interface ServerlessFunctionArgs<P extends Placement = Placement> {
  /**
   * Where the function runs.
   * @example "aws:us-east-1"
   * @example "cloudflare"
   */
  target: P;
  /**
   * Neutral runtime id. Default `nodejs22`.
   * @default "nodejs22"
   * @example "nodejs22"
   */
  runtime?: FunctionRuntime;
  /**
   * A portable handler: a .ts/.js module whose default export is `{ fetch(req: Request): Response | Promise<Response> }`.
   * Bundled with esbuild and wrapped for the target cloud. Exclusive with `code`.
   * @default undefined (give `entry` or `code`)
   * @example "./src/hello.ts"
   */
  entry?: string;
  /**
   * A directory archived as is, for native handlers (Python and others). Needs `handler`. A path, or
   * `{ path, include, exclude }` to choose what goes in. Hidden files and folders (`.env`, `.git`) are left out unless
   * `include` names them; a symbolic link pointing outside the directory is a ConfigError (docs/functions.md).
   * @default undefined (give `entry` or `code`)
   * @example "./python-app"
   * @example { path: "./python-app", exclude: ["tests", "*.pyc"] }
   */
  code?: string | CodeDirectory;
  /**
   * The native handler with `code`: `module.function` on AWS, the function name on Google Cloud, the main
   * module file on Cloudflare.
   * @default undefined (required with `code`)
   * @example "main.handler"
   */
  handler?: string;
  /**
   * Memory in MB, checked against the target (Lambda 128-10,240; GCP 128-32,768; Azure Consumption ≤ 1,536;
   * Workers 128). Default 1024 on AWS, 512 on Google Cloud, the platform's fixed size elsewhere.
   * @default 1024 on AWS, 512 on Google Cloud, the platform's fixed size elsewhere
   * @example 512
   */
  memoryMb?: number;
  /**
   * Longest run in seconds. Default 30. HTTP limits: Lambda 900, GCP 3600, Azure 230, Workers 300 (CPU).
   * @default 30
   * @example 60
   */
  timeoutSeconds?: number;
  /**
   * Plain environment variables (visible in the function's configuration).
   * @default {}
   * @example { STAGE: "dev" }
   */
  environment?: Record<string, pulumi.Input<string>>;
  /**
   * Secret environment values: stored in the cloud's secret store and never in clear in the plan or the
   * function's configuration. The handler reads them from `process.env` like any variable.
   * @default {}
   * @example { API_KEY: config.requireSecret("apiKey") }
   */
  secrets?: Record<string, pulumi.Input<string>>;
  /**
   * What invokes the function. Default `[{ type: "http" }]`.
   * @default [{ type: "http" }]
   * @example [{ type: "http" }, { type: "schedule", schedule: "rate(5 minutes)" }]
   */
  triggers?: FunctionTrigger[];
  /**
   * Days to keep the function's logs, checked by the cloud's rule (the same for every component): AWS CloudWatch
   * Logs values (1, 3, 5, 7, 14, 30, ... 3653); Azure 30-730 (Log Analytics workspace and its Application Insights
   * tables); Google Cloud 1-3650 (the logs go to a log bucket of their own, excluded from `_Default`); Cloudflare
   * refuses it (Workers Logs retention is the plan's).
   * @default 30 (on Google Cloud: the project's `_Default` log bucket, 30 days unless the project changed it)
   * @example 14
   */
  logRetentionDays?: number;
  /**
   * A direct public HTTPS endpoint: Lambda function URL, a public Cloud Run URL (an `allUsers` invoker grant, or with
   * `gcp.platform: "cloud-run"` a disabled invoker IAM check), anonymous Azure route, workers.dev. Default false
   * (reach it through an ApiGateway).
   * @default false
   * @example true
   */
  url?: boolean;
  /**
   * AWS only: instruction set. Default `arm64`.
   * @default "arm64"
   * @example "x86_64"
   */
  architecture?: "arm64" | "x86_64";
  /**
   * Google Cloud-only settings.
   * @default {}
   */
  gcp?: GcpFunctionOptions;
  /**
   * Cloudflare-only settings.
   * @default {}
   */
  cloudflare?: {
    /**
     * Account id; otherwise the `cloudflare:accountId` stack config.
     * @example "0123456789abcdef0123456789abcdef"
     */
    accountId?: pulumi.Input<string>;
    /**
     * The account's workers.dev subdomain, so that `url` can be reported (otherwise the
     * `cloudflareWorkersSubdomain` project config).
     * @example "my-team"
     */
    workersDevSubdomain?: string;
    /**
     * A custom domain served by the Worker (Cloudflare creates the DNS record and certificate).
     * @example { hostname: "hello.example.com", zoneId: "..." }
     */
    domain?: { hostname: string; zoneId: pulumi.Input<string> };
    /**
     * Workers compatibility date. Default `2025-09-01`.
     * @example "2025-09-01"
     */
    compatibilityDate?: string;
  };
  /**
   * Error-rate and p99-latency alarms on the function, sent to `notify` (docs/alarms.md). Not on Cloudflare,
   * whose Notifications have no Workers metric alert.
   * @default undefined (no alarms)
   * @example alarms: { notify: { email: ["oncall@example.com"] } }
   */
  alarms?: RequestAlarms;
  /**
   * Changes the args of a child before it is created: an object merged over the args, or a function
   * `(args, opts, name) => void`. A key the target does not create is refused.
   * @default {}
   * @example { function: { tracingConfig: { mode: "Active" } } }
   * @example { function: (args) => { args.tracingConfig = { mode: "Active" }; } }
   */
  transform?: ServerlessFunctionTransforms<CloudOf<P>>;
}
