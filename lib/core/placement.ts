import { ConfigError, describe } from "./errors";
import { AWS_REGIONS, AZURE_REGIONS, GCP_REGIONS } from "./regions";

/** The clouds Meridian expands to. */
export type Cloud = "aws" | "gcp" | "azure" | "cloudflare";
export const CLOUDS: readonly Cloud[] = ["aws", "gcp", "azure", "cloudflare"];

/**
 * Where something runs: `"aws:us-east-1"`, `"gcp:europe-west1"`, `"azure:westeurope"` or `"cloudflare"` (global).
 * @example
 * const where: Placement = "aws:eu-west-1";
 */
export type Placement = `aws:${string}` | `gcp:${string}` | `azure:${string}` | "cloudflare";

/**
 * The cloud of a placement type, so that types can follow the target: `CloudOf<"aws:us-east-1">` is `"aws"`, and
 * `CloudOf<Placement>` is every cloud.
 */
export type CloudOf<P extends Placement> = P extends `${infer C}:${string}` ? Extract<C, Cloud> : "cloudflare";

/** A parsed placement. `region` is absent for Cloudflare, whose network is global. */
export interface ParsedPlacement {
  readonly cloud: Cloud;
  readonly region?: string;
  /** The placement string as given, e.g. `"aws:us-east-1"`: a stable key for maps and names. */
  readonly key: string;
}

const CATALOGUE: Record<Exclude<Cloud, "cloudflare">, readonly string[]> = {
  aws: AWS_REGIONS,
  gcp: GCP_REGIONS,
  azure: AZURE_REGIONS,
};

/**
 * Parses and checks a placement against the cloud's region catalogue.
 * @throws ConfigError naming `component` and `field` for an unknown cloud or region.
 */
export function parsePlacement(value: unknown, component: string, field: string): ParsedPlacement {
  const allowed = `"aws:<region>", "gcp:<region>", "azure:<region>" or "cloudflare"`;
  if (typeof value !== "string" || value.length === 0) {
    throw new ConfigError(component, field, `got ${describe(value)}; expected a placement string: ${allowed}`);
  }
  if (value === "cloudflare") return { cloud: "cloudflare", key: value };
  const sep = value.indexOf(":");
  const cloud = sep < 0 ? value : value.slice(0, sep);
  if (cloud === "cloudflare") {
    throw new ConfigError(
      component,
      field,
      `got ${describe(value)}; Cloudflare is global: write "cloudflare" with no region`,
    );
  }
  if (cloud !== "aws" && cloud !== "gcp" && cloud !== "azure") {
    throw new ConfigError(
      component,
      field,
      `got ${describe(value)}: unknown cloud ${describe(cloud)}; expected ${allowed}`,
    );
  }
  const region = sep < 0 ? "" : value.slice(sep + 1);
  const regions = CATALOGUE[cloud];
  if (!regions.includes(region)) {
    const near = regions.filter((r) => r.startsWith(region.slice(0, 4))).slice(0, 6);
    const hint =
      near.length > 0
        ? `; did you mean one of ${near.join(", ")}?`
        : `; see the ${cloud} region catalogue in lib/core/regions.ts`;
    throw new ConfigError(
      component,
      field,
      `got ${describe(value)}: ${describe(region)} is not a ${cloud} region${hint}`,
    );
  }
  return { cloud, region, key: value };
}
