import type { PolicyContext, PolicyRule } from "../model";
import { anyOpaque, cannotCheck, get, isObject, jsonDoc, list, opacity, str } from "../values";
import { publicPrincipalStatements } from "./principals";

/** IAM document inputs per AWS type: where a policy JSON sits. */
const AWS_POLICY_DOCS: Record<string, (inputs: Record<string, unknown>) => unknown[]> = {
  "aws:iam/role:Role": (i) => list(i.inlinePolicies).map((p) => get(p, "policy")),
  "aws:iam/rolePolicy:RolePolicy": (i) => [i.policy],
  "aws:iam/policy:Policy": (i) => [i.policy],
  "aws:iam/userPolicy:UserPolicy": (i) => [i.policy],
  "aws:iam/groupPolicy:GroupPolicy": (i) => [i.policy],
};

/**
 * AWS-managed policies that grant wildcard actions: every `*FullAccess*` policy (`AmazonS3FullAccess`,
 * `AWSLambda_FullAccess`, `IAMFullAccess`), every `AdministratorAccess*` and `PowerUserAccess*` policy
 * (`AdministratorAccess-Amplify`), and the job-function policies other than the read-only ones
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html: `job-function/SystemAdministrator`,
 * `NetworkAdministrator`, `DatabaseAdministrator`, `DataScientist`, `Billing`).
 */
const AWS_MANAGED_POLICY = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/;
const READ_ONLY_JOB_FUNCTIONS = new Set(["job-function/ViewOnlyAccess", "job-function/SecurityAudit"]);
function broadManagedPolicy(arn: string): boolean {
  const m = AWS_MANAGED_POLICY.exec(arn);
  if (!m) return false;
  const name = m[1].split("/").pop() ?? "";
  if (m[1].startsWith("job-function/")) return !READ_ONLY_JOB_FUNCTIONS.has(m[1]);
  return /FullAccess/i.test(name) || /^(AdministratorAccess|PowerUserAccess)/.test(name);
}

const AWS_ATTACHMENTS: Record<string, (inputs: Record<string, unknown>) => unknown[]> = {
  "aws:iam/role:Role": (i) => list(i.managedPolicyArns),
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (i) => [i.policyArn],
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": (i) => [i.policyArn],
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": (i) => [i.policyArn],
  "aws:iam/policyAttachment:PolicyAttachment": (i) => [i.policyArn],
  "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive": () => [],
};

/** The reasons an IAM policy document grants too much: wildcard or NotAction allows (or it cannot be read). */
export function wildcardGrants(doc: unknown, ctx: PolicyContext = OFFLINE): string[] {
  if (opacity(doc)) return cannotCheck("policy", doc, ctx);
  const parsed = jsonDoc(doc);
  if (!isObject(parsed)) return [];
  const out: string[] = [];
  list(parsed.Statement).forEach((s, i) => {
    if (!isObject(s) || s.Effect !== "Allow") return;
    const sid = typeof s.Sid === "string" ? ` (${s.Sid})` : `[${i}]`;
    if (opacity(s.Action)) out.push(...cannotCheck(`statement${sid} Action`, s.Action, ctx));
    for (const a of list(s.Action)) {
      if (opacity(a)) out.push(...cannotCheck(`statement${sid} Action`, a, ctx));
      else if (typeof a === "string" && a.includes("*")) out.push(`statement${sid} allows wildcard action "${a}"`);
    }
    if (s.NotAction !== undefined) out.push(`statement${sid} allows NotAction, i.e. every action but a few`);
  });
  return out;
}

const OFFLINE: PolicyContext = { stack: "", resources: [], secretsVisible: true, unknowns: "violate" };

export const awsIamNoWildcardActions: PolicyRule = {
  name: "aws-iam-no-wildcard-actions",
  description:
    'AWS IAM policies (role inline policies, RolePolicy, Policy, UserPolicy, GroupPolicy) must not Allow a wildcard action (`*`, `s3:*`, `s3:Get*`) or NotAction; no AWS-managed policy that grants wildcards may be attached (AdministratorAccess*, PowerUserAccess*, any *FullAccess* such as AWSLambda_FullAccess, job-function policies other than ViewOnlyAccess and SecurityAudit); a role\'s trust policy must not let everyone (`*`, { AWS: "*" }) assume it without a condition that restricts the caller. Why: least privilege — a wildcard grants actions nobody reviewed, including ones AWS adds later.',
  clouds: ["aws"],
  scope: "resource",
  types: [...new Set([...Object.keys(AWS_POLICY_DOCS), ...Object.keys(AWS_ATTACHMENTS)])],
  check(r, ctx) {
    const out: string[] = [];
    if (r.type === "aws:iam/role:Role") {
      for (const field of ["inlinePolicies", "managedPolicyArns"])
        out.push(...cannotCheck(field, r.inputs[field], ctx));
    }
    for (const doc of AWS_POLICY_DOCS[r.type]?.(r.inputs) ?? []) out.push(...wildcardGrants(doc, ctx));
    const arns = AWS_ATTACHMENTS[r.type]?.(r.inputs) ?? [];
    const hidden = anyOpaque(arns);
    if (hidden) out.push(...cannotCheck("policyArn", hidden, ctx));
    for (const arn of arns) {
      const s = str(arn);
      if (s && broadManagedPolicy(s)) out.push(`attaches AWS-managed policy ${s}, which grants wildcard actions`);
    }
    if (r.type === "aws:iam/role:Role") {
      const trust = r.inputs.assumeRolePolicy;
      if (opacity(trust)) out.push(...cannotCheck("assumeRolePolicy", trust, ctx));
      else
        out.push(...publicPrincipalStatements(trust).map((why) => `trust policy lets anyone assume the role: ${why}`));
    }
    return out;
  },
};

/** GCP basic (primitive) roles: every permission on every service of the project. */
const PRIMITIVE_ROLES = new Set(["roles/owner", "roles/editor"]);

/** Every IAM member/binding type of any module: `projects/iAMMember`, `storage/bucketIAMBinding`, `cloudrunv2/serviceIamMember`... */
const GCP_IAM_GRANT = /^gcp:[A-Za-z0-9]+\/[A-Za-z0-9]*[iI][aA][mM](?:Member|Binding):/;
const GCP_IAM_POLICY = /^gcp:[A-Za-z0-9]+\/[A-Za-z0-9]*[iI][aA][mM]Policy:/;

export const gcpIamNoPrimitiveRoles: PolicyRule = {
  name: "gcp-iam-no-primitive-roles",
  description:
    "GCP IAM grants (any IAMMember/IAMBinding/IAMPolicy: project, folder, organization, service, bucket...) must not give the basic roles roles/owner or roles/editor. Why: they are GCP's wildcard — thousands of permissions across every service; grant a predefined role scoped to the resource instead.",
  clouds: ["gcp"],
  scope: "resource",
  types: [
    "gcp:projects/iAMMember:IAMMember",
    "gcp:projects/iAMBinding:IAMBinding",
    "gcp:projects/iAMPolicy:IAMPolicy",
    "gcp:<module>/<x>Iam{Member,Binding,Policy}",
  ],
  appliesTo: (type) => GCP_IAM_GRANT.test(type) || GCP_IAM_POLICY.test(type),
  check(r) {
    if (GCP_IAM_GRANT.test(r.type)) {
      const role = str(r.inputs.role);
      return role && PRIMITIVE_ROLES.has(role) ? [`grants basic role ${role}`] : [];
    }
    if (GCP_IAM_POLICY.test(r.type)) {
      const doc = jsonDoc(r.inputs.policyData);
      const roles = isObject(doc) ? list(doc.bindings).map((b) => str(get(b, "role"))) : [];
      return roles.filter((x): x is string => !!x && PRIMITIVE_ROLES.has(x)).map((x) => `policy binds basic role ${x}`);
    }
    return [];
  },
};

/** Built-in Azure roles that can change anything (Owner, Contributor) or grant access (UAA, RBAC admin). */
const AZURE_PRIVILEGED_ROLES: Record<string, string> = {
  "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
  "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
  "18d7d88d-d35e-4fb5-a5c3-7773c6a72448": "User Access Administrator",
  "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
};

/** Root, management group, subscription or resource group: a scope wider than one resource. */
export function isBroadAzureScope(scope: string): boolean {
  const s = scope.replace(/\/+$/, "").toLowerCase();
  return (
    s === "" ||
    /^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/.test(s) ||
    /^\/subscriptions\/[^/]+$/.test(s) ||
    /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/.test(s)
  );
}

export const azureRbacNoBroadPrivilegedRoles: PolicyRule = {
  name: "azure-rbac-no-broad-privileged-roles",
  description:
    "Azure role assignments must not give Owner, Contributor, User Access Administrator or RBAC Administrator at root, management-group, subscription or resource-group scope, and custom role definitions must not allow wildcard actions (`*`, `Microsoft.Storage/*`; `*/read` is allowed). Why: these are Azure's wildcard grants — full control of everything in the scope.",
  clouds: ["azure"],
  scope: "resource",
  types: ["azure-native:authorization:RoleAssignment", "azure-native:authorization:RoleDefinition"],
  check(r) {
    if (r.type === "azure-native:authorization:RoleAssignment") {
      const id = str(r.inputs.roleDefinitionId)?.toLowerCase() ?? "";
      const role = AZURE_PRIVILEGED_ROLES[id.split("/").pop() ?? ""];
      const scope = str(r.inputs.scope);
      if (role && scope !== undefined && isBroadAzureScope(scope))
        return [`assigns ${role} at broad scope "${scope || "/"}"`];
      return [];
    }
    if (r.type === "azure-native:authorization:RoleDefinition") {
      const out: string[] = [];
      for (const p of list(r.inputs.permissions)) {
        for (const key of ["actions", "dataActions"]) {
          for (const a of list(get(p, key))) {
            if (typeof a === "string" && a.includes("*") && a.toLowerCase() !== "*/read")
              out.push(`custom role allows wildcard ${key === "actions" ? "action" : "data action"} "${a}"`);
          }
        }
      }
      return out;
    }
    return [];
  },
};
