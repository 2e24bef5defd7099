import * as pulumi from "@pulumi/pulumi";

/**
 * Resource types that hold data or identity a user would lose on delete or replace: data stores, buckets,
 * DNS zones, certificates, log groups, secrets, key vaults, queues. The plan diff flags their replacement.
 */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:dynamodb/table:Table",
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:secretsmanager/secret:Secret",
  "aws:route53/zone:Zone",
  "aws:acm/certificate:Certificate",
  "aws:sqs/queue:Queue",
  "aws:kms/key:Key",
  "aws:efs/fileSystem:FileSystem",
  "aws:ecr/repository:Repository",
  "gcp:storage/bucket:Bucket",
  "gcp:sql/databaseInstance:DatabaseInstance",
  "gcp:dns/managedZone:ManagedZone",
  "gcp:secretmanager/secret:Secret",
  "gcp:pubsub/topic:Topic",
  "gcp:compute/managedSslCertificate:ManagedSslCertificate",
  "gcp:certificatemanager/certificate:Certificate",
  "gcp:compute/globalAddress:GlobalAddress",
  "gcp:firestore/database:Database",
  "gcp:artifactregistry/repository:Repository",
  "azure-native:storage:StorageAccount",
  "azure-native:storage:BlobContainer",
  "azure-native:storage:Queue",
  "azure-native:keyvault:Vault",
  "azure-native:keyvault:Secret",
  "azure-native:operationalinsights:Workspace",
  "azure-native:applicationinsights:Component",
  "azure-native:network:DnsZone",
  "azure-native:dns:Zone",
  "azure-native:documentdb:DatabaseAccount",
  "azure-native:sql:Server",
  "cloudflare:index/zone:Zone",
  "cloudflare:index/queue:Queue",
  "cloudflare:index/r2Bucket:R2Bucket",
  "cloudflare:index/d1Database:D1Database",
  "cloudflare:index/workersKvNamespace:WorkersKvNamespace",
]);

/** True for a type whose delete or replacement loses data or identity. */
export function isStateful(type: string): boolean {
  return STATEFUL_TYPES.has(type);
}

/**
 * A resource transformation that sets `protect` (and `retainOnDelete`) on every stateful resource below the
 * component it is given to — what a production stack wants: `pulumi destroy` or a replacement of a bucket,
 * log group, secret or zone fails instead of losing data, while stateless resources stay free to change.
 * Transformations given to a component apply to all its children, on the mock engine and in a real deploy.
 *
 * @example
 * new MultiRegionService("web", args, { transformations: [protectStateful()] });
 */
export function protectStateful(options: ProtectStatefulOptions = {}): pulumi.ResourceTransformation {
  return (a) => {
    if (!a.opts || !isStateful(a.type)) return undefined;
    const extra: pulumi.CustomResourceOptions = { protect: true, retainOnDelete: true };
    // A retained log group outlives `pulumi destroy`; its fixed name then makes the next create fail with
    // ResourceAlreadyExistsException (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html).
    // Adopting it imports the existing group by name (https://www.pulumi.com/docs/iac/concepts/options/import/).
    if (
      options.adoptRetainedLogGroups &&
      a.type === "aws:cloudwatch/logGroup:LogGroup" &&
      typeof a.props.name === "string"
    )
      extra.import = a.props.name;
    return { props: a.props, opts: pulumi.mergeOptions(a.opts, extra) };
  };
}

export interface ProtectStatefulOptions {
  /**
   * Re-creating a stack after `pulumi destroy`: import the AWS log groups the destroy retained (by their fixed
   * names) instead of failing on them. Set it for that first `up` only, then remove it.
   * @default false
   */
  adoptRetainedLogGroups?: boolean;
}
