import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { nameSeed } from "../core/global-name";
import { shortHash } from "../core/hash";
import { physicalName } from "../core/naming";
import { TransformsOf, withTransform } from "../core/transform";
import type { GcpLogBucketChildren } from "./children";

export interface LogBucketArgs {
  /** The component's name: prefixes the children and the bucket, sink and exclusion ids. */
  name: string;
  /** Extra id parts (e.g. the region of a MultiRegionService), so each bucket of a component has its own id. */
  parts?: string[];
  project: pulumi.Input<string>;
  /** Where the bucket lives: the region the logs come from. */
  region: string;
  retentionDays: number;
  /** A Cloud Logging filter that matches exactly this component's logs. */
  filter: pulumi.Input<string>;
  description: string;
  parent: pulumi.Resource;
  dependsOn?: pulumi.Resource[];
  transform?: TransformsOf<GcpLogBucketChildren>;
}

/**
 * Keeps one component's logs for exactly `retentionDays`, once: a log bucket with that retention, a sink routing the
 * component's logs to it, and an exclusion of the same logs from the `_Default` sink.
 *
 * Why the exclusion: the `_Default` sink routes every log not in `_Required` to the `_Default` bucket (kept 30 days,
 * https://cloud.google.com/logging/docs/storage), and "every log sink in that resource independently evaluates the log
 * entry" (https://cloud.google.com/logging/docs/routing/overview), so without it each log is stored (and billed) twice.
 * `projects.exclusions.create` "Creates a new exclusion in the _Default sink"
 * (https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.exclusions/create).
 *
 * Why the bucket id ends in a seed's hash: a deleted bucket stays DELETE_REQUESTED for 7 days before it is purged
 * (https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.locations.buckets/delete) and its id cannot be
 * created again meanwhile ("Buckets must be in an ACTIVE state to be modified", GoogleCloudPlatform/
 * cloud-foundation-fabric#1898), so a fixed id made `pulumi destroy` then `pulumi up` fail for a week. The seed is a
 * `NameSeed` kept in state (lib/core/global-name.ts): the same id on every deploy, a new one after a destroy. Its
 * logical name has a "." (never in a component name), so it meets no other component's seed. Sinks and exclusions
 * are deleted at once and keep their fixed names.
 */
export function dedicatedLogBucket(args: LogBucketArgs): void {
  const parts = [args.name, ...(args.parts ?? [])];
  const base = parts.join("-");
  const id = physicalName("gcpResource", ...parts, "logs");
  const after = args.dependsOn ?? [];
  // Ids take up to 100 characters (https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.locations.buckets):
  // 63 + "-" + 8 fit.
  const bucketId = nameSeed(`${base}.log-bucket`, args.parent).apply((seed) => `${id}-${shortHash(seed, 8)}`);
  const bucket = new gcp.logging.ProjectBucketConfig(
    ...withTransform(
      args.transform,
      "logBucket",
      `${base}-log-bucket`,
      {
        project: args.project,
        location: args.region,
        bucketId,
        retentionDays: args.retentionDays,
        description: args.description,
      } satisfies gcp.logging.ProjectBucketConfigArgs,
      { parent: args.parent, dependsOn: after },
    ),
  );
  const sink = new gcp.logging.ProjectSink(
    ...withTransform(
      args.transform,
      "logSink",
      `${base}-log-sink`,
      {
        name: id,
        project: args.project,
        destination: pulumi.interpolate`logging.googleapis.com/projects/${args.project}/locations/${args.region}/buckets/${bucket.bucketId}`,
        filter: args.filter,
        uniqueWriterIdentity: true,
      } satisfies gcp.logging.ProjectSinkArgs,
      { parent: args.parent, dependsOn: [...after, bucket] },
    ),
  );
  new gcp.logging.ProjectExclusion(
    ...withTransform(
      args.transform,
      "logExclusion",
      `${base}-log-exclusion`,
      {
        name: id,
        project: args.project,
        description: pulumi.interpolate`${args.description}: kept in log bucket ${bucket.bucketId}, not in _Default`,
        filter: args.filter,
      } satisfies gcp.logging.ProjectExclusionArgs,
      // After the bucket and sink exist, so that no log is dropped between the two.
      { parent: args.parent, dependsOn: [...after, bucket, sink] },
    ),
  );
}
