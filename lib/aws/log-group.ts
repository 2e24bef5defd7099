import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Transform, withTransform } from "../core/transform";

export interface LogGroupArgs {
  /** Full log group name, e.g. `/aws/lambda/<function>`. */
  logGroupName: string;
  region: string;
  /** One of the values CloudWatch Logs accepts, checked before (LOG_RETENTION.aws in lib/core/log-retention.ts). */
  retentionDays: number;
  tags: Record<string, string>;
  parent: pulumi.Resource;
  transform?: Transform<aws.cloudwatch.LogGroupArgs>;
}

/**
 * A log group with retention, created explicitly so that the service writing to it never creates it
 * implicitly with "never expire" retention (aws/aws-cdk#667; creating it after Lambda did fails with "already exists",
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html).
 */
export function logGroup(name: string, args: LogGroupArgs): aws.cloudwatch.LogGroup {
  const lgArgs: aws.cloudwatch.LogGroupArgs = {
    name: args.logGroupName,
    region: args.region,
    retentionInDays: args.retentionDays,
    tags: args.tags,
  };
  return new aws.cloudwatch.LogGroup(
    ...withTransform({ logGroup: args.transform }, "logGroup", name, lgArgs, { parent: args.parent }),
  );
}
