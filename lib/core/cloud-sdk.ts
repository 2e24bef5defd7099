import { ConfigError } from "./errors";
import type { Cloud } from "./placement";

/** The Pulumi provider SDK each cloud's expansion loads: optional peer dependencies of meridian (package.json). */
export const CLOUD_SDK: Record<Cloud, string> = {
  aws: "@pulumi/aws",
  gcp: "@pulumi/gcp",
  azure: "@pulumi/azure-native",
  cloudflare: "@pulumi/cloudflare",
};

/**
 * The package part of each cloud's Pulumi type tokens (`aws:lambda/function:Function`,
 * `azure-native:web:WebApp`): how the recording engine tells a resource's cloud.
 */
export const CLOUD_TOKEN_PACKAGE: Record<Cloud, string> = {
  aws: "aws",
  gcp: "gcp",
  azure: "azure-native",
  cloudflare: "cloudflare",
};

/** The cloud of a Pulumi type token's package (`azure-native` → `azure`), or undefined for any other package. */
export function cloudOfTokenPackage(pkg: string): Cloud | undefined {
  return (Object.keys(CLOUD_TOKEN_PACKAGE) as Cloud[]).find((c) => CLOUD_TOKEN_PACKAGE[c] === pkg);
}

/**
 * Refuses a component whose clouds' SDKs are not installed, before it registers anything: an AWS-only app installs
 * only @pulumi/aws, and a component placed on another cloud says which package to add instead of failing with
 * MODULE_NOT_FOUND halfway through the program. `resolve` is Node's resolver (tests replace it).
 */
export function requireCloudSdks(
  component: string,
  field: string,
  clouds: Iterable<Cloud>,
  resolve: (request: string) => string = require.resolve,
): void {
  for (const cloud of new Set(clouds)) {
    const pkg = CLOUD_SDK[cloud];
    try {
      resolve(pkg);
    } catch {
      throw new ConfigError(
        component,
        field,
        `places it on ${cloud}, whose Pulumi SDK ${pkg} is not installed: run \`npm install ${pkg}\` in your project (the cloud SDKs are optional peer dependencies of meridian)`,
      );
    }
  }
}
