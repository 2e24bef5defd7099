import type { ArchiveEntry } from "./bundling/zip";
import type { Cloud } from "./core/placement";
import type { FunctionSpec } from "./core/function/validate";
import { azureFunctionFiles } from "./azure/function-files";
import { gcpFunctionFiles } from "./gcp/function-files";

/**
 * The files each cloud adds next to a bundled handler, handed to the bundler (which knows no platform). A new cloud
 * is a compile error here until it says what it needs. These modules import no cloud SDK.
 */
export const FUNCTION_FILES: Record<Cloud, (fn: Pick<FunctionSpec, "timeoutSeconds" | "queue">) => ArchiveEntry[]> = {
  aws: () => [],
  gcp: () => gcpFunctionFiles(),
  azure: (fn) => azureFunctionFiles(fn),
  cloudflare: () => [],
};
