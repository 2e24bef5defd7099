import { describe } from "../errors";
import type { ParsedPlacement } from "../placement";
import type { Validator } from "../validate";
import type { GcpFunctionOptions } from "./args";
import type { CodeSource } from "./code-source";

/** The Google platforms a ServerlessFunction deploys to (GcpFunctionOptions.platform). */
export const GCP_FUNCTION_PLATFORMS = ["cloud-functions", "cloud-run"] as const;
export type GcpFunctionPlatform = (typeof GCP_FUNCTION_PLATFORMS)[number];

/** `gcp` after validation: every field set. */
export interface GcpFunctionSettings {
  readonly platform: GcpFunctionPlatform;
}

/**
 * The platform when none is given: Cloud Run for a public (`url`) portable handler, so that it deploys on a fresh
 * project of an organisation created since May 2024, whose secure-by-default policies enforce Domain Restricted
 * Sharing and refuse the `allUsers` grant Cloud Functions needs
 * (https://cloud.google.com/resource-manager/docs/secure-by-default-organizations); Cloud Functions otherwise (a private
 * function, a `code` directory, a queue), unchanged.
 */
export function defaultGcpPlatform(
  source: { readonly kind: string },
  url: boolean,
  queue: boolean,
): GcpFunctionPlatform {
  return url && source.kind === "entry" && !queue ? "cloud-run" : "cloud-functions";
}

/**
 * Validates `gcp`: refused off Google Cloud, and `platform: "cloud-run"` only where it can deploy. Cloud Run's source
 * deploy without build runs the archive as is on a language base image (no buildpack installs dependencies:
 * https://cloud.google.com/run/docs/deploying-source-code), so it takes the self-contained bundle of a portable
 * `entry`, not a `code` directory; and a Pub/Sub queue on Cloud Run needs an Eventarc or push-subscription
 * expansion this platform does not have yet.
 */
export function validateGcpFunctionOptions(
  v: Validator,
  value: unknown,
  placement: ParsedPlacement,
  source: { readonly kind: "entry" } | CodeSource,
  queue: boolean,
  url: boolean,
): GcpFunctionSettings {
  const raw = v.object(value, "gcp", {
    optional: true,
    allowedKeys: ["platform"] satisfies (keyof GcpFunctionOptions)[],
  });
  if (value !== undefined && placement.cloud !== "gcp")
    v.fail("gcp", `Google Cloud settings given for target ${describe(placement.key)}`);
  if (placement.cloud !== "gcp") return { platform: "cloud-functions" }; // not read off Google Cloud
  const platform =
    v.oneOf(raw?.platform, "gcp.platform", GCP_FUNCTION_PLATFORMS, { optional: true }) ??
    defaultGcpPlatform(source, url, queue);
  if (platform === "cloud-run" && source.kind === "code")
    v.fail(
      "gcp.platform",
      'got "cloud-run" with code; Cloud Run deploys without a build here, which needs the self-contained bundle of a ' +
        'portable entry: give entry, or keep platform "cloud-functions" for a code directory',
    );
  if (platform === "cloud-run" && queue)
    v.fail(
      "gcp.platform",
      'got "cloud-run" with a queue trigger; queue functions deploy on "cloud-functions" (Eventarc) only',
    );
  return { platform };
}
