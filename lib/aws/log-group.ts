import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Transform, withTransform } from "../core/transform";

/** Retention values CloudWatch Logs accepts (days). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export interface LogGroupArgs {
  /** Full log group name, e.g. `/aws/lambda/<function>`. */
  logGroupName: string;
  region: string;
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
