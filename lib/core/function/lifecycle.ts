import { Cloud } from "../placement";
import type { FunctionRuntime } from "./runtimes";

/**
 * When a cloud stops running a runtime. Dates are ISO days (UTC), each row with the public page it comes from.
 * - `deprecated`: end of support (security patches stop); from 90 days before it, a deploy warns.
 * - `blockCreate`: from this day the cloud refuses to create a function with it: a ConfigError naming the successor.
 * - `blockUpdate`: from this day it refuses updates too (shown in the message).
 */
export interface RuntimeLifecycle {
  readonly deprecated: string;
  readonly blockCreate?: string;
  readonly blockUpdate?: string;
  /** What to move to. */
  readonly successor: FunctionRuntime;
  /** The cloud's public schedule the dates come from. */
  readonly source: string;
}

const LAMBDA = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated";
const CLOUD_RUN_FUNCTIONS = "https://cloud.google.com/functions/docs/runtime-support#support_schedule";
const AZURE_FUNCTIONS = "https://learn.microsoft.com/en-us/azure/azure-functions/supported-languages";

/**
 * One table per cloud. Only runtimes with a published date have a row; a runtime without one is supported.
 * - AWS Lambda: deprecation, "block function create" and "block function update" columns of the runtimes table.
 * - Google Cloud Run functions: deprecation, and decommission (no deploys at all: create and update blocked).
 * - Azure Functions: end of support of the language version; Azure does not block deploys after it, so it warns.
 * - Cloudflare Workers: no runtime versions; behaviour is pinned by the compatibility date instead, and every
 *   date stays supported (https://developers.cloudflare.com/workers/configuration/compatibility-dates/).
 */
export const RUNTIME_LIFECYCLES: Record<Cloud, Partial<Record<FunctionRuntime, RuntimeLifecycle>>> = {
  aws: {
    nodejs20: {
      deprecated: "2026-04-30",
      blockCreate: "2026-08-31",
      blockUpdate: "2026-09-30",
      successor: "nodejs24",
      source: LAMBDA,
    },
    python311: {
      deprecated: "2026-06-30",
      blockCreate: "2026-07-31",
      blockUpdate: "2026-08-31",
      successor: "python313",
      source: LAMBDA,
    },
    nodejs22: { deprecated: "2027-04-30", successor: "nodejs24", source: LAMBDA },
  },
  gcp: {
    nodejs20: {
      deprecated: "2026-04-30",
      blockCreate: "2026-10-30",
      blockUpdate: "2026-10-30",
      successor: "nodejs24",
      source: CLOUD_RUN_FUNCTIONS,
    },
    nodejs22: { deprecated: "2027-04-30", successor: "nodejs24", source: CLOUD_RUN_FUNCTIONS },
  },
  azure: {
    nodejs20: { deprecated: "2026-04-30", successor: "nodejs22", source: AZURE_FUNCTIONS },
  },
  cloudflare: {},
};

/** Days before `deprecated` from which a deploy warns. */
export const DEPRECATION_WARNING_DAYS = 90;

let clock: () => Date = () => new Date();

/**
 * Replaces the clock the lifecycle check reads (tests); without an argument, the real clock again.
 * @example useRuntimeClock(() => new Date("2026-12-01T00:00:00Z"))
 */
export function useRuntimeClock(now?: () => Date): void {
  clock = now ?? (() => new Date());
}

/** Today as the lifecycle check sees it. */
export function lifecycleNow(): Date {
  return clock();
}

export type RuntimeVerdict =
  | { readonly kind: "supported" }
  | { readonly kind: "warn"; readonly message: string }
  | { readonly kind: "blocked"; readonly message: string };

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** What the cloud does today with a function on this runtime. */
export function runtimeVerdict(
  cloud: Cloud,
  runtime: FunctionRuntime,
  platform: string,
  now: Date = clock(),
): RuntimeVerdict {
  const row = RUNTIME_LIFECYCLES[cloud][runtime];
  if (!row) return { kind: "supported" };
  const t = now.getTime();
  if (row.blockCreate && t >= day(row.blockCreate)) {
    const update =
      row.blockUpdate && row.blockUpdate !== row.blockCreate
        ? `, and updates from ${row.blockUpdate}`
        : row.blockUpdate
          ? " or update"
          : "";
    return {
      kind: "blocked",
      message: `${platform} no longer creates functions on ${runtime} (since ${row.blockCreate}${update}; ${row.source}); use ${row.successor}`,
    };
  }
  const deprecated = day(row.deprecated);
  if (t >= deprecated - DEPRECATION_WARNING_DAYS * 86_400_000) {
    const when = t >= deprecated ? `has been deprecated since ${row.deprecated}` : `is deprecated on ${row.deprecated}`;
    const block = row.blockCreate ? `; creating functions is blocked from ${row.blockCreate}` : "";
    return {
      kind: "warn",
      message: `${runtime} on ${platform} ${when}${block} (${row.source}); move to ${row.successor}`,
    };
  }
  return { kind: "supported" };
}
