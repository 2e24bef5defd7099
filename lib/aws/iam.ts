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
  /** AWS-managed policy ARNs to attach (kept exclusive by the provider). */
  managedPolicyArns?: pulumi.Input<string>[];
  tags: Record<string, string>;
  parent: pulumi.Resource;
  transform?: Transform<aws.iam.RoleArgs>;
}

/**
 * An IAM role a service assumes, with its permissions as one inline policy on the role itself: exclusive
 * (out-of-band additions are removed on the next `up`) and visible in the plan in one place for policy checks.
 * @throws Error when a statement has a wildcard action: a programming error in the library, never user input.
 */
export function serviceRole(name: string, args: ServiceRoleArgs): aws.iam.Role {
  for (const s of args.statements) {
    for (const action of s.Action) {
      if (action.includes("*"))
        throw new Error(`internal: wildcard action ${action} in role ${name}: grant explicit actions`);
    }
  }
  const suffix = awsDnsSuffix(args.region);
  const assumeRolePolicy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Service: args.services.map((s) => `${s}.${suffix}`) }, Action: "sts:AssumeRole" },
    ],
  });
  const roleArgs: aws.iam.RoleArgs = {
    name: args.roleName,
    assumeRolePolicy,
    tags: args.tags,
    inlinePolicies: args.statements.length
      ? [
          {
            name: "least-privilege",
            policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: args.statements }),
          },
        ]
      : undefined,
    managedPolicyArns: args.managedPolicyArns,
  };
  return new aws.iam.Role(...withTransform({ role: args.transform }, "role", name, roleArgs, { parent: args.parent }));
}
