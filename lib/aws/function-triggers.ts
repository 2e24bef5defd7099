import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { toAwsSchedule } from "../core/function/schedule";
import { FunctionSpec } from "../core/function/validate";
import { physicalName } from "../core/naming";
import { transformsOf, withTransform } from "../core/transform";
import type { AwsFunctionChildren } from "./children";
import { serviceRole } from "./iam";

/**
 * Schedule triggers: EventBridge Scheduler schedules invoking the function through a role that may invoke
 * this function only. The payload `{ "meridian": "schedule" }` tells the adapter to deliver it to the portable
 * handler as `POST /__meridian/schedule`.
 */
export function awsFunctionTriggers(
  parent: pulumi.Resource,
  fn: FunctionSpec,
  lambda: aws.lambda.Function,
  region: string,
  tags: Record<string, string>,
): void {
  if (fn.schedules.length === 0) return;
  const t = transformsOf<AwsFunctionChildren>(fn.transform);
  const { role, ready } = serviceRole(`${fn.name}-scheduler-role`, {
    services: ["scheduler"],
    region,
    roleName: physicalName("awsIamRole", fn.name, "scheduler"),
    tags,
    parent,
    transform: t.schedulerRole,
    statements: [
      { Sid: "InvokeOwnFunction", Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [lambda.arn] },
    ],
  });
  fn.schedules.forEach((s, i) => {
    new aws.scheduler.Schedule(
      ...withTransform(
        t,
        "schedule",
        `${fn.name}-schedule-${i}`,
        {
          name: physicalName("awsSchedule", fn.name, String(i)),
          scheduleExpression: toAwsSchedule(s.parsed),
          scheduleExpressionTimezone: s.timezone,
          flexibleTimeWindow: { mode: "OFF" },
          target: {
            arn: lambda.arn,
            roleArn: role.arn,
            input: JSON.stringify({ meridian: "schedule", function: fn.name, schedule: s.expression }),
            retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
          },
          region,
        } satisfies aws.scheduler.ScheduleArgs,
        { parent, dependsOn: ready },
      ),
    );
  });
}
