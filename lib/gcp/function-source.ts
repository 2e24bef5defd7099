import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { BuiltFunctionSpec } from "../core/backend";
import { globalName } from "../core/global-name";
import { TransformsOf, withTransform } from "../core/transform";
import type { GcpFunctionChildren } from "./children";
import { gcpGlobalNameScope } from "./global-names";

/**
 * A function's private source bucket and the archive object in it, named by the content hash: a code change is a new
 * object, so the function redeploys (hashicorp/terraform-provider-google#1938). The same on both Google platforms.
 */
export function functionSource(
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
