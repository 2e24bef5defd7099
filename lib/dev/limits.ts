import { Cloud } from "../core/placement";
import { FUNCTION_LIMITS } from "../core/function/limits";

const MB = 1024 * 1024;

/** What the deployed path in front of a function enforces, reproduced by the dev server. */
export interface ServeLimits {
  /** Largest request body, in bytes; beyond it the dev server answers 413 as the cloud would. */
  readonly requestBytes: number;
  /** Largest response body, in bytes, when the platform caps it; beyond it the client gets a 502. */
  readonly responseBytes?: number;
  /** Longest wait for the handler before a 504 (seconds). */
  readonly timeoutSeconds: number;
}

/**
 * Per cloud (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html, https://cloud.google.com/run/quotas,
 * https://learn.microsoft.com/azure/azure-functions/functions-bindings-http-webhook-trigger#limits,
 * https://developers.cloudflare.com/workers/platform/limits/): Lambda's synchronous payload is 6 MB each way (it binds
 * before the HTTP API's 10 MB), Cloud Run functions take 32 MB each way, Azure Functions 100 MB of request
 * and no response cap, Workers 100 MB of request on the Free and Pro zone plans and no response cap.
 * An API Gateway integration on AWS gives up after 30 s; elsewhere the function's HTTP limit applies.
 */
export function serveLimits(cloud: Cloud, via: "api" | "url"): ServeLimits {
  switch (cloud) {
    case "aws":
      return {
        requestBytes: 6 * MB,
        responseBytes: 6 * MB,
        timeoutSeconds: via === "api" ? 30 : FUNCTION_LIMITS.aws.httpTimeoutSeconds,
      };
    case "gcp":
      return { requestBytes: 32 * MB, responseBytes: 32 * MB, timeoutSeconds: FUNCTION_LIMITS.gcp.httpTimeoutSeconds };
    case "azure":
      return { requestBytes: 100 * MB, timeoutSeconds: FUNCTION_LIMITS.azure.httpTimeoutSeconds };
    case "cloudflare":
      return { requestBytes: 100 * MB, timeoutSeconds: FUNCTION_LIMITS.cloudflare.httpTimeoutSeconds };
  }
}
