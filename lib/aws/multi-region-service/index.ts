import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceRegionAlarmTarget } from "../../core/alarms/targets";
import { physicalName } from "../../core/naming";
import { awsPartition } from "../../core/regions";
import type { RegionSpec, ServiceSpec } from "../../core/service";
import { commonTags } from "../../core/tags";
import { serviceRole } from "../iam";
import { regionCertificate } from "./certificate";
import type { CertificateDns } from "./context";
import { createEcs } from "./ecs";
import { createLoadBalancer } from "./load-balancer";
import { createNetwork } from "./network";
import { readSecretsPolicyName } from "./secrets";

export type { CertificateDns } from "./context";
export { acceleratorAliasRecord, createAcceleratorFront } from "./global-accelerator";

/** The Route 53 hosted zone id of the service's DNS name: the one given, else looked up by zone name. */
export function route53ZoneId(spec: ServiceSpec, parent: pulumi.Resource): pulumi.Output<string> {
  const given = spec.dns?.route53?.zoneId;
  if (given !== undefined) return pulumi.output(given);
  return aws.route53.getZoneOutput({ name: spec.dns!.zone, privateZone: false }, { parent }).zoneId;
}

/** What the front needs from one AWS region. */
export interface AwsRegionEndpoint {
  key: string;
  /** Hostname the front sends traffic to (the ALB's DNS name). */
  address: pulumi.Output<string>;
  /** The region's own URL (the ALB; it serves the certificate of the public name). */
  url: pulumi.Output<string>;
  /** The ALB's canonical hosted zone, for Route 53 alias records. */
  aliasZoneId: pulumi.Output<string>;
  /** What the region's alarms watch (the ALB's metrics dimension). */
  alarmTarget: ServiceRegionAlarmTarget;
  /** The region's ALB (a Global Accelerator endpoint). */
  loadBalancer: aws.lb.LoadBalancer;
}

/**
 * Expands the AWS regions of a `MultiRegionService`: one task execution role for all regions (IAM is global),
 * then per region, independently of every other region, network, certificate, ALB and Fargate service.
 */
export function createAwsService(
  parent: pulumi.Resource,
  spec: ServiceSpec,
  regions: RegionSpec[],
  certificateDns: CertificateDns,
): AwsRegionEndpoint[] {
  const tags = commonTags("aws", "MultiRegionService");
  const { role: executionRole, ready: executionRoleReady } = serviceRole(`${spec.name}-execution-role`, {
    services: ["ecs-tasks"],
    region: regions[0].region,
    roleName: physicalName("awsIamRole", spec.name, "execution"),
    statements: [],
    // Each region grants the role read on its own secret (secrets.ts), so no region waits on another's secret.
    regionalPolicyNames: Object.keys(spec.secrets).length ? regions.map((r) => readSecretsPolicyName(r.region)) : [],
    managedPolicyArns: [
      `arn:${awsPartition(regions[0].region)}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
    ],
    tags,
    parent,
    transform: spec.transform?.role,
  });
  return regions.map((region, i) => {
    const ctx = {
      spec,
      region,
      parent,
      tags,
      executionRole,
      executionRoleReady,
      certificateDns,
      ownsValidationRecord: i === 0,
    };
    const net = createNetwork(ctx);
    const certificateArn = regionCertificate(ctx, spec.dns!.fqdn);
    const lb = createLoadBalancer(ctx, net, certificateArn);
    createEcs(ctx, net, lb);
    return {
      key: region.key,
      address: lb.loadBalancer.dnsName,
      url: pulumi.interpolate`https://${lb.loadBalancer.dnsName}`,
      aliasZoneId: lb.loadBalancer.zoneId,
      alarmTarget: {
        label: region.label,
        aws: {
          region: region.region,
          loadBalancerArnSuffix: lb.loadBalancer.arnSuffix,
          targetGroupArnSuffix: lb.targetGroup.arnSuffix,
        },
      },
      loadBalancer: lb.loadBalancer,
    };
  });
}
