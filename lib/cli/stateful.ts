/**
 * Resource types that hold data or identity a user would lose on delete or replace: data stores, buckets,
 * DNS zones, certificates, log groups, secrets, key vaults, queues. The plan diff flags their replacement.
 */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:dynamodb/table:Table", "aws:rds/instance:Instance", "aws:rds/cluster:Cluster",
  "aws:cloudwatch/logGroup:LogGroup", "aws:secretsmanager/secret:Secret", "aws:route53/zone:Zone", "aws:acm/certificate:Certificate",
  "aws:sqs/queue:Queue", "aws:kms/key:Key", "aws:efs/fileSystem:FileSystem", "aws:ecr/repository:Repository",
  "gcp:storage/bucket:Bucket", "gcp:sql/databaseInstance:DatabaseInstance", "gcp:dns/managedZone:ManagedZone", "gcp:secretmanager/secret:Secret",
  "gcp:pubsub/topic:Topic", "gcp:compute/managedSslCertificate:ManagedSslCertificate", "gcp:certificatemanager/certificate:Certificate",
  "gcp:compute/globalAddress:GlobalAddress", "gcp:firestore/database:Database", "gcp:artifactregistry/repository:Repository",
  "azure-native:storage:StorageAccount", "azure-native:storage:BlobContainer", "azure-native:storage:Queue", "azure-native:keyvault:Vault",
  "azure-native:keyvault:Secret", "azure-native:operationalinsights:Workspace", "azure-native:applicationinsights:Component",
  "azure-native:network:DnsZone", "azure-native:dns:Zone", "azure-native:documentdb:DatabaseAccount", "azure-native:sql:Server",
  "cloudflare:index/zone:Zone", "cloudflare:index/queue:Queue", "cloudflare:index/r2Bucket:R2Bucket", "cloudflare:index/d1Database:D1Database",
  "cloudflare:index/workersKvNamespace:WorkersKvNamespace",
]);

/**
 * Inputs whose change makes the provider replace the resource (delete and create), for the types where the
 * plan diff cares most. The real list is the provider schema's "forceNew" flags, which are not available
 * offline; physical names, locations and a few identity fields cover the common cases.
 */
const REPLACING_INPUTS: Record<string, readonly string[]> = {
  "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "region"],
  "aws:cloudwatch/logGroup:LogGroup": ["name", "namePrefix", "region"],
  "aws:secretsmanager/secret:Secret": ["name", "namePrefix", "region"],
  "aws:route53/zone:Zone": ["name", "vpcs"],
  "aws:acm/certificate:Certificate": ["domainName", "subjectAlternativeNames", "validationMethod", "region"],
  "aws:sqs/queue:Queue": ["name", "fifoQueue", "region"],
  "aws:dynamodb/table:Table": ["name", "hashKey", "rangeKey", "region"],
  "aws:lambda/function:Function": ["name", "region"],
  "aws:iam/role:Role": ["name", "path"],
  "aws:lb/loadBalancer:LoadBalancer": ["name", "internal", "loadBalancerType", "region"],
  "gcp:storage/bucket:Bucket": ["name", "location", "project"],
  "gcp:dns/managedZone:ManagedZone": ["name", "dnsName", "project"],
  "gcp:secretmanager/secret:Secret": ["secretId", "project", "replication"],
  "gcp:cloudfunctionsv2/function:Function": ["name", "location", "project"],
  "azure-native:storage:StorageAccount": ["accountName", "resourceGroupName", "location"],
  "azure-native:keyvault:Vault": ["vaultName", "resourceGroupName", "location"],
  "azure-native:resources:ResourceGroup": ["resourceGroupName", "location"],
  "azure-native:operationalinsights:Workspace": ["workspaceName", "resourceGroupName", "location"],
  "cloudflare:index/queue:Queue": ["accountId", "queueName"],
};

const GENERIC_REPLACING = ["name", "region", "location", "project", "resourceGroupName", "accountId", "zoneId"];

/** The inputs of `type` whose change replaces the resource. */
export function replacingInputs(type: string): readonly string[] {
  return REPLACING_INPUTS[type] ?? GENERIC_REPLACING;
}

export function isStateful(type: string): boolean {
  return STATEFUL_TYPES.has(type);
}
