import * as path from "path";
import type { Placement } from "../lib/core/placement";
import type { Program } from "../lib/engine/record";

/** The benchmark's generated stacks, by kind and size. */
export type StackKind = "regions" | "functions";

export const HANDLER = path.join(__dirname, "fixtures", "handler.ts");

/** The library's sources; the bench passes its compiled copy instead (bench/compile.ts). */
export const SOURCE_LIB = path.join(__dirname, "..", "lib");

/** Loads a module of the library tree at `lib` (sources or compiled copy). */
export function libModule<T>(lib: string, name: string): T {
  return require(path.join(lib, name)) as T;
}

/** Functions behind each ApiGateway in the `functions` stacks. */
export const FUNCTIONS_PER_API = 10;

/**
 * Distinct commercial AWS regions in a fixed order (GovCloud and China are left out: they are other
 * partitions, which a Route 53 public zone in the `aws` partition cannot front).
 */
export function awsRegions(n: number): Placement[] {
  const { AWS_REGIONS, awsPartition } = require("../lib/core/regions") as typeof import("../lib/core/regions");
  const commercial = AWS_REGIONS.filter((r) => awsPartition(r) === "aws");
  if (n > commercial.length) throw new Error(`only ${commercial.length} commercial AWS regions`);
  return commercial.slice(0, n).map((r) => `aws:${r}` as Placement);
}

/** Regions of any cloud, for the critical path: the first `n` of a fixed, spread-out list. */
export function regionsOf(cloud: "aws" | "gcp" | "azure", n: number): Placement[] {
  const lists = {
    aws: awsRegions(20),
    gcp: ["us-central1", "europe-west1", "asia-northeast1", "us-east4", "europe-west4", "australia-southeast1"].map(
      (r) => `gcp:${r}`,
    ),
    azure: ["westeurope", "northeurope", "eastus", "westus2", "southeastasia", "japaneast"].map((r) => `azure:${r}`),
  } as Record<string, string[]>;
  return lists[cloud].slice(0, n) as Placement[];
}

/**
 * A MultiRegionService over `regions` with the front each cloud uses by default: Route 53 latency records for
 * AWS, the global load balancer for Google Cloud, Front Door for Azure.
 */
export function serviceProgram(regions: Placement[], lib = SOURCE_LIB): Program {
  return () => {
    // Loaded inside the program: loading the library is part of what the measurement charges it for.
    const { MultiRegionService } = libModule<typeof import("../lib/multi-region-service")>(lib, "multi-region-service");
    const azureOnly = regions.every((r) => r.startsWith("azure:"));
    const svc = new MultiRegionService("svc", {
      regions,
      container: { image: "public.ecr.aws/nginx/nginx:1.27", port: 80 },
      routing: azureOnly
        ? { strategy: "latency" }
        : {
            strategy: "latency",
            dns: {
              provider: "route53",
              zone: "example.com",
              record: "api",
              route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
            },
          },
    });
    return { url: svc.url, failoverSeconds: svc.failoverSeconds };
  };
}

/** `n` ServerlessFunctions on AWS (one shared handler), `FUNCTIONS_PER_API` of them behind each ApiGateway. */
export function functionsProgram(n: number, lib = SOURCE_LIB, target: Placement = "aws:us-east-1"): Program {
  return () => {
    const { ServerlessFunction } = libModule<typeof import("../lib/serverless-function")>(lib, "serverless-function");
    const { ApiGateway } = libModule<typeof import("../lib/api-gateway")>(lib, "api-gateway");
    const urls: Record<string, unknown> = {};
    for (let api = 0; api * FUNCTIONS_PER_API < n; api++) {
      const routes: Record<string, InstanceType<typeof ServerlessFunction>> = {};
      for (let i = api * FUNCTIONS_PER_API; i < Math.min(n, (api + 1) * FUNCTIONS_PER_API); i++) {
        routes[`GET /f${i}`] = new ServerlessFunction(`fn${i}`, {
          target,
          entry: HANDLER,
          environment: { INDEX: String(i) },
        });
      }
      urls[`api${api}`] = new ApiGateway(`api${api}`, { target, routes }).url;
    }
    return urls;
  };
}

/** The program of a stack kind at a size. */
export function stackProgram(kind: StackKind, size: number, lib = SOURCE_LIB): Program {
  return kind === "regions" ? serviceProgram(awsRegions(size), lib) : functionsProgram(size, lib);
}
