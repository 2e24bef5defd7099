import type { PolicyRule } from "../model";
import { cannotCheck, isObject, jsonDoc, list, opacity } from "../values";

/**
 * Condition keys that tie a statement open to `*` down to a caller, an account, an organisation or a network
 * (AWS global condition context keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html;
 * KMS: https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html). Any other condition
 * (`aws:SecureTransport`, a date) still lets everyone in.
 */
const RESTRICTING_KEYS = new Set(
  [
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOwner",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:SourceIp",
    "aws:PrincipalServiceName",
    "kms:CallerAccount",
    "kms:ViaService",
  ].map((k) => k.toLowerCase()),
);

function restricted(condition: unknown): boolean {
  if (!isObject(condition)) return false;
  return Object.values(condition).some(
    (byKey) => isObject(byKey) && Object.keys(byKey).some((k) => RESTRICTING_KEYS.has(k.toLowerCase())),
  );
}

/** `"*"`, `{ AWS: "*" }`, `{ AWS: ["*"] }` and the like: everyone, signed in or not. */
function everyone(principal: unknown): boolean {
  if (principal === "*") return true;
  return isObject(principal) && Object.values(principal).some((v) => list(v).includes("*"));
}

/**
 * The statements of a resource or trust policy that let anyone in: Allow to everyone without a condition that
 * restricts the caller, or Allow with NotPrincipal (everyone but a few). An unreadable document yields nothing;
 * callers check secret/unknown documents first.
 */
export function publicPrincipalStatements(policy: unknown): string[] {
  const doc = jsonDoc(policy);
  if (!isObject(doc)) return [];
  return list(doc.Statement).flatMap((s, i) => {
    if (!isObject(s) || s.Effect !== "Allow") return [];
    const sid = typeof s.Sid === "string" ? ` ${s.Sid}` : ` [${i}]`;
    if (s.NotPrincipal !== undefined) return [`statement${sid} allows NotPrincipal: everyone but the principals named`];
    return everyone(s.Principal) && !restricted(s.Condition)
      ? [`statement${sid} allows everyone (Principal "*") without a condition that restricts the caller`]
      : [];
  });
}

/** AWS resource policies by type: the input that holds the document. */
const RESOURCE_POLICIES: Record<string, string> = {
  "aws:sqs/queue:Queue": "policy",
  "aws:sqs/queuePolicy:QueuePolicy": "policy",
  "aws:sns/topic:Topic": "policy",
  "aws:sns/topicPolicy:TopicPolicy": "policy",
  "aws:kms/key:Key": "policy",
  "aws:kms/keyPolicy:KeyPolicy": "policy",
  "aws:secretsmanager/secret:Secret": "policy",
  "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
  "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
  "aws:lambda/layerVersionPermission:LayerVersionPermission": "principal",
};

export const awsResourcePoliciesNotPublic: PolicyRule = {
  name: "aws-resource-policy-not-public",
  description:
    'AWS resource policies (SQS queues, SNS topics, KMS keys, Secrets Manager secrets, ECR repositories; S3 bucket policies are checked by s3-bucket-private and trust policies by aws-iam-no-wildcard-actions) must not Allow Principal "*" (or { AWS: "*" }) unless a condition restricts the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce, kms:CallerAccount and the like), and must not Allow with NotPrincipal. Why: such a statement lets any AWS account — or anyone at all — read the queue, publish, decrypt with the key or read the secret.',
  clouds: ["aws"],
  scope: "resource",
  types: Object.keys(RESOURCE_POLICIES),
  check(r, ctx) {
    const field = RESOURCE_POLICIES[r.type];
    const v = r.inputs[field];
    if (v === undefined) return [];
    if (opacity(v)) return cannotCheck(field, v, ctx);
    if (field === "principal")
      return v === "*" && !r.inputs.organizationId
        ? ['layer is shared with every AWS account (principal "*" and no organizationId)']
        : [];
    return publicPrincipalStatements(v);
  },
};
