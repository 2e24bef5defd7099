import * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../placement";
import type { CheckedTransforms } from "../transform";
import type { HealthPreset } from "../dns/presets";
import type { ServiceDns, ServiceStrategy } from "./args";
import type { FrontKind } from "./front";

/** One region as the expansion needs it: size, count, env and its share of traffic, all resolved. */
export interface RegionSpec {
  /** The placement string, e.g. `aws:us-east-1`: the key of `endpoints` and `perRegion`. */
  key: string;
  cloud: Exclude<Cloud, "cloudflare">;
  region: string;
  /** Short, stable label used in child names (`<name>-<label>-...`): the region itself. */
  label: string;
  cpu: number;
  memoryMb: number;
  count: number;
  environment: Record<string, pulumi.Input<string>>;
  /** Weight for `weighted` (0-255). */
  weight: number;
  /** Failover priority: 1 = primary, then the listed order. Moving `primary` changes only these numbers. */
  priority: number;
  primary: boolean;
  /** Deployed but sent no traffic. */
  drained: boolean;
}

export interface HealthCheckSpec {
  preset: HealthPreset;
  /** The timing fields the user gave (a front maps these as given, and fills the others from its own preset). */
  explicit: readonly ("intervalSeconds" | "failureThreshold" | "timeoutSeconds")[];
  path: string;
  intervalSeconds: number;
  failureThreshold: number;
  timeoutSeconds: number;
}

/** Everything the per-cloud expansions need, validated and with defaults applied. */
export interface ServiceSpec {
  component: string;
  name: string;
  image: pulumi.Input<string>;
  port: number;
  command?: string[];
  healthCheck: HealthCheckSpec;
  strategy: ServiceStrategy;
  dns?: ServiceDns & { fqdn: string };
  front: FrontKind;
  regions: RegionSpec[];
  /** `container.secrets`: kept in each cloud's secret store, referenced (never inlined) by the container. */
  secrets: Record<string, pulumi.Input<string>>;
  logRetentionDays: number;
  /** Whether the user gave `logRetentionDays` (Cloud Run logs stay in the project's `_Default` bucket otherwise). */
  logRetentionGiven: boolean;
  privateNetworking: boolean;
  /** `azure.originAccess`: how Front Door's origins can be reached (args.ts ServiceAzureOptions). */
  azureOriginAccess: "public" | "private-link";
  /** Shape-checked here; the keys are checked against the regions' clouds' children before any backend runs. */
  transform: CheckedTransforms;
}
