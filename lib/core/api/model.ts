import { Cloud, ParsedPlacement } from "../placement";
import { FunctionHandle } from "../function-handle";
import type { CheckedTransforms } from "../transform";
import { HttpMethod, ParsedRoute } from "./routes";

/** CORS after defaults: what every gateway (or the Cloudflare router) is configured with. */
export interface CorsSpec {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly maxAgeSeconds?: number;
}

export type AuthSpec =
  | { readonly kind: "jwt"; readonly issuer: string; readonly audiences: readonly string[]; readonly jwksUri?: string }
  | { readonly kind: "apiKey" };

export interface ThrottleSpec {
  readonly ratePerSecond: number;
  readonly burst: number;
}

export interface AccessLogSpec {
  readonly enabled: boolean;
  /**
   * Retention in days where the cloud lets us set it (AWS, Azure: 30 when none is given; Google Cloud: only when given,
   * the logs stay in the project's _Default bucket otherwise); undefined elsewhere.
   */
  readonly retentionDays?: number;
}

export interface DomainSpec {
  /** The custom hostname, lower case: `api.example.com`. */
  readonly name: string;
  /** The DNS zone that holds it: `example.com` (default: the name without its first label). */
  readonly zone: string;
  /** AWS only: the Route 53 hosted zone id of `zone`; without it the zone is looked up by name. */
  readonly zoneId?: string;
  /** Azure only: the resource group of the Azure DNS zone; without it no record is created on Azure. */
  readonly zoneResourceGroup?: string;
}

/** The validated, cloud-neutral description of an API: what every cloud expansion and the OpenAPI builder read. */
export interface ApiSpec {
  /** Logical name of the ApiGateway component. */
  readonly name: string;
  readonly placement: ParsedPlacement;
  readonly cloud: Cloud;
  /** Routes sorted by path then method: the order of every generated artefact. */
  readonly routes: readonly ParsedRoute[];
  /** The distinct functions behind the routes, in order of first use. */
  readonly functions: readonly FunctionHandle[];
  readonly cors?: CorsSpec;
  readonly auth?: AuthSpec;
  readonly throttle?: ThrottleSpec;
  readonly accessLogs: AccessLogSpec;
  readonly domain?: DomainSpec;
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  /** Shape-checked here; the keys are checked against the target's children before the backend runs. */
  readonly transform: CheckedTransforms;
}

export type { HttpMethod, ParsedRoute };
