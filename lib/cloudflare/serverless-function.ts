import * as path from "path";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { CloudFunctionResult } from "../core/function/result";
import { toUnixCron } from "../core/function/schedule";
import type { BuiltFunctionSpec } from "../core/backend";
import { physicalName } from "../core/naming";
import { transformsOf, withTransform } from "../core/transform";
import type { CloudflareFunctionChildren } from "./children";

/** The Workers runtime behaviour Meridian's adapter is tested against. */
export const DEFAULT_COMPATIBILITY_DATE = "2025-09-01";

/**
 * Cloudflare expansion: a module-syntax `WorkersScript` (`mainModule` + `compatibilityDate`, uploaded from the
 * bundle file with its SHA-256: without `mainModule` the upload is read as service-worker syntax,
 * pulumi/pulumi-cloudflare#1309; without `contentSha256` a `contentFile` change is not detected) with plain_text/secret_text bindings, its
 * workers.dev subdomain (enabled only with `url: true`), an optional custom domain, cron triggers and a
 * Queue consumer with a dead-letter queue.
 */
export function createCloudflareFunction(parent: pulumi.Resource, fn: BuiltFunctionSpec): CloudFunctionResult {
  const name = fn.name;
  const pkg = fn.package;
  const t = transformsOf<CloudflareFunctionChildren>(fn.transform);
  const accountId = pulumi.output(fn.cloudflare.accountId!);
  const scriptName = physicalName("cloudflareWorker", name);

  const bindings: cloudflare.types.input.WorkersScriptBinding[] = [
    ...Object.keys(fn.environment)
      .sort()
      .map((k) => ({ name: k, type: "plain_text", text: fn.environment[k] })),
    ...Object.keys(fn.secrets)
      .sort()
      .map((k) => ({ name: k, type: "secret_text", text: pulumi.secret(fn.secrets[k]) })),
  ];
  const script = new cloudflare.WorkersScript(
    ...withTransform(
      t,
      "script",
      `${name}-script`,
      {
        accountId,
        scriptName,
        mainModule: pkg.mainModule,
        // Relative to the project directory (where Pulumi runs), so the plan and the state are the same on every
        // machine; the provider reads the file and `contentSha256` detects a change.
        contentFile: path.relative(process.cwd(), pkg.path).split(path.sep).join("/"),
        contentSha256: pkg.hash,
        compatibilityDate: fn.cloudflare.compatibilityDate ?? DEFAULT_COMPATIBILITY_DATE,
        compatibilityFlags: ["nodejs_compat"],
        bindings: bindings.length ? bindings : undefined,
        limits: fn.timeoutGiven ? { cpuMs: fn.timeoutSeconds * 1000 } : undefined,
        observability: { enabled: true, logs: { enabled: true, invocationLogs: true } },
      } satisfies cloudflare.WorkersScriptArgs,
      { parent },
    ),
  );

  // Explicit either way: a new script's workers.dev route must not be public unless asked for.
  new cloudflare.WorkersScriptSubdomain(
    ...withTransform(
      t,
      "subdomain",
      `${name}-workers-dev`,
      {
        accountId,
        scriptName: script.scriptName,
        enabled: fn.url,
        previewsEnabled: false,
      } satisfies cloudflare.WorkersScriptSubdomainArgs,
      { parent },
    ),
  );

  let url: pulumi.Output<string> | undefined;
  const domain = fn.cloudflare.domain;
  if (domain) {
    const custom = new cloudflare.WorkersCustomDomain(
      ...withTransform(
        t,
        "customDomain",
        `${name}-domain`,
        {
          accountId,
          hostname: domain.hostname,
          service: script.scriptName,
          zoneId: domain.zoneId,
        } satisfies cloudflare.WorkersCustomDomainArgs,
        { parent },
      ),
    );
    url = pulumi.interpolate`https://${custom.hostname}`;
  } else if (fn.url && fn.cloudflare.workersDevSubdomain) {
    url = pulumi.interpolate`https://${script.scriptName}.${fn.cloudflare.workersDevSubdomain}.workers.dev`;
  }

  if (fn.schedules.length) {
    new cloudflare.WorkersCronTrigger(
      ...withTransform(
        t,
        "cronTrigger",
        `${name}-cron`,
        {
          accountId,
          scriptName: script.scriptName,
          schedules: fn.schedules.map((s) => ({ cron: toUnixCron(s.parsed) })),
        } satisfies cloudflare.WorkersCronTriggerArgs,
        { parent },
      ),
    );
  }

  let queueName: pulumi.Output<string> | undefined;
  if (fn.queue) {
    const dlq = new cloudflare.Queue(
      ...withTransform(
        t,
        "deadLetterQueue",
        `${name}-dlq`,
        {
          accountId,
          queueName: physicalName("cloudflareQueue", name, "dlq"),
        } satisfies cloudflare.QueueArgs,
        { parent },
      ),
    );
    const queue = new cloudflare.Queue(
      ...withTransform(
        t,
        "queue",
        `${name}-queue`,
        {
          accountId,
          queueName: physicalName("cloudflareQueue", name, "queue"),
        } satisfies cloudflare.QueueArgs,
        { parent },
      ),
    );
    new cloudflare.QueueConsumer(
      ...withTransform(
        t,
        "consumer",
        `${name}-consumer`,
        {
          accountId,
          queueId: queue.queueId,
          scriptName: script.scriptName,
          type: "worker",
          deadLetterQueue: dlq.queueName,
          // Cloudflare's max_retries counts retries, which is what maxRetries means (lib/core/function/retries.ts).
          settings: { batchSize: fn.queue.batchSize, maxRetries: fn.queue.maxRetries, maxWaitTimeMs: 1000 },
        } satisfies cloudflare.QueueConsumerArgs,
        { parent },
      ),
    );
    queueName = queue.queueName;
  }

  const tail = pulumi.interpolate`CLOUDFLARE_ACCOUNT_ID=${accountId} npx wrangler tail ${script.scriptName} --format pretty`;
  return {
    nativeName: script.scriptName,
    url,
    queue: queueName,
    invokeCommand: url
      ? pulumi.interpolate`curl -sS ${url}/`
      : fn.url
        ? // The account's workers.dev subdomain is not known to the program: ask the API for it.
          pulumi.interpolate`curl -sS "https://${script.scriptName}.$(curl -sS -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" https://api.cloudflare.com/client/v4/accounts/${accountId}/workers/subdomain | jq -r .result.subdomain).workers.dev/"`
        : pulumi.interpolate`CLOUDFLARE_ACCOUNT_ID=${accountId} npx wrangler dev --remote --name ${script.scriptName} ${pkg.path}`,
    logsCommand: tail,
    handle: {
      cloudflare: {
        accountId,
        knownAccountId: typeof fn.cloudflare.accountId === "string" ? fn.cloudflare.accountId : undefined,
        scriptName: script.scriptName,
      },
    },
  };
}
