import type { BundleLayout } from "./bundling/bundle";
import type { ArchiveFormat } from "./bundling/package";
import type { ArchiveEntry } from "./bundling/zip";
import type { Cloud } from "./core/placement";
import type { FunctionSpec } from "./core/function/validate";
import { azureFunctionFiles } from "./azure/function-files";
import { gcpFunctionPackaging } from "./gcp/function-files";

/** How a cloud packages a function: the files next to the bundled handler, the adapter layout and the archive. */
export interface FunctionPackaging {
  readonly files: ArchiveEntry[];
  /** @default the cloud's own layout */
  readonly layout?: BundleLayout;
  /** @default "zip" */
  readonly archive?: ArchiveFormat;
}

/**
 * Each cloud's packaging, handed to the bundler (which knows no platform). A new cloud is a compile error here until it
 * says what it needs. These modules import no cloud SDK.
 */
export const FUNCTION_PACKAGING: Record<
  Cloud,
  (fn: Pick<FunctionSpec, "timeoutSeconds" | "queue" | "gcp">) => FunctionPackaging
> = {
  aws: () => ({ files: [] }),
  gcp: (fn) => gcpFunctionPackaging(fn),
  azure: (fn) => ({ files: azureFunctionFiles(fn) }),
  cloudflare: () => ({ files: [] }),
};
