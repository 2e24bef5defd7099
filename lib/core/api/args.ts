import type { RequestAlarms } from "../alarms/args";
import type { ApiChildrenByCloud } from "../children";
import type { Cloud, CloudOf, Placement } from "../placement";
import type { TransformsFor } from "../transform";
import type { RouteTarget } from "./routes";

/** CORS settings; `true` allows every origin, method and header. */
export interface ApiGatewayCors {
  /**
   * @default ["*"]
   * @example allowOrigins: ["https://app.example.com"]
   */
  allowOrigins?: string[];
  /**
   * @default ["*"]
   * @example allowMethods: ["GET", "POST"]
   */
  allowMethods?: string[];
  /**
   * @default ["*"]
   * @example allowHeaders: ["content-type", "authorization"]
   */
  allowHeaders?: string[];
  /**
   * How long browsers may cache a preflight answer (0–86400).
   * @default undefined (the browser's own preflight cache time)
   * @example maxAgeSeconds: 600
   */
  maxAgeSeconds?: number;
}

/** Who may call the API: bearer JWTs from an OIDC issuer, or gateway API keys (Google, Azure). */
export type ApiGatewayAuth =
  | { jwt: { issuer: string; audiences: string[]; jwksUri?: string }; apiKey?: undefined }
  | { apiKey: true; jwt?: undefined };

/** A custom domain: the hostname, and optionally the DNS zone that holds it. */
export type ApiGatewayDomain =
  | string
  | {
      /** @example name: "api.example.com" */
      name: string;
      /** DNS zone of the name (default: the name without its first label). @example zone: "example.com" */
      zone?: string;
      /**
       * AWS only: the Route 53 hosted zone id of `zone`, used as is (no lookup by name).
       * @default looked up by zone name
       * @example zoneId: "Z0123456789ABCDEFGHIJ"
       */
      zoneId?: string;
      /**
       * Azure only: resource group of the Azure DNS zone, where the CNAME to `<service>.azure-api.net` and the
       * `apimuid.<name>` TXT record the managed certificate needs are created; without it, create both yourself.
       * @example zoneResourceGroup: "dns"
       */
      zoneResourceGroup?: string;
    };

/**
 * Per-child transforms of an ApiGateway on the clouds `C`: each key is a child the cloud creates, typed with its
 * SDK args (the key lists per cloud are in docs/transforms.md). With a literal `target` the keys and types are
 * exactly that cloud's.
 */
export type ApiGatewayTransforms<C extends Cloud = Cloud> = TransformsFor<ApiChildrenByCloud, C>;

export interface ApiGatewayArgs<P extends Placement = Placement> {
  /** Where the gateway runs; its functions must run on the same cloud (and on AWS, the same region). @example target: "aws:us-east-1" */
  target: P;
  /**
   * Route key → function. Keys are `"METHOD /path"` with `{param}` segments (and on AWS and Cloudflare a last
   * greedy `{path+}`); methods GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY.
   * @example routes: { "GET /users": list, "GET /users/{id}": get, "POST /users": create }
   */
  routes: Record<string, RouteTarget>;
  /**
   * CORS answered by the gateway (on Google, by the function: the gateway only lets preflights through).
   * @default undefined (no CORS headers; browsers on other origins are refused)
   * @example cors: true
   */
  cors?: boolean | ApiGatewayCors;
  /**
   * Authentication for every route. API keys: Google and Azure only.
   * @default undefined (no authentication at the gateway)
   * @example auth: { jwt: { issuer: "https://auth.example.com/", audiences: ["api"] } }
   */
  auth?: ApiGatewayAuth;
  /**
   * Custom domain with a managed certificate.
   * @default undefined (the gateway's own hostname)
   * @example domain: "api.example.com"
   */
  domain?: ApiGatewayDomain;
  /**
   * Default rate limit for all routes.
   * @default undefined (the platform's account limits only)
   * @example throttle: { ratePerSecond: 100, burst: 200 }
   */
  throttle?: { ratePerSecond: number; burst: number };
  /**
   * Access logs (default on; retention 30 days where it can be set).
   * @default true (on, 30 days where the cloud lets the gateway choose)
   * @example accessLogs: { retentionDays: 90 }
   */
  accessLogs?: boolean | { retentionDays?: number };
  /**
   * Title and version of the API in its OpenAPI document.
   * @default { title: the gateway's name, version: "1.0.0" }
   * @example info: { title: "Users API", version: "1.2.0" }
   */
  info?: { title?: string; version?: string; description?: string };
  /**
   * Error-rate and p99-latency alarms on the gateway, sent to `notify` (docs/alarms.md). Not on Cloudflare,
   * whose Notifications have no Workers metric alert.
   * @default undefined (no alarms)
   * @example alarms: { notify: { email: ["oncall@example.com"] } }
   */
  alarms?: RequestAlarms;
  /**
   * Changes the args of a child before it is created: an object merged over the args, or a function
   * `(args, opts, name) => void`. A key the target does not create is refused.
   * @default {}
   * @example transform: { stage: { description: "prod" } }
   * @example transform: { stage: (args) => { args.description = "prod"; } }
   */
  transform?: ApiGatewayTransforms<CloudOf<P>>;
}
