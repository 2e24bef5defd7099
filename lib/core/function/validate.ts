import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { describe } from "../errors";
import { ParsedPlacement } from "../placement";
import { everyKeyListed } from "../arg-keys";
import { checkLogRetention } from "../log-retention";
import { CheckedTransforms, checkTransformShape } from "../transform";
import { Validator } from "../validate";
import { validateSecretEnvironment } from "../secret-environment";
import { FunctionTrigger, ServerlessFunctionArgs } from "./args";
import { CONTAINER_HINT, FAAS_CEILING, FUNCTION_LIMITS, formatBytes } from "./limits";
import { DEFAULT_RUNTIME, FUNCTION_RUNTIMES, FunctionRuntime, RUNTIMES, RuntimeInfo, runtimesFor } from "./runtimes";
import { ParsedSchedule, parseSchedule } from "./schedule";
import { runtimeVerdict } from "./lifecycle";
import { CodeSource, validateCodeSource } from "./code-source";
import { GcpFunctionSettings, validateGcpFunctionOptions } from "./gcp-options";

export interface ValidatedSchedule {
  readonly expression: string;
  readonly parsed: ParsedSchedule;
  readonly timezone?: string;
}

/** ServerlessFunction args after validation: normalised, defaults applied, ready for any cloud. */
export interface FunctionSpec {
  readonly component: string;
  readonly name: string;
  readonly placement: ParsedPlacement;
  readonly runtime: FunctionRuntime;
  readonly runtimeInfo: RuntimeInfo;
  readonly source: { readonly kind: "entry"; readonly entry: string } | CodeSource;
  /** What the user asked for; absent means the cloud's default. */
  readonly memoryMb?: number;
  readonly timeoutSeconds: number;
  /** Whether the user set `timeoutSeconds` (Cloudflare only sets a CPU limit then: the Free plan rejects one). */
  readonly timeoutGiven: boolean;
  readonly environment: Record<string, pulumi.Input<string>>;
  readonly secrets: Record<string, pulumi.Input<string>>;
  readonly http: boolean;
  readonly url: boolean;
  readonly schedules: readonly ValidatedSchedule[];
  readonly queue?: { readonly batchSize: number; readonly maxRetries: number };
  readonly logRetentionDays: number;
  /** Whether the user gave `logRetentionDays` (Google Cloud keeps the project's `_Default` bucket otherwise). */
  readonly logRetentionGiven: boolean;
  readonly architecture: "arm64" | "x86_64";
  readonly cloudflare: NonNullable<ServerlessFunctionArgs["cloudflare"]> & { accountId?: pulumi.Input<string> };
  /** Google Cloud settings, defaults applied (the platform is "cloud-functions" unless asked). */
  readonly gcp: GcpFunctionSettings;
  /** Shape-checked here; the keys are checked against the target's children before the backend runs. */
  readonly transform: CheckedTransforms;
  /** What the deploy should warn about (a runtime near or past its deprecation). */
  readonly warnings: readonly string[];
}

const ARG_KEYS = [
  "target",
  "runtime",
  "entry",
  "code",
  "handler",
  "memoryMb",
  "timeoutSeconds",
  "environment",
  "secrets",
  "triggers",
  "logRetentionDays",
  "url",
  "architecture",
  "gcp",
  "cloudflare",
  "alarms",
  "transform",
] as const satisfies readonly (keyof ServerlessFunctionArgs)[];
everyKeyListed<ServerlessFunctionArgs, typeof ARG_KEYS>(true);
// Variables the platforms reserve: setting them breaks the runtime or is rejected at deploy time. Cloud Run reserves
// its container contract's PORT, K_SERVICE, K_REVISION and K_CONFIGURATION
// (https://cloud.google.com/run/docs/container-contract#services-env-vars, "reserved and cannot be set":
// https://cloud.google.com/run/docs/configuring/services/environment-variables#reserved-names); Cloud Run functions
// also FUNCTION_TARGET and FUNCTION_SIGNATURE_TYPE
// (https://cloud.google.com/run/docs/configuring/services/overview-environment-variables).
const RESERVED_ENV =
  /^(AWS_|LAMBDA_|_HANDLER$|FUNCTIONS_|WEBSITE_|AzureWebJobs|K_SERVICE$|K_REVISION$|K_CONFIGURATION$|PORT$|FUNCTION_TARGET$|FUNCTION_SIGNATURE_TYPE$|MERIDIAN_)/i;

/**
 * Validates ServerlessFunction args for their target, synchronously, before anything is registered.
 * @throws ConfigError naming the field, what was given and the limit that applies.
 */
export function validateFunctionArgs(name: unknown, rawArgs: unknown): FunctionSpec {
  const component = `ServerlessFunction ${describe(name)}`;
  const v = new Validator(component);
  v.componentName(name);
  const args = v.object(rawArgs, "args", { allowedKeys: ARG_KEYS }) as Record<string, unknown>;
  const placement = v.placement(args.target, "target");
  const cloud = placement.cloud;
  const limits = FUNCTION_LIMITS[cloud];

  const runtime = v.oneOf(args.runtime, "runtime", FUNCTION_RUNTIMES, { optional: true }) ?? DEFAULT_RUNTIME;
  const runtimeInfo = RUNTIMES[runtime];
  if (runtimeInfo.native[cloud] === undefined) {
    const why =
      cloud === "azure"
        ? " (Python on Azure needs Linux: Linux Consumption is retired and Flex Consumption needs a OneDeploy step outside Pulumi)"
        : "";
    v.fail("runtime", `got ${describe(runtime)}; ${limits.platform} supports ${runtimesFor(cloud).join(", ")}${why}`);
  }
  // The cloud's own lifecycle: refused once it no longer creates functions on it, a warning near deprecation.
  const warnings: string[] = [];
  const verdict = runtimeVerdict(cloud, runtime, limits.platform);
  if (verdict.kind === "blocked") v.fail("runtime", `got ${describe(runtime)}; ${verdict.message}`);
  if (verdict.kind === "warn") warnings.push(`${component}: ${verdict.message}`);

  // Source: entry (portable) xor code + handler (native).
  const entry = v.string(args.entry, "entry", { optional: true });
  const code: unknown = args.code;
  const handler = v.string(args.handler, "handler", { optional: true });
  let source: FunctionSpec["source"];
  if (entry !== undefined && code !== undefined)
    v.fail(
      "code",
      "entry and code are exclusive: give a portable handler (entry) or a native directory (code + handler)",
    );
  if (entry !== undefined) {
    if (handler !== undefined)
      v.fail("handler", "handler goes with code; a portable entry's handler is its default export");
    if (runtimeInfo.language !== "node")
      v.fail(
        "runtime",
        `got ${describe(runtime)}; a portable entry is bundled for Node.js: use nodejs20, nodejs22 or nodejs24, or code + handler for Python`,
      );
    const file = path.resolve(entry);
    if (!isFile(file)) v.fail("entry", `got ${describe(entry)}; no such file (resolved to ${file})`);
    if (!/\.(ts|mts|cts|js|mjs|cjs|tsx|jsx)$/.test(file))
      v.fail("entry", `got ${describe(entry)}; expected a .ts or .js module`);
    source = { kind: "entry", entry: file };
  } else if (code !== undefined) {
    if (handler === undefined)
      return v.fail("handler", 'got undefined; code needs a native handler (e.g. "main.handler")');
    source = validateCodeSource(v, code, handler);
    if (cloud === "cloudflare" && !isFile(path.join(source.dir, handler)))
      v.fail(
        "handler",
        `got ${describe(handler)}; on Cloudflare the handler is the main module file inside code (${source.dir})`,
      );
  } else {
    v.fail("entry", "got undefined; give entry (a portable handler) or code + handler");
  }

  const memoryMb = v.integer(args.memoryMb, "memoryMb", { optional: true, min: 1 });
  if (memoryMb !== undefined && (memoryMb < limits.memoryMb.min || memoryMb > limits.memoryMb.max)) {
    const range =
      limits.memoryMb.min === limits.memoryMb.max
        ? `a fixed ${limits.memoryMb.max} MB`
        : `${limits.memoryMb.min} to ${limits.memoryMb.max} MB`;
    const hint = memoryMb > FAAS_CEILING.memoryMb ? `; ${CONTAINER_HINT}` : "";
    v.fail("memoryMb", `got ${memoryMb}; ${limits.platform} allows ${range}${hint}`);
  }

  const triggers = validateTriggers(v, args.triggers, cloud);
  const timeoutSeconds = v.integer(args.timeoutSeconds, "timeoutSeconds", { optional: true, min: 1 }) ?? 30;
  const maxTimeout = triggers.http ? limits.httpTimeoutSeconds : limits.eventTimeoutSeconds;
  if (timeoutSeconds > maxTimeout) {
    const kind = triggers.http ? "an HTTP" : "an event-driven";
    const hint = timeoutSeconds > FAAS_CEILING.timeoutSeconds ? `; ${CONTAINER_HINT}` : "";
    v.fail(
      "timeoutSeconds",
      `got ${timeoutSeconds}; ${limits.platform} allows at most ${maxTimeout} s for ${kind} function${hint}`,
    );
  }

  const { environment, secrets } = validateSecretEnvironment(v, args.environment, args.secrets, {
    prefix: "",
    clouds: [cloud],
    reserved: RESERVED_ENV,
  });
  if (limits.environmentBytes !== undefined) {
    const plain = Object.entries(environment).reduce(
      (n, [k, val]) => n + k.length + (typeof val === "string" ? Buffer.byteLength(val) : 0),
      0,
    );
    if (plain > limits.environmentBytes)
      v.fail(
        "environment",
        `got ${formatBytes(plain)} of variables; ${limits.platform} allows ${formatBytes(limits.environmentBytes)}`,
      );
  }

  // One rule per cloud (lib/core/log-retention.ts), the same for every component: refused, never rounded.
  const retention = checkLogRetention(v, args.logRetentionDays, "logRetentionDays", [placement]);

  const url = v.boolean(args.url, "url", { optional: true }) ?? false;
  if (url && !triggers.http) v.fail("url", 'url needs an http trigger; add { type: "http" } to triggers');
  const architecture =
    v.oneOf(args.architecture, "architecture", ["arm64", "x86_64"] as const, { optional: true }) ?? "arm64";
  if (args.architecture !== undefined && cloud !== "aws")
    v.fail("architecture", `only AWS Lambda lets you choose; ${limits.platform} picks the machine`);

  const gcp = validateGcpFunctionOptions(v, args.gcp, placement, source!, triggers.queue !== undefined, url);
  const cf = {
    ...(v.object(args.cloudflare, "cloudflare", {
      optional: true,
      allowedKeys: ["accountId", "workersDevSubdomain", "domain", "compatibilityDate"],
    }) ?? {}),
  };
  if (args.cloudflare !== undefined && cloud !== "cloudflare")
    v.fail("cloudflare", `Cloudflare settings given for target ${describe(placement.key)}`);
  if (cf.accountId !== undefined && typeof cf.accountId !== "string" && !pulumi.Output.isInstance(cf.accountId))
    v.fail("cloudflare.accountId", `got ${describe(cf.accountId)}; expected a string`);
  if (typeof cf.accountId === "string" && !/^[0-9a-f]{32}$/.test(cf.accountId))
    v.fail("cloudflare.accountId", `got ${describe(cf.accountId)}; expected 32 hexadecimal characters`);
  v.string(cf.workersDevSubdomain, "cloudflare.workersDevSubdomain", {
    optional: true,
    pattern: /^[a-z0-9-]{1,63}$/,
    patternHelp: "a subdomain label (lowercase letters, digits, hyphens)",
  });
  v.string(cf.compatibilityDate, "cloudflare.compatibilityDate", {
    optional: true,
    pattern: /^\d{4}-\d{2}-\d{2}$/,
    patternHelp: "a date YYYY-MM-DD",
  });
  if (cloud === "cloudflare") {
    cf.accountId ??= new pulumi.Config("cloudflare").get("accountId");
    if (cf.accountId === undefined)
      v.fail(
        "cloudflare.accountId",
        "got undefined; give cloudflare.accountId or set the `cloudflare:accountId` stack config",
      );
    if (typeof cf.accountId === "string" && !/^[0-9a-f]{32}$/.test(cf.accountId))
      v.fail("cloudflare.accountId", `got ${describe(cf.accountId)}; expected 32 hexadecimal characters`);
    cf.workersDevSubdomain ??= new pulumi.Config().get("cloudflareWorkersSubdomain");
  }
  const domain = v.object(cf.domain, "cloudflare.domain", { optional: true, allowedKeys: ["hostname", "zoneId"] });
  if (domain) {
    v.hostname(domain.hostname, "cloudflare.domain.hostname");
    if (typeof domain.zoneId !== "string" && !pulumi.Output.isInstance(domain.zoneId))
      v.fail("cloudflare.domain.zoneId", `got ${describe(domain.zoneId)}; expected the zone id string`);
  }

  const transform = checkTransformShape(args.transform, component);

  return {
    component,
    name: name as string,
    placement,
    runtime,
    runtimeInfo,
    source: source!,
    memoryMb,
    timeoutSeconds,
    timeoutGiven: args.timeoutSeconds !== undefined,
    environment,
    secrets,
    http: triggers.http,
    url,
    schedules: triggers.schedules,
    queue: triggers.queue,
    logRetentionDays: retention.days,
    logRetentionGiven: retention.given,
    architecture,
    gcp,
    cloudflare: cf as FunctionSpec["cloudflare"],
    transform,
    warnings,
  };
}

function validateTriggers(v: Validator, value: unknown, cloud: ParsedPlacement["cloud"]) {
  const list = v.array(value, "triggers", { optional: true, minLength: 1 }) ?? [{ type: "http" }];
  let http = false;
  const schedules: ValidatedSchedule[] = [];
  let queue: FunctionSpec["queue"];
  list.forEach((raw, i) => {
    const field = `triggers.${i}`;
    const t = v.object(raw, field) as Record<string, unknown>;
    const type = v.oneOf(t.type, `${field}.type`, ["http", "schedule", "queue"] as const) as FunctionTrigger["type"];
    if (type === "http") {
      v.object(t, field, { allowedKeys: ["type"] });
      if (http) v.fail(field, "a second http trigger; one is enough");
      http = true;
    } else if (type === "schedule") {
      v.object(t, field, { allowedKeys: ["type", "schedule", "timezone"] });
      const expression = v.string(t.schedule, `${field}.schedule`);
      const parsed = parseSchedule(expression);
      if (typeof parsed === "string") v.fail(`${field}.schedule`, `got ${describe(expression)}; ${parsed}`);
      const timezone = v.string(t.timezone, `${field}.timezone`, {
        optional: true,
        pattern: /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/,
        patternHelp: 'an IANA time zone such as "Europe/Paris"',
      });
      // Cloudflare Cron Triggers run in UTC (https://developers.cloudflare.com/workers/configuration/cron-triggers/).
      // Azure takes a time zone only app-wide, as a Windows time-zone name in WEBSITE_TIME_ZONE on a Windows plan
      // (https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-time-zones): not an IANA name.
      if (timezone !== undefined && (cloud === "azure" || cloud === "cloudflare")) {
        v.fail(
          `${field}.timezone`,
          cloud === "azure"
            ? "Azure timer triggers run in UTC unless the whole app sets WEBSITE_TIME_ZONE to a Windows time-zone name, which Meridian does not map from IANA names; write the cron in UTC and drop timezone"
            : "Cloudflare cron triggers run in UTC; write the cron in UTC and drop timezone",
        );
      }
      schedules.push({ expression, parsed: parsed as ParsedSchedule, timezone });
    } else {
      v.object(t, field, { allowedKeys: ["type", "batchSize", "maxRetries"] });
      if (queue) v.fail(field, "a second queue trigger; a function consumes one queue");
      if (cloud === "gcp" && t.batchSize !== undefined && t.batchSize !== 1) {
        v.fail(
          `${field}.batchSize`,
          `got ${describe(t.batchSize)}; Eventarc delivers Pub/Sub messages one at a time (1)`,
        );
      }
      if (cloud === "gcp" && t.maxRetries !== undefined) {
        v.fail(
          `${field}.maxRetries`,
          "Eventarc retries a Pub/Sub event with exponential backoff for up to 24 hours; the count is not configurable on Google Cloud",
        );
      }
      const batchSize =
        v.integer(t.batchSize, `${field}.batchSize`, { optional: true, min: 1, max: 10 }) ?? (cloud === "gcp" ? 1 : 10);
      const maxRetries = v.integer(t.maxRetries, `${field}.maxRetries`, { optional: true, min: 1, max: 100 }) ?? 3;
      queue = { batchSize, maxRetries };
    }
  });
  if (cloud === "gcp" && queue && (http || schedules.length > 0)) {
    // A Cloud Functions gen2 function has either an HTTP trigger or one event trigger.
    v.fail(
      "triggers",
      "on Google Cloud a queue (Pub/Sub event) function has no other trigger; use a second ServerlessFunction for http/schedule",
    );
  }
  return { http, schedules, queue };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Checks a built package against the target's size limit (after bundling, still before any resource).
 * @throws ConfigError on `entry` or `code` stating the limit.
 */
export function checkPackageSize(fn: FunctionSpec, sizes: { zipped: number; gzipped: number }): void {
  const limits = FUNCTION_LIMITS[fn.placement.cloud];
  const size = limits.packageMeasure === "zipped" ? sizes.zipped : sizes.gzipped;
  if (size > limits.packageBytes) {
    const hint =
      size > Math.max(...Object.values(FUNCTION_LIMITS).map((l) => l.packageBytes)) ? `; ${CONTAINER_HINT}` : "";
    new Validator(fn.component).fail(
      fn.source.kind,
      `package is ${formatBytes(size)} ${limits.packageMeasure}; ${limits.platform} allows ${formatBytes(limits.packageBytes)}${hint}`,
    );
  }
}
