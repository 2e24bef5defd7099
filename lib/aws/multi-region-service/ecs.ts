import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../../core/naming";
import { transformsOf, withTransform } from "../../core/transform";
import type { AwsServiceChildren } from "../children";
import { logGroup } from "../log-group";
import type { AwsRegionContext } from "./context";
import { rolloutFailure } from "./rollout";
import { regionSecrets } from "./secrets";
import type { RegionLoadBalancer } from "./load-balancer";
import type { RegionNetwork } from "./network";

/** Name of the app container inside the task (the target group forwards to it). */
export const CONTAINER_NAME = "app";

/**
 * The region's compute: an ECS cluster, a log group with retention, a Fargate task definition (execution role
 * shared by all regions) and a Fargate service behind the target group, with the deployment circuit breaker
 * rolling a failing deployment back. The service waits for steady state; because a rolled-back deployment is
 * steady too, the task definition the service runs afterwards is compared with the one registered, and a
 * mismatch fails `pulumi up` (rollout.ts).
 */
export function createEcs(ctx: AwsRegionContext, net: RegionNetwork, lb: RegionLoadBalancer): aws.ecs.Service {
  const { spec, region, parent, tags } = ctx;
  const base = `${spec.name}-${region.label}`;
  const t = transformsOf<AwsServiceChildren>(spec.transform);
  const ecsName = physicalName("awsEcs", spec.name);

  const cluster = new aws.ecs.Cluster(
    ...withTransform(
      t,
      "cluster",
      `${base}-cluster`,
      {
        name: ecsName,
        region: region.region,
        settings: [{ name: "containerInsights", value: "enabled" }],
        tags,
      } satisfies aws.ecs.ClusterArgs,
      { parent },
    ),
  );

  const logs = logGroup(`${base}-logs`, {
    logGroupName: `/meridian/ecs/${ecsName}`,
    region: region.region,
    retentionDays: spec.logRetentionDays,
    tags,
    parent,
    transform: t?.logGroup,
  });

  const secrets = regionSecrets(ctx);
  const variables: Record<string, pulumi.Input<string>> = { ...region.environment };
  if (secrets) variables.MERIDIAN_SECRETS_VERSION = secrets.versionId;
  const environment = Object.entries(variables)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => ({ name, value }));
  const containerDefinitions = pulumi.jsonStringify([
    {
      name: CONTAINER_NAME,
      image: spec.image,
      essential: true,
      command: spec.command,
      portMappings: [{ containerPort: spec.port, protocol: "tcp" }],
      environment,
      secrets: secrets?.references,
      logConfiguration: {
        logDriver: "awslogs",
        options: {
          "awslogs-group": logs.name,
          "awslogs-region": region.region,
          "awslogs-stream-prefix": CONTAINER_NAME,
        },
      },
    },
  ]);

  const taskDefinition = new aws.ecs.TaskDefinition(
    ...withTransform(
      t,
      "taskDefinition",
      `${base}-task`,
      {
        family: ecsName,
        cpu: String(Math.round(region.cpu * 1024)),
        memory: String(region.memoryMb),
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
        executionRoleArn: ctx.executionRole.arn,
        containerDefinitions,
        region: region.region,
        tags,
      } satisfies aws.ecs.TaskDefinitionArgs,
      { parent },
    ),
  );

  const service = new aws.ecs.Service(
    ...withTransform(
      t,
      "service",
      `${base}-service`,
      {
        name: ecsName,
        cluster: cluster.arn,
        taskDefinition: taskDefinition.arn,
        desiredCount: region.count,
        launchType: "FARGATE",
        platformVersion: "LATEST",
        region: region.region,
        networkConfiguration: {
          subnets: net.taskSubnets.map((s) => s.id),
          securityGroups: [net.taskSecurityGroup.id],
          assignPublicIp: !spec.privateNetworking,
        },
        loadBalancers: [
          { targetGroupArn: lb.targetGroup.arn, containerName: CONTAINER_NAME, containerPort: spec.port },
        ],
        healthCheckGracePeriodSeconds: 60,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        propagateTags: "SERVICE",
        enableEcsManagedTags: true,
        waitForSteadyState: true,
        tags,
      } satisfies aws.ecs.ServiceArgs,
      { parent, dependsOn: [lb.httpsListener, ...ctx.executionRoleReady, ...(secrets?.ready ?? [])] },
    ),
  );
  // A rolled-back rollout must fail `pulumi up`, not report success (rollout.ts): after the update, the service
  // names the task definition it runs; when it is not the one just registered, the program fails with the reason.
  // Previews never run this (the values are unknown then).
  pulumi.all([service.taskDefinition, taskDefinition.arn]).apply(([deployed, requested]) => {
    const failure = pulumi.runtime.isDryRun()
      ? undefined
      : rolloutFailure(spec.name, region.region, deployed, requested);
    if (failure) throw new Error(failure);
    return deployed;
  });
  return service;
}
