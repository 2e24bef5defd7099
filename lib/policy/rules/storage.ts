import type { PolicyResource, PolicyRule } from "../model";
import { get, isKnown, isObject, jsonDoc, list, ofType, str } from "../values";

const S3_BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** A bucket policy statement that lets anyone in: Allow to `*` without a condition. */
function publicStatements(policy: unknown): string[] {
  const doc = jsonDoc(policy);
  if (!isObject(doc)) return [];
  return list(doc.Statement)
    .filter((s) => {
      if (!isObject(s) || s.Effect !== "Allow" || s.Condition !== undefined) return false;
      return s.Principal === "*" || (isObject(s.Principal) && list(s.Principal.AWS).includes("*"));
    })
    .map(() => 'bucket policy allows everyone (Principal "*") without a condition');
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
      const acl = str(r.inputs.acl);
      if (acl && PUBLIC_ACLS.has(acl)) out.push(`bucket has public canned ACL ${acl}`);
      out.push(...publicStatements(r.inputs.policy));
      const blocks = ofType(ctx.resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").filter((b) =>
        targets(b, r),
      );
      const complete = blocks.some((b) => PAB_FLAGS.every((f) => b.inputs[f] === true || !isKnown(b.inputs[f])));
      if (!complete) {
        out.push(
          blocks.length === 0
            ? "bucket has no BucketPublicAccessBlock; add one with all four flags true"
            : `BucketPublicAccessBlock does not set all of ${PAB_FLAGS.join(", ")} to true`,
        );
      }
      return out;
    }
    if (r.type === "aws:s3/bucketPolicy:BucketPolicy") return publicStatements(r.inputs.policy);
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
  check(r) {
    if (r.type === "gcp:storage/bucket:Bucket") {
      const out: string[] = [];
      if (isKnown(r.inputs.uniformBucketLevelAccess) && r.inputs.uniformBucketLevelAccess !== true)
        out.push("uniformBucketLevelAccess is not true: object ACLs can make objects public");
      if (isKnown(r.inputs.publicAccessPrevention) && r.inputs.publicAccessPrevention !== "enforced")
        out.push(
          `publicAccessPrevention is ${str(r.inputs.publicAccessPrevention) ?? "unset (inherited)"}; set "enforced"`,
        );
      return out;
    }
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
  check(r) {
    if (r.type === "azure-native:storage:StorageAccount") {
      const v = r.inputs.allowBlobPublicAccess;
      return isKnown(v) && v !== false
        ? [`allowBlobPublicAccess is ${v === undefined ? "unset" : String(v)}; set false`]
        : [];
    }
    const access = str(r.inputs.publicAccess);
    return access && access !== "None" ? [`container publicAccess is ${access}: anonymous reads`] : [];
  },
};

export const encryptionAtRest: PolicyRule = {
  name: "encryption-at-rest",
  description:
    "Data stores must stay encrypted at rest: SQS queues keep SSE (sqsManagedSseEnabled not false, or a KMS key), Azure storage accounts do not disable service encryption, S3 bucket encryption configurations name an algorithm. Why: these services encrypt by default; the policy catches an explicit opt-out.",
  clouds: ["aws", "azure"],
  scope: "resource",
  types: [
    "aws:sqs/queue:Queue",
    "azure-native:storage:StorageAccount",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  ],
  check(r) {
    if (r.type === "aws:sqs/queue:Queue") {
      return r.inputs.sqsManagedSseEnabled === false && !r.inputs.kmsMasterKeyId
        ? ["queue disables SSE and names no KMS key: messages are stored unencrypted"]
        : [];
    }
    if (r.type === "azure-native:storage:StorageAccount") {
      const services = get(r.inputs, "encryption.services");
      const off = isObject(services)
        ? Object.entries(services)
            .filter(([, s]) => get(s, "enabled") === false)
            .map(([k]) => k)
        : [];
      return off.map((k) => `encryption of the ${k} service is disabled`);
    }
    const rules = list(r.inputs.rules);
    return rules.some((x) => !str(get(x, "applyServerSideEncryptionByDefault.sseAlgorithm")))
      ? ["an encryption rule names no sseAlgorithm"]
      : [];
  },
};
