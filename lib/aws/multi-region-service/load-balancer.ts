import { awsTargetGroup } from "../../core/physical-name-claims";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../../core/naming";
import { transformsOf, withTransform } from "../../core/transform";
import type { AwsServiceChildren } from "../children";
import type { AwsRegionContext } from "./context";
import type { RegionNetwork } from "./network";

/** TLS 1.3 with TLS 1.2 fallback: nothing older than TLS 1.2 is negotiated. */
export const ALB_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export interface RegionLoadBalancer {
  loadBalancer: aws.lb.LoadBalancer;
  targetGroup: aws.lb.TargetGroup;
  httpsListener: aws.lb.Listener;
}

/**
 * The region's public entry: an ALB in the public subnets, an `ip` target group that runs the service's
 * health check, an HTTPS listener with the region's certificate and a modern TLS policy, and an HTTP
 * listener that only redirects to HTTPS.
 */
export function createLoadBalancer(
  ctx: AwsRegionContext,
  net: RegionNetwork,
  certificateArn: pulumi.Output<string>,
): RegionLoadBalancer {
  const { spec, region, parent, tags } = ctx;
  const base = `${spec.name}-${region.label}`;
  const t = transformsOf<AwsServiceChildren>(spec.transform);
  const hc = spec.healthCheck;

  const loadBalancer = new aws.lb.LoadBalancer(
    ...withTransform(
      t,
      "loadBalancer",
      `${base}-alb`,
      {
        name: physicalName("awsLoadBalancer", spec.name, region.region),
        loadBalancerType: "application",
        internal: false,
        ipAddressType: "ipv4",
        subnets: net.publicSubnets.map((s) => s.id),
        securityGroups: [net.albSecurityGroup.id],
        dropInvalidHeaderFields: true,
        idleTimeout: 60,
        region: region.region,
        tags,
      } satisfies aws.lb.LoadBalancerArgs,
      { parent },
    ),
  );

  // `port`, `protocol` and `targetType` force a new target group. With a fixed name Pulumi replaces delete-first,
  // which fails while the listener uses the group (pulumi/pulumi-aws#4226), and create-first would collide on the
  // name (DuplicateTargetGroupName, hashicorp/terraform-provider-aws#1711). The name carries a hash of exactly those, so a change creates a differently named group, the listener and the service (updated in
  // place, hashicorp/terraform-provider-aws#23596) move to it, and only then is the old one deleted.
  const { forcing, name: targetGroupName } = awsTargetGroup(spec.name, region.region, spec.port);
  const targetGroup = new aws.lb.TargetGroup(
    ...withTransform(
      t,
      "targetGroup",
      `${base}-tg`,
      {
        name: targetGroupName,
        ...forcing,
        vpcId: net.vpc.id,
        region: region.region,
        deregistrationDelay: 30,
        healthCheck: {
          enabled: true,
          path: hc.path,
          protocol: "HTTP",
          port: "traffic-port",
          matcher: "200-399",
          interval: hc.intervalSeconds,
          timeout: hc.timeoutSeconds,
          healthyThreshold: 2,
          unhealthyThreshold: hc.failureThreshold,
        },
        tags,
      } satisfies aws.lb.TargetGroupArgs,
      { parent },
    ),
  );

  const httpsListener = new aws.lb.Listener(
    ...withTransform(
      t,
      "listener",
      `${base}-https`,
      {
        loadBalancerArn: loadBalancer.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: ALB_SSL_POLICY,
        certificateArn,
        defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
        region: region.region,
        tags,
      } satisfies aws.lb.ListenerArgs,
      { parent },
    ),
  );
  new aws.lb.Listener(
    ...withTransform(
      t,
      "listener",
      `${base}-http`,
      {
        loadBalancerArn: loadBalancer.arn,
        port: 80,
        protocol: "HTTP",
        region: region.region,
        tags,
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      } satisfies aws.lb.ListenerArgs,
      { parent },
    ),
  );

  return { loadBalancer, targetGroup, httpsListener };
}
