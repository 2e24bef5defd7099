import { Cloud } from "../placement";

/**
 * What each cloud's gateway can do natively, so that a request it cannot honour is a ConfigError before
 * anything is created instead of a silently weaker API. Sources are beside each flag.
 */
export interface GatewayCapabilities {
  /** Gateway-managed API keys. AWS HTTP APIs have none (keys and usage plans are REST-API only). */
  readonly apiKey: boolean;
  /** Greedy `{path+}` parameters. OpenAPI imports (Google, APIM) match one segment per parameter. */
  readonly greedyParams: boolean;
  /**
   * Gateway throttling without API keys. Google API Gateway quotas are counted per API key only; APIM's `rate-limit`
   * counts per subscription (https://learn.microsoft.com/azure/api-management/rate-limit-policy: "prevents API usage
   * spikes on a per subscription basis") and `rate-limit-by-key` is not available on Consumption
   * (https://learn.microsoft.com/azure/api-management/rate-limit-by-key-policy, "Gateways: ... not Consumption").
   * Without a subscription key nothing would be counted, so a throttle there needs API keys.
   */
  readonly throttleWithoutApiKey: boolean;
  /** Longest sliding window the gateway's rate limit takes, where it has one (see `throttleWindowSeconds`). */
  readonly maxThrottleWindowSeconds?: number;
  /** Why throttling needs API keys, for the error message. */
  readonly throttleUnit?: string;
  /** Access logs can be switched off and their retention chosen. Google API Gateway always logs to Cloud Logging. */
  readonly accessLogControl: boolean;
  /** Retention can be set by the component (which values: the cloud's rule in lib/core/log-retention.ts). */
  readonly accessLogRetention: boolean;
  /**
   * Without a retention given, the logs stay in the cloud's own default store (no default retention is set, nothing
   * is created for them). @default false (the component sets its default retention)
   */
  readonly accessLogRetentionOnlyWhenGiven?: boolean;
  /** The only regions the gateway can be deployed to, where it is not in every region of the cloud. */
  readonly regions?: readonly string[];
}

export const GATEWAY_CAPABILITIES: Record<Cloud, GatewayCapabilities> = {
  aws: {
    apiKey: false,
    greedyParams: true,
    throttleWithoutApiKey: true,
    accessLogControl: true,
    accessLogRetention: true,
  },
  gcp: {
    apiKey: true,
    greedyParams: false,
    throttleWithoutApiKey: false,
    throttleUnit: "Google API Gateway enforces rate limits only as quotas per API key",
    accessLogControl: false,
    // The gateway's platform logs (resource.type "apigateway.googleapis.com/Gateway",
    // https://cloud.google.com/api-gateway/docs/platform-logging) go to a log bucket of the gateway's own with the
    // retention given (lib/gcp/log-bucket.ts), as a function's do; without one they stay in _Default (30 days).
    accessLogRetention: true,
    accessLogRetentionOnlyWhenGiven: true,
    // "API Gateway supports the following Google Cloud regions for deployment":
    // https://cloud.google.com/api-gateway/docs/deployment-model#choosing_a_region
    regions: [
      "asia-northeast1",
      "australia-southeast1",
      "europe-west1",
      "europe-west2",
      "us-east1",
      "us-east4",
      "us-central1",
      "us-west2",
      "us-west3",
      "us-west4",
    ],
  },
  azure: {
    apiKey: true,
    greedyParams: false,
    throttleWithoutApiKey: false,
    throttleUnit:
      "API Management (Consumption) counts rate-limit calls per subscription and has no rate-limit-by-key, so only API-key (subscription) callers are limited",
    // rate-limit "renewal-period ... Maximum allowed value: 300 seconds":
    // https://learn.microsoft.com/azure/api-management/rate-limit-policy#attributes
    maxThrottleWindowSeconds: 300,
    accessLogControl: true,
    accessLogRetention: true,
  },
  // API keys would need a key store the router does not have. Retention: the Workers Logs plan's (the cloud's rule).
  cloudflare: {
    apiKey: false,
    greedyParams: true,
    throttleWithoutApiKey: true,
    accessLogControl: true,
    accessLogRetention: false,
  },
};

/**
 * The sliding window that holds `burst` calls at the long-run `ratePerSecond`: ceil(burst / rate) seconds, at least 1
 * (APIM's `rate-limit` is `calls` per `renewal-period`).
 */
export function throttleWindowSeconds(t: { ratePerSecond: number; burst: number }): number {
  return Math.max(1, Math.ceil(t.burst / t.ratePerSecond));
}
