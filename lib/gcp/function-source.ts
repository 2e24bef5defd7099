import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { BuiltFunctionSpec } from "../core/backend";
import { globalName } from "../core/global-name";
import { commonTags } from "../core/tags";
import { TransformsOf, transformsOf, withTransform } from "../core/transform";
import { GcpApi, enableApis } from "./apis";
import type { GcpFunctionChildren } from "./children";
import { gcpGlobalNameScope } from "./global-names";
import { serviceAccount } from "./service-account";

/** What both Google platforms start a function with (functionFoundation). */
export interface GcpFunctionFoundation {
  readonly labels: Record<string, string>;
  readonly t: TransformsOf<GcpFunctionChildren>;
  /** The API enablements every other child waits for. */
  readonly apis: pulumi.Resource[];
  readonly opts: { parent: pulumi.Resource; dependsOn: pulumi.Resource[] };
  /** The function's own runtime identity (no roles of its own). */
  readonly sa: gcp.serviceaccount.Account;
  readonly bucket: gcp.storage.Bucket;
  readonly object: gcp.storage.BucketObject;
}

/**
 * The children a function has on either Google platform, created in this order: the APIs its platform calls, its
 * runtime service account, and its private source bucket with the archive (functionSource).
 */
export function functionFoundation(
  parent: pulumi.Resource,
  fn: BuiltFunctionSpec,
  platformApis: GcpApi[],
): GcpFunctionFoundation {
  const name = fn.name;
  const labels = commonTags("gcp", "ServerlessFunction");
  const t = transformsOf<GcpFunctionChildren>(fn.transform);
  const apis = enableApis(`ServerlessFunction "${name}"`, name, platformApis, parent, t);
  const opts = { parent, dependsOn: apis };
  const sa = serviceAccount(`${name}-sa`, {
    parts: [name],
    displayName: `ServerlessFunction ${name}`,
    parent,
    dependsOn: apis,
    transform: t.serviceAccount,
  });
  const { bucket, object } = functionSource(parent, fn, labels, t, opts);
  return { labels, t, apis, opts, sa, bucket, object };
}

/**
 * A function's private source bucket and the archive object in it, named by the content hash: a code change is a new
 * object, so the function redeploys (hashicorp/terraform-provider-google#1938). The same on both Google platforms.
 */
function functionSource(
  parent: pulumi.Resource,
  fn: BuiltFunctionSpec,
  labels: Record<string, string>,
  t: TransformsOf<GcpFunctionChildren>,
  opts: pulumi.CustomResourceOptions,
): { bucket: gcp.storage.Bucket; object: gcp.storage.BucketObject } {
  const name = fn.name;
  const bucket = new gcp.storage.Bucket(
    ...withTransform(
      t,
      "bucket",
      `${name}-source`,
      {
        // Bucket names are worldwide (https://cloud.google.com/storage/docs/buckets#naming): lib/core/global-name.ts.
        name: globalName("gcpBucket", gcpGlobalNameScope(name, parent), name, "src"),
        location: fn.placement.region!.toUpperCase(),
        uniformBucketLevelAccess: true,
        publicAccessPrevention: "enforced",
        forceDestroy: true,
        labels,
      } satisfies gcp.storage.BucketArgs,
      // A name is set at creation only: a stack deployed before names carried a seed keeps its bucket. So a location
      // change (a function moved to another region: "you cannot change a bucket's location",
      // https://cloud.google.com/storage/docs/moving-buckets) replaces the bucket under the same name (ignoreChanges keeps
      // the old value in a replacement: pulumi/pulumi#2657), which can only be done delete-first; the bucket holds
      // nothing but the function's archive (forceDestroy) and the function is replaced with it.
      { ...opts, ignoreChanges: ["name"], deleteBeforeReplace: true },
    ),
  );
  const extension = fn.package.path.endsWith(".tar.gz") ? "tar.gz" : "zip";
  const object = new gcp.storage.BucketObject(
    ...withTransform(
      t,
      "object",
      `${name}-source-object`,
      {
        bucket: bucket.name,
        name: `function-${fn.package.hash}.${extension}`,
        source: new pulumi.asset.FileAsset(fn.package.path),
      } satisfies gcp.storage.BucketObjectArgs,
      opts,
    ),
  );
  return { bucket, object };
}
