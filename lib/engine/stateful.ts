export { STATEFUL_TYPES, isStateful } from "../core/stateful";

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
