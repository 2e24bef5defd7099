import type * as aws from "@pulumi/aws";
import { childKeys } from "../core/transform";

/**
 * The AWS children of each component, keyed as `transform` names them, with the args type of each. Only types
 * come from the SDK here (`import type`), so loading this file does not load `@pulumi/aws`.
 */

/** The notification target of `alarms`: one SNS topic per stack, region and notify, and its subscriptions. */
export interface AwsNotifyChildren {
  alarmTopic: aws.sns.TopicArgs;
  alarmSubscription: aws.sns.TopicSubscriptionArgs;
}

/** `alarms` on a request-serving component: CloudWatch error-rate and p99-latency alarms. */
export interface AwsRequestAlarmChildren extends AwsNotifyChildren {
  alarmErrorRate: aws.cloudwatch.MetricAlarmArgs;
  alarmLatency: aws.cloudwatch.MetricAlarmArgs;
}

/** `alarms` on FailoverDns: a CloudWatch alarm per Route 53 health check. */
export interface AwsHealthAlarmChildren extends AwsNotifyChildren {
  alarmHealth: aws.cloudwatch.MetricAlarmArgs;
}

/** Every AWS alarm child (what lib/aws/alarms.ts creates). */
export interface AwsAlarmChildren extends AwsRequestAlarmChildren, AwsHealthAlarmChildren {}

/** ServerlessFunction on AWS Lambda. */
export interface AwsFunctionChildren extends AwsRequestAlarmChildren {
  role: aws.iam.RoleArgs;
  logGroup: aws.cloudwatch.LogGroupArgs;
  secret: aws.secretsmanager.SecretArgs;
  function: aws.lambda.FunctionArgs;
  functionUrl: aws.lambda.FunctionUrlArgs;
  queue: aws.sqs.QueueArgs;
  deadLetterQueue: aws.sqs.QueueArgs;
  eventSourceMapping: aws.lambda.EventSourceMappingArgs;
  schedule: aws.scheduler.ScheduleArgs;
  schedulerRole: aws.iam.RoleArgs;
}

/** ApiGateway on API Gateway HTTP APIs. */
export interface AwsApiChildren extends AwsRequestAlarmChildren {
  api: aws.apigatewayv2.ApiArgs;
  authorizer: aws.apigatewayv2.AuthorizerArgs;
  integration: aws.apigatewayv2.IntegrationArgs;
  permission: aws.lambda.PermissionArgs;
  route: aws.apigatewayv2.RouteArgs;
  logGroup: aws.cloudwatch.LogGroupArgs;
  stage: aws.apigatewayv2.StageArgs;
  domainName: aws.apigatewayv2.DomainNameArgs;
  apiMapping: aws.apigatewayv2.ApiMappingArgs;
  record: aws.route53.RecordArgs;
}

/** FailoverDns on Route 53. */
export interface Route53DnsChildren extends AwsHealthAlarmChildren {
  healthCheck: aws.route53.HealthCheckArgs;
  record: aws.route53.RecordArgs;
}

/**
 * The AWS regions of a MultiRegionService (VPC, ALB, ECS Fargate). `alarmHealth` is each region's healthy-target
 * alarm behind Global Accelerator, which no DNS health check watches.
 */
export interface AwsServiceChildren extends AwsRequestAlarmChildren, AwsHealthAlarmChildren {
  role: aws.iam.RoleArgs;
  vpc: aws.ec2.VpcArgs;
  internetGateway: aws.ec2.InternetGatewayArgs;
  routeTable: aws.ec2.RouteTableArgs;
  subnet: aws.ec2.SubnetArgs;
  natGateway: aws.ec2.NatGatewayArgs;
  securityGroup: aws.ec2.SecurityGroupArgs;
  loadBalancer: aws.lb.LoadBalancerArgs;
  targetGroup: aws.lb.TargetGroupArgs;
  listener: aws.lb.ListenerArgs;
  accelerator: aws.globalaccelerator.AcceleratorArgs;
  acceleratorListener: aws.globalaccelerator.ListenerArgs;
  endpointGroup: aws.globalaccelerator.EndpointGroupArgs;
  /** The public name's alias to the accelerator, in a Route 53 zone (in a Cloudflare zone it is a Cloudflare record). */
  acceleratorRecord: aws.route53.RecordArgs;
  logGroup: aws.cloudwatch.LogGroupArgs;
  cluster: aws.ecs.ClusterArgs;
  taskDefinition: aws.ecs.TaskDefinitionArgs;
  service: aws.ecs.ServiceArgs;
  /** The Secrets Manager secret of each region's `container.secrets`. */
  secret: aws.secretsmanager.SecretArgs;
}

declare module "../core/children" {
  interface FunctionChildrenByCloud {
    aws: AwsFunctionChildren;
  }
  interface ApiChildrenByCloud {
    aws: AwsApiChildren;
  }
  interface DnsChildrenByProvider {
    route53: Route53DnsChildren;
  }
  interface ServiceChildrenByCloud {
    aws: AwsServiceChildren;
  }
}

export const AWS_FUNCTION_CHILDREN = childKeys<AwsFunctionChildren>({
  role: true,
  logGroup: true,
  secret: true,
  function: true,
  functionUrl: true,
  queue: true,
  deadLetterQueue: true,
  eventSourceMapping: true,
  schedule: true,
  schedulerRole: true,
  alarmErrorRate: true,
  alarmLatency: true,
  alarmTopic: true,
  alarmSubscription: true,
});

export const AWS_API_CHILDREN = childKeys<AwsApiChildren>({
  api: true,
  authorizer: true,
  integration: true,
  permission: true,
  route: true,
  logGroup: true,
  stage: true,
  domainName: true,
  apiMapping: true,
  record: true,
  alarmErrorRate: true,
  alarmLatency: true,
  alarmTopic: true,
  alarmSubscription: true,
});

export const ROUTE53_DNS_CHILDREN = childKeys<Route53DnsChildren>({
  healthCheck: true,
  record: true,
  alarmHealth: true,
  alarmTopic: true,
  alarmSubscription: true,
});

export const AWS_SERVICE_CHILDREN = childKeys<AwsServiceChildren>({
  role: true,
  vpc: true,
  internetGateway: true,
  routeTable: true,
  subnet: true,
  natGateway: true,
  securityGroup: true,
  loadBalancer: true,
  targetGroup: true,
  listener: true,
  accelerator: true,
  acceleratorListener: true,
  endpointGroup: true,
  acceleratorRecord: true,
  logGroup: true,
  cluster: true,
  taskDefinition: true,
  service: true,
  secret: true,
  alarmErrorRate: true,
  alarmLatency: true,
  alarmHealth: true,
  alarmTopic: true,
  alarmSubscription: true,
});
