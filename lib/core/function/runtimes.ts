import { Cloud } from "../placement";

/** Neutral runtime ids a ServerlessFunction accepts. */
export const FUNCTION_RUNTIMES = ["nodejs20", "nodejs22", "nodejs24", "python311", "python312", "python313"] as const;
export type FunctionRuntime = (typeof FUNCTION_RUNTIMES)[number];

export interface RuntimeInfo {
  readonly language: "node" | "python";
  /** Major (node) or major.minor (python) version. */
  readonly version: string;
  /** The cloud's own runtime id, or absent when the cloud cannot run it with a Pulumi-only deployment. */
  readonly native: Partial<Record<Cloud, string>>;
  /** esbuild `target` for Node bundles. */
  readonly esbuildTarget?: string;
}

/**
 * Which neutral runtime maps to which native runtime on each cloud.
 * Azure runs Node only: Python needs Linux, Linux Consumption is retired and Flex Consumption needs an
 * out-of-band OneDeploy step (see docs/serverless-function.md). Cloudflare runs JavaScript (V8 isolates) for
 * every Node runtime id.
 */
export const RUNTIMES: Record<FunctionRuntime, RuntimeInfo> = {
  nodejs20: {
    language: "node",
    version: "20",
    esbuildTarget: "node20",
    native: { aws: "nodejs20.x", gcp: "nodejs20", azure: "~20", cloudflare: "javascript" },
  },
  nodejs22: {
    language: "node",
    version: "22",
    esbuildTarget: "node22",
    native: { aws: "nodejs22.x", gcp: "nodejs22", azure: "~22", cloudflare: "javascript" },
  },
  nodejs24: {
    language: "node",
    version: "24",
    esbuildTarget: "node24",
    native: { aws: "nodejs24.x", gcp: "nodejs24", cloudflare: "javascript" },
  },
  python311: { language: "python", version: "3.11", native: { aws: "python3.11", gcp: "python311" } },
  python312: { language: "python", version: "3.12", native: { aws: "python3.12", gcp: "python312" } },
  python313: { language: "python", version: "3.13", native: { aws: "python3.13", gcp: "python313" } },
};

export const DEFAULT_RUNTIME: FunctionRuntime = "nodejs22";

/** Neutral runtimes a cloud supports, for error messages. */
export function runtimesFor(cloud: Cloud): FunctionRuntime[] {
  return FUNCTION_RUNTIMES.filter((r) => RUNTIMES[r].native[cloud] !== undefined);
}
