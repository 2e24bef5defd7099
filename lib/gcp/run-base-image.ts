/**
 * The operating-system stack of each Node.js runtime's base image: Node.js 24 on Ubuntu 24.04 (`google-24`), Node.js 22
 * and 20 on Ubuntu 22.04 (`google-22`), per Google's base-image table (https://cloud.google.com/docs/buildpacks/base-images).
 */
const NODE_STACKS: Record<string, string> = {
  nodejs20: "google-22",
  nodejs22: "google-22",
  nodejs24: "google-24",
};

/**
 * The Cloud Run base image of a runtime, hosted in the function's own region: `REGION-docker.pkg.dev/serverless-runtimes/
 * STACK/runtimes/RUNTIME_ID` (https://cloud.google.com/docs/buildpacks/base-images).
 */
export function runBaseImage(region: string, runtimeId: string): string {
  const stack = NODE_STACKS[runtimeId];
  // A portable entry is Node (validateFunctionArgs refuses another language with entry): a gap here is ours.
  if (stack === undefined) throw new Error(`meridian: no Cloud Run base image known for runtime ${runtimeId}`);
  return `${region}-docker.pkg.dev/serverless-runtimes/${stack}/runtimes/${runtimeId}`;
}
