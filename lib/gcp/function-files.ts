import type { ArchiveEntry } from "../bundling/zip";
import type { BundleLayout } from "../bundling/bundle";
import type { ArchiveFormat } from "../bundling/package";
import { jsonEntry } from "../bundling/json-entry";
import type { FunctionSpec } from "../core/function/validate";

/**
 * What Cloud Functions needs next to a bundled handler: a `package.json` whose `main` is the bundle. No dependencies:
 * the bundle is self-contained and the Node.js buildpack adds the Functions Framework
 * (https://cloud.google.com/functions/docs/writing/specifying-dependencies-nodejs). No SDK import: the bundler runs
 * before any cloud SDK loads.
 */
export function gcpFunctionFiles(): ArchiveEntry[] {
  return [jsonEntry("package.json", { name: "meridian-function", version: "1.0.0", private: true, main: "index.js" })];
}

/**
 * How each Google platform packages a function. Cloud Functions: a zip with `package.json` for the buildpack build.
 * Cloud Run without a build: the bundle that serves HTTP itself (adapters/gcp-cloud-run.ts), alone in a tar.gz, which
 * the Node.js base image runs as `node index.js` (lib/gcp/cloud-run-function.ts).
 */
export function gcpFunctionPackaging(fn: Pick<FunctionSpec, "gcp">): {
  files: ArchiveEntry[];
  layout?: BundleLayout;
  archive?: ArchiveFormat;
} {
  return fn.gcp.platform === "cloud-run"
    ? { files: [], layout: "gcp-cloud-run", archive: "tar.gz" }
    : { files: gcpFunctionFiles() };
}
