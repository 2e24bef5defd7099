import type { PolicyContext, PolicyResource, PolicyRule } from "../model";
import { anyOpaque, cannotCheck, get, isObject, list, ofType, opacity, str } from "../values";
import { publicPrincipalStatements } from "./principals";

const S3_BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** A bucket policy statement that lets anyone in: Allow to `*` without a condition (or a policy it cannot read). */
function publicStatements(policy: unknown, ctx: PolicyContext): string[] {
  if (opacity(policy)) return cannotCheck("policy", policy, ctx);
  return publicPrincipalStatements(policy).map((why) => `bucket policy ${why}`);
}

/** Whether a bucket-scoped resource (public access block, ACL, policy) is about `bucket`. */
function targets(res: PolicyResource, bucket: PolicyResource): boolean {
  if (res.dependencies.includes(bucket.urn)) return true;
  const b = str(res.inputs.bucket);
  return b !== undefined && b !== "" && (b === bucket.inputs.bucket || b === bucket.name);
}

export const s3BucketPrivate: PolicyRule = {
  name: "s3-bucket-private",
  description:
    'Every S3 bucket must have a BucketPublicAccessBlock in the stack with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true, and no public canned ACL (public-read, public-read-write, authenticated-read) or bucket policy allowing Principal "*" without a condition. Why: storage is private; the access block is what stops a later ACL or policy from making it public. (S3 encrypts every object at rest by default since 2023.)',
  clouds: ["aws"],
  scope: "stack",
  types: [
    ...S3_BUCKETS,
    "aws:s3/bucketAcl:BucketAcl",
    "aws:s3/bucketAclV2:BucketAclV2",
    "aws:s3/bucketPolicy:BucketPolicy",
  ],
  check(r, ctx) {
    if (S3_BUCKETS.includes(r.type)) {
      const out: string[] = [];
      out.push(...cannotCheck("acl", r.inputs.acl, ctx));
      const acl = str(r.inputs.acl);
      if (acl && PUBLIC_ACLS.has(acl)) out.push(`bucket has public canned ACL ${acl}`);
      if (r.inputs.policy !== undefined) out.push(...publicStatements(r.inputs.policy, ctx));
      const blocks = ofType(ctx.resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").filter((b) =>
        targets(b, r),
      );
      // A flag given as a secret (`blockPublicAcls: pulumi.secret(false)`) or unknown cannot be shown true.
      const complete = blocks.some((b) => PAB_FLAGS.every((f) => b.inputs[f] === true));
      if (!complete) {
        const hidden = blocks.flatMap((b) =>
          PAB_FLAGS.filter((f) => opacity(b.inputs[f])).flatMap((f) => cannotCheck(f, b.inputs[f], ctx)),
        );
        out.push(
          ...(hidden.length
            ? hidden
            : [
                blocks.length === 0
                  ? "bucket has no BucketPublicAccessBlock; add one with all four flags true"
                  : `BucketPublicAccessBlock does not set all of ${PAB_FLAGS.join(", ")} to true`,
              ]),
        );
      }
      return out;
    }
    if (r.type === "aws:s3/bucketPolicy:BucketPolicy") return publicStatements(r.inputs.policy, ctx);
    if (opacity(r.inputs.acl)) return cannotCheck("acl", r.inputs.acl, ctx);
    const acl = str(r.inputs.acl);
    return acl && PUBLIC_ACLS.has(acl) ? [`bucket ACL is ${acl}`] : [];
  },
};

const PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"];

export const gcsBucketPrivate: PolicyRule = {
  name: "gcs-bucket-private",
  description:
    'Every Cloud Storage bucket must set uniformBucketLevelAccess: true (no per-object ACLs) and publicAccessPrevention: "enforced", and no bucket IAM grant may name allUsers or allAuthenticatedUsers. Why: storage is private — public access prevention blocks public grants even if one is added later. (GCS encrypts at rest by default.)',
  clouds: ["gcp"],
  scope: "resource",
  types: [
    "gcp:storage/bucket:Bucket",
    "gcp:storage/bucketIAMMember:BucketIAMMember",
    "gcp:storage/bucketIAMBinding:BucketIAMBinding",
  ],
  check(r, ctx) {
    if (r.type === "gcp:storage/bucket:Bucket") {
      const out: string[] = [];
      const ubla = r.inputs.uniformBucketLevelAccess;
      if (opacity(ubla)) out.push(...cannotCheck("uniformBucketLevelAccess", ubla, ctx));
      else if (ubla !== true) out.push("uniformBucketLevelAccess is not true: object ACLs can make objects public");
      const pap = r.inputs.publicAccessPrevention;
      if (opacity(pap)) out.push(...cannotCheck("publicAccessPrevention", pap, ctx));
      else if (pap !== "enforced")
        out.push(`publicAccessPrevention is ${str(pap) ?? "unset (inherited)"}; set "enforced"`);
      return out;
    }
    const hidden = anyOpaque([r.inputs.member, r.inputs.members, ...list(r.inputs.members)]);
    if (hidden) return cannotCheck("member", hidden, ctx);
    const members = [r.inputs.member, ...list(r.inputs.members)].map(str);
    return members
      .filter((m): m is string => !!m && PUBLIC_MEMBERS.includes(m))
      .map((m) => `bucket IAM grant to ${m} makes the bucket public`);
  },
};

export const azureStoragePrivate: PolicyRule = {
  name: "azure-storage-private",
  description:
    "Azure storage accounts must set allowBlobPublicAccess: false, and blob containers must not set publicAccess to Blob or Container. Why: storage is private; anonymous blob access is the classic data leak.",
  clouds: ["azure"],
  scope: "resource",
  types: ["azure-native:storage:StorageAccount", "azure-native:storage:BlobContainer"],
  check(r, ctx) {
    if (r.type === "azure-native:storage:StorageAccount") {
      const v = r.inputs.allowBlobPublicAccess;
      if (opacity(v)) return cannotCheck("allowBlobPublicAccess", v, ctx);
      return v !== false ? [`allowBlobPublicAccess is ${v === undefined ? "unset" : String(v)}; set false`] : [];
    }
    if (opacity(r.inputs.publicAccess)) return cannotCheck("publicAccess", r.inputs.publicAccess, ctx);
    const access = str(r.inputs.publicAccess);
    return access && access !== "None" ? [`container publicAccess is ${access}: anonymous reads`] : [];
  },
};

/**
 * Where each data store keeps its at-rest encryption switch, and whether unset means unencrypted. Defaults: EBS
 * volumes, RDS storage and EFS file systems are unencrypted unless asked (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html,
 * https://docs.aws.amazon.com/efs/latest/ug/encryption.html), ElastiCache for Redis OSS too (Valkey encrypts by
 * default: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html); SQS and Azure storage
 * encrypt by default and are flagged only on an explicit opt-out.
 */
const AT_REST: Record<string, (i: Record<string, unknown>) => [field: string, value: unknown, unsetIsOff: boolean][]> =
  {
    "aws:ebs/volume:Volume": (i) => [["encrypted", i.encrypted, true]],
    "aws:ec2/instance:Instance": (i) => [
      ["rootBlockDevice.encrypted", get(i, "rootBlockDevice.encrypted"), true],
      ...list(i.ebsBlockDevices).map((d, n): [string, unknown, boolean] => [
        `ebsBlockDevices[${n}].encrypted`,
        get(d, "encrypted"),
        true,
      ]),
    ],
    "aws:ec2/launchTemplate:LaunchTemplate": (i) =>
      list(i.blockDeviceMappings)
        .filter((m) => get(m, "ebs") !== undefined)
        .map((m, n): [string, unknown, boolean] => {
          // The launch template takes "true"/"false" strings here.
          const v = get(m, "ebs.encrypted");
          return [`blockDeviceMappings[${n}].ebs.encrypted`, v === "true" ? true : v === "false" ? false : v, true];
        }),
    "aws:rds/instance:Instance": (i) => [["storageEncrypted", i.storageEncrypted, i.replicateSourceDb === undefined]],
    "aws:rds/cluster:Cluster": (i) => [["storageEncrypted", i.storageEncrypted, i.engineMode !== "serverless"]],
    "aws:efs/fileSystem:FileSystem": (i) => [["encrypted", i.encrypted, true]],
    "aws:elasticache/replicationGroup:ReplicationGroup": (i) => [
      ["atRestEncryptionEnabled", i.atRestEncryptionEnabled, str(i.engine) !== "valkey"],
    ],
  };

/** An account-wide EBS encryption default in the stack makes unset volume encryption encrypted. */
const EBS_TYPES = ["aws:ebs/volume:Volume", "aws:ec2/instance:Instance", "aws:ec2/launchTemplate:LaunchTemplate"];

export const encryptionAtRest: PolicyRule = {
  name: "encryption-at-rest",
  description:
    "Data stores must be encrypted at rest: EBS volumes (and instance and launch-template block devices), RDS instances and clusters (storageEncrypted), EFS file systems and ElastiCache replication groups (atRestEncryptionEnabled) must turn encryption on, since it is off by default there (unset EBS encryption passes when the stack enables ebs.EncryptionByDefault); SQS queues keep SSE (sqsManagedSseEnabled not false, or a KMS key), Azure storage accounts do not disable service encryption, S3 bucket encryption configurations name an algorithm. Why: encryption at rest is part of the secure default; where a service does not encrypt by default, leaving the switch unset stores the data in clear.",
  clouds: ["aws", "azure"],
  scope: "stack",
  types: [
    "aws:sqs/queue:Queue",
    "azure-native:storage:StorageAccount",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    ...Object.keys(AT_REST),
  ],
  check(r, ctx) {
    if (AT_REST[r.type]) {
      const byDefault =
        EBS_TYPES.includes(r.type) &&
        ofType(ctx.resources, "aws:ebs/encryptionByDefault:EncryptionByDefault").some(
          (e) => e.inputs.enabled !== false,
        );
      return AT_REST[r.type](r.inputs).flatMap(([field, v, unsetIsOff]) => {
        if (opacity(v)) return cannotCheck(field, v, ctx);
        if (v === true || (v === undefined && (!unsetIsOff || byDefault))) return [];
        return [`${field} is ${v === undefined ? "unset (unencrypted)" : String(v)}: the data is stored unencrypted`];
      });
    }
    if (r.type === "aws:sqs/queue:Queue") {
      if (opacity(r.inputs.sqsManagedSseEnabled))
        return cannotCheck("sqsManagedSseEnabled", r.inputs.sqsManagedSseEnabled, ctx);
      return r.inputs.sqsManagedSseEnabled === false && !r.inputs.kmsMasterKeyId
        ? ["queue disables SSE and names no KMS key: messages are stored unencrypted"]
        : [];
    }
    if (r.type === "azure-native:storage:StorageAccount") {
      const services = get(r.inputs, "encryption.services");
      if (opacity(services)) return cannotCheck("encryption.services", services, ctx);
      const off = isObject(services)
        ? Object.entries(services)
            .filter(([, s]) => get(s, "enabled") !== true && get(s, "enabled") !== undefined)
            .map(([k]) => k)
        : [];
      return off.map((k) => `encryption of the ${k} service is disabled (or cannot be checked)`);
    }
    if (opacity(r.inputs.rules)) return cannotCheck("rules", r.inputs.rules, ctx);
    const rules = list(r.inputs.rules);
    return rules.some((x) => !str(get(x, "applyServerSideEncryptionByDefault.sseAlgorithm")))
      ? ["an encryption rule names no sseAlgorithm"]
      : [];
  },
};
