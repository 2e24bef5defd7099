import type { ArchiveEntry } from "../bundling/zip";
import { jsonEntry } from "../bundling/json-entry";

/**
 * What Cloud Functions needs next to a bundled handler: a `package.json` whose `main` is the bundle. No dependencies:
 * the bundle is self-contained and the Node.js buildpack adds the Functions Framework
 * (https://cloud.google.com/functions/docs/writing/specifying-dependencies-nodejs). No SDK import: the bundler runs
 * before any cloud SDK loads.
 */
export function gcpFunctionFiles(): ArchiveEntry[] {
  return [jsonEntry("package.json", { name: "meridian-function", version: "1.0.0", private: true, main: "index.js" })];
}
