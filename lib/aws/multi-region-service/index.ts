import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../../core/naming";
import { awsPartition } from "../../core/regions";
import type { ServiceResult } from "../../core/backend";
import type { ServiceCloudSpec, ServiceSpec } from "../../core/service";
import { commonTags } from "../../core/tags";
import { transformsOf } from "../../core/transform";
import type { AwsServiceChildren } from "../children";
import { serviceRole } from "../iam";
import { regionCertificate } from "./certificate";
import type { CertificateDns } from "./context";
import { createEcs } from "./ecs";
import { createLoadBalancer } from "./load-balancer";
import { createNetwork } from "./network";
import { readSecretsPolicyName } from "./secrets";

export type { CertificateDns } from "./context";
import { acceleratorAliasRecord, createAcceleratorFront } from "./global-accelerator";

/** The Route 53 hosted zone id of the service's DNS name: the one given, else looked up by zone name. */
export function route53ZoneId(spec: ServiceSpec, parent: pulumi.Resource): pulumi.Output<string> {
  const given = spec.dns?.route53?.zoneId;
  if (given !== undefined) return pulumi.output(given);
  return aws.route53.getZoneOutput({ name: spec.dns!.zone, privateZone: false }, { parent }).zoneId;
}

/**
 * Expands the AWS regions of a `MultiRegionService`: one task execution role for all regions (IAM is global),
 * then per region, independently of every other region, network, certificate, ALB and Fargate service.
 */
export function createAwsService(
  parent: pulumi.Resource,
  { service: spec, regions, externalRecord, externalFrontRecord }: ServiceCloudSpec,
): ServiceResult {
  // The certificate of the public name validates in the service's zone: Route 53's own, or another provider's.
  let certificateDns: CertificateDns;
  if (spec.dns!.provider === "route53") certificateDns = { kind: "route53", zoneId: route53ZoneId(spec, parent) };
  else if (externalRecord) certificateDns = { kind: "external", createRecord: externalRecord };
  else throw new Error(`${spec.component}: no way to write ACM validation records in a ${spec.dns!.provider} zone`);
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
    transform: transformsOf<AwsServiceChildren>(spec.transform).role,
  });
  const albs = new Map<string, aws.lb.LoadBalancer>();
  const endpoints = regions.map((region, i) => {
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
    albs.set(region.key, lb.loadBalancer);
    return {
      key: region.key,
      // An ALB is reached through its DNS name.
      address: lb.loadBalancer.dnsName,
      addressKind: "hostname" as const,
      url: pulumi.interpolate`https://${lb.loadBalancer.dnsName}`,
      // The ALB's canonical hosted zone, for Route 53 alias records.
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
  if (spec.front !== "global-accelerator") return { endpoints };
  // The accelerator is the front; the public name points at it (a Route 53 alias, or a record at the other provider).
  const front = createAcceleratorFront(parent, spec, albs);
  if (spec.dns!.provider === "route53") acceleratorAliasRecord(parent, spec, route53ZoneId(spec, parent), front);
  else if (externalFrontRecord) externalFrontRecord(front.dnsName);
  else throw new Error(`${spec.component}: no way to point a ${spec.dns!.provider} name at the accelerator`);
  return {
    endpoints,
    front: { url: pulumi.output(`https://${spec.dns!.fqdn}`), failoverSeconds: front.failoverSeconds },
  };
}
