import type { PolicyRule } from "./model";
import { awsIamNoWildcardActions, azureRbacNoBroadPrivilegedRoles, gcpIamNoPrimitiveRoles } from "./rules/iam";
import {
  awsApiGatewayTls12,
  awsLoadBalancerHttpsOnly,
  azureAppServiceHttpsOnly,
  azureEndpointsHttpsOnly,
  azureStorageHttpsTls12,
  cloudflareZoneHttpsTls12,
  gcpLoadBalancerHttpsOnly,
} from "./rules/transport";
import { azureStoragePrivate, encryptionAtRest, gcsBucketPrivate, s3BucketPrivate } from "./rules/storage";
import { apiAccessLogs, awsLogGroupsManaged, logRetention } from "./rules/logging";
import { dnsFailoverHealthChecked } from "./rules/dns";
import { noPlaintextSecretsInEnvironment, secretInputsAreSecrets } from "./rules/secrets";
import { publicInvokerOnlyWhenPublic } from "./rules/access";
import { prodStatefulProtected } from "./rules/protection";
import { databasesNotPublic, noWorldOpenPorts } from "./rules/network";
import { awsCloudFrontHttpsTls12 } from "./rules/cloudfront";
import { awsResourcePoliciesNotPublic } from "./rules/principals";

/** Every policy of the pack, all mandatory. Order = the order of the docs and of violation reports. */
export const POLICIES: readonly PolicyRule[] = [
  awsIamNoWildcardActions,
  gcpIamNoPrimitiveRoles,
  azureRbacNoBroadPrivilegedRoles,
  awsLoadBalancerHttpsOnly,
  awsApiGatewayTls12,
  awsCloudFrontHttpsTls12,
  gcpLoadBalancerHttpsOnly,
  azureAppServiceHttpsOnly,
  azureStorageHttpsTls12,
  azureEndpointsHttpsOnly,
  cloudflareZoneHttpsTls12,
  s3BucketPrivate,
  awsResourcePoliciesNotPublic,
  gcsBucketPrivate,
  azureStoragePrivate,
  encryptionAtRest,
  logRetention,
  awsLogGroupsManaged,
  apiAccessLogs,
  dnsFailoverHealthChecked,
  noPlaintextSecretsInEnvironment,
  secretInputsAreSecrets,
  publicInvokerOnlyWhenPublic,
  noWorldOpenPorts,
  databasesNotPublic,
  prodStatefulProtected,
];
