import { Cloud } from "../placement";

/** The hard limits of one FaaS platform, as Meridian deploys it (sources beside each platform's entry). */
export interface FunctionLimits {
  readonly platform: string;
  readonly memoryMb: { readonly min: number; readonly max: number };
  /** Longest run for an HTTP-triggered function (seconds). */
  readonly httpTimeoutSeconds: number;
  /** Longest run for an event-triggered function (seconds). */
  readonly eventTimeoutSeconds: number;
  /** Largest deployment package, in bytes, and how it is measured. */
  readonly packageBytes: number;
  readonly packageMeasure: "zipped" | "gzipped";
  /** Total size of environment variables, in bytes (names + values), when the platform caps it. */
  readonly environmentBytes?: number;
  /** Longest physical function name. */
  readonly nameLength: number;
}

const MB = 1024 * 1024;

export const FUNCTION_LIMITS: Record<Cloud, FunctionLimits> = {
  // Lambda on-demand: 128-10,240 MB, 900 s, 50 MB zipped direct upload, 4 KB of environment variables
  // (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html); FunctionName up to 64 characters
  // (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html).
  aws: {
    platform: "AWS Lambda",
    memoryMb: { min: 128, max: 10240 },
    httpTimeoutSeconds: 900,
    eventTimeoutSeconds: 900,
    packageBytes: 50 * MB,
    packageMeasure: "zipped",
    environmentBytes: 4096,
    nameLength: 64,
  },
  // Cloud Run functions (gen2): 128 MiB-32 GiB, HTTP 60 min, event-driven 9 min
  // (https://cloud.google.com/functions/quotas, https://cloud.google.com/functions/docs/configuring/timeout).
  gcp: {
    platform: "Cloud Run functions",
    memoryMb: { min: 128, max: 32768 },
    httpTimeoutSeconds: 3600,
    eventTimeoutSeconds: 540,
    packageBytes: 100 * MB,
    packageMeasure: "zipped",
    nameLength: 63,
  },
  // Windows Consumption (Y1): about 1.5 GB per instance, 10 min, HTTP responses capped at 230 s by the load balancer
  // (https://learn.microsoft.com/azure/azure-functions/functions-scale#service-limits and #timeout).
  azure: {
    platform: "Azure Functions Consumption",
    memoryMb: { min: 128, max: 1536 },
    httpTimeoutSeconds: 230,
    eventTimeoutSeconds: 600,
    packageBytes: 1024 * MB,
    packageMeasure: "zipped",
    nameLength: 60,
  },
  // Workers: 128 MB isolates, CPU time up to 5 min on the Paid plan, 10 MB script after compression (Paid)
  // (https://developers.cloudflare.com/workers/platform/limits/).
  cloudflare: {
    platform: "Cloudflare Workers",
    memoryMb: { min: 128, max: 128 },
    httpTimeoutSeconds: 300,
    eventTimeoutSeconds: 300,
    packageBytes: 10 * MB,
    packageMeasure: "gzipped",
    environmentBytes: 128 * 5 * 1024,
    nameLength: 63,
  },
};

/** The largest memory and timeout any FaaS platform above offers: beyond them, a container is the answer. */
export const FAAS_CEILING = {
  memoryMb: Math.max(...Object.values(FUNCTION_LIMITS).map((l) => l.memoryMb.max)),
  timeoutSeconds: Math.max(
    ...Object.values(FUNCTION_LIMITS).map((l) => Math.max(l.httpTimeoutSeconds, l.eventTimeoutSeconds)),
  ),
};

export const CONTAINER_HINT =
  "this exceeds every FaaS platform's limit; run it as a container with MultiRegionService instead";

/** Human form of a byte count for error messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(bytes % MB === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
