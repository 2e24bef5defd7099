import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsDnsSuffix } from "../core/regions";
import { Transform, withTransform } from "../core/transform";

/** One IAM policy statement. Actions are always explicit: a `*` in an action is refused (least privilege). */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: pulumi.Input<string>[];
  Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
}

export interface ServiceRoleArgs {
  /** Service principals allowed to assume the role, without the DNS suffix: `["lambda"]`, `["ecs-tasks"]`. */
  services: string[];
  /** Region used for the partition's service principal suffix (`amazonaws.com` / `amazonaws.com.cn`). */
  region: string;
  /** Physical role name (see `physicalName("awsIamRole", ...)`). */
  roleName: string;
  /** Inline policy statements; empty for a role with no permissions beyond its managed policies. */
  statements: PolicyStatement[];
  /**
   * Names of inline policies that other resources put on the role (a region's grant on its own secret): kept by
   * the exclusive list instead of being removed as out-of-band. @default []
   */
  regionalPolicyNames?: string[];
  /** AWS-managed policy ARNs to attach (kept exclusive by the provider). */
  managedPolicyArns?: pulumi.Input<string>[];
  tags: Record<string, string>;
  parent: pulumi.Resource;
  transform?: Transform<aws.iam.RoleArgs>;
}

/**
 * Services whose role trust is scoped to our own account with `aws:SourceAccount`, against the confused deputy
 * (another account's schedule or task using our role): EventBridge Scheduler
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html) and ECS
 * tasks (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html).
 * Not Lambda: its guide gives the execution role's trust without a condition
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html) and documents no source key that
 * Lambda sets when it assumes the role; a condition on an absent key never matches, so CreateFunction would fail
 * ("cannot be assumed by Lambda"). docs/safety.md "Role trust".
 */
const SOURCE_ACCOUNT_SERVICES = new Set(["scheduler", "ecs-tasks"]);

/** The role and everything that must exist before a service can act with it (its policy, its attachments). */
export interface ServiceRole {
  role: aws.iam.Role;
  /** The role plus its policy and attachments: what a resource that uses the role's permissions depends on. */
  ready: pulumi.Resource[];
}

/**
 * An IAM role a service assumes, with its permissions as one `RolePolicy` and its managed policies as
 * `RolePolicyAttachment`s, both kept exclusive (out-of-band additions are removed on the next `up`) by the
 * `*Exclusive` resources. The Role's own `inlinePolicies`/`managedPolicyArns` are deprecated in pulumi-aws 7 and
 * warn on every preview (https://www.pulumi.com/registry/packages/aws/api-docs/iam/role/).
 * @throws Error when a statement has a wildcard action: a programming error in the library, never user input.
 */
export function serviceRole(name: string, args: ServiceRoleArgs): ServiceRole {
  for (const s of args.statements) {
    for (const action of s.Action) {
      if (action.includes("*"))
        throw new Error(`internal: wildcard action ${action} in role ${name}: grant explicit actions`);
    }
  }
  const suffix = awsDnsSuffix(args.region);
  const scoped = args.services.some((s) => SOURCE_ACCOUNT_SERVICES.has(s));
  const account = scoped ? aws.getCallerIdentityOutput({}, { parent: args.parent }).accountId : undefined;
  const assumeRolePolicy = pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: args.services.map((s) => `${s}.${suffix}`) },
        Action: "sts:AssumeRole",
        ...(account ? { Condition: { StringEquals: { "aws:SourceAccount": account } } } : {}),
      },
    ],
  });
  const roleArgs: aws.iam.RoleArgs = { name: args.roleName, assumeRolePolicy, tags: args.tags };
  const role = new aws.iam.Role(
    ...withTransform({ role: args.transform }, "role", name, roleArgs, { parent: args.parent }),
  );
  const opts = { parent: args.parent };
  const ready: pulumi.Resource[] = [role];
  const policyNames: string[] = [...(args.regionalPolicyNames ?? [])];
  if (args.statements.length) {
    policyNames.push("least-privilege");
    ready.push(
      new aws.iam.RolePolicy(
        `${name}-policy`,
        {
          role: role.name,
          name: "least-privilege",
          policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: args.statements }),
        } satisfies aws.iam.RolePolicyArgs,
        opts,
      ),
    );
  }
  new aws.iam.RolePoliciesExclusive(
    `${name}-policies-exclusive`,
    { roleName: role.name, policyNames } satisfies aws.iam.RolePoliciesExclusiveArgs,
    { parent: args.parent, dependsOn: ready },
  );
  const arns = args.managedPolicyArns ?? [];
  arns.forEach((policyArn, i) =>
    ready.push(
      new aws.iam.RolePolicyAttachment(
        `${name}-managed-${i}`,
        { role: role.name, policyArn } satisfies aws.iam.RolePolicyAttachmentArgs,
        opts,
      ),
    ),
  );
  new aws.iam.RolePolicyAttachmentsExclusive(
    `${name}-attachments-exclusive`,
    { roleName: role.name, policyArns: arns } satisfies aws.iam.RolePolicyAttachmentsExclusiveArgs,
    { parent: args.parent, dependsOn: ready },
  );
  return { role, ready };
}
