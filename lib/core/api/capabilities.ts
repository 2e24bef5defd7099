import { Cloud } from "../placement";

/**
 * What each cloud's gateway can do natively, so that a request it cannot honour is a ConfigError before
 * anything is created instead of a silently weaker API (reference: serverless-api.md §3).
 */
export interface GatewayCapabilities {
  /** Gateway-managed API keys. AWS HTTP APIs have none (keys and usage plans are REST-API only). */
  readonly apiKey: boolean;
  /** Greedy `{path+}` parameters. OpenAPI imports (Google, APIM) match one segment per parameter. */
  readonly greedyParams: boolean;
  /** Gateway throttling without API keys. Google API Gateway quotas are counted per API key only. */
  readonly throttleWithoutApiKey: boolean;
  /** Access logs can be switched off and their retention chosen. Google API Gateway always logs to Cloud Logging. */
  readonly accessLogControl: boolean;
  /** Retention can be set by the component. */
  readonly accessLogRetention: boolean;
  /** Allowed retention values, when restricted to a list. */
  readonly retentionDays?: readonly number[];
  readonly retentionRange?: readonly [number, number];
}

export const GATEWAY_CAPABILITIES: Record<Cloud, GatewayCapabilities> = {
  aws: {
    apiKey: false,
    greedyParams: true,
    throttleWithoutApiKey: true,
    accessLogControl: true,
    accessLogRetention: true,
    retentionDays: [
      1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ],
  },
  gcp: {
    apiKey: true,
    greedyParams: false,
    throttleWithoutApiKey: false,
    accessLogControl: false,
    accessLogRetention: false,
  },
  // Log Analytics workspace retention (PerGB2018 tier).
  azure: {
    apiKey: true,
    greedyParams: false,
    throttleWithoutApiKey: true,
    accessLogControl: true,
    accessLogRetention: true,
    retentionRange: [30, 730],
  },
  // Workers Logs keep a fixed retention set by the plan; API keys would need a key store the router does not have.
  cloudflare: {
    apiKey: false,
    greedyParams: true,
    throttleWithoutApiKey: true,
    accessLogControl: true,
    accessLogRetention: false,
  },
};

/** Default access-log retention (days) where it can be set. */
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 30;
