import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../../core/naming";
import { ServiceSpec, acceleratorFailoverSeconds, acceleratorRouting } from "../../core/service";
import { commonTags } from "../../core/tags";
import { transformsOf, withTransform } from "../../core/transform";
import type { AwsServiceChildren } from "../children";

/** What the component needs from the accelerator front. */
export interface AcceleratorFront {
  accelerator: aws.globalaccelerator.Accelerator;
  /** `<id>.awsglobalaccelerator.com`: the public name points here (alias or CNAME). */
  dnsName: pulumi.Output<string>;
  /** Route 53 zone of the accelerator's DNS name, for an alias record. */
  hostedZoneId: pulumi.Output<string>;
  failoverSeconds: number;
}

/**
 * The Global Accelerator front of an all-AWS MultiRegionService:
 * - one standard accelerator (two static anycast IPv4 addresses; IPv4 because the ALBs are IPv4-only). It has no
 *   `region`: Global Accelerator is a global service (the SDK's `AcceleratorArgs` takes none);
 * - one TCP listener on 80 and 443: TLS passes through to each ALB, which terminates it with its own ACM certificate
 *   for the public name (and redirects 80 to HTTPS), so nothing about the certificates changes with the front;
 * - one endpoint group per region holding that region's ALB with client IP preservation on, so the ALB and the app
 *   see the client's address in X-Forwarded-For (docs.aws.amazon.com/global-accelerator/latest/dg/
 *   preserve-client-ip-address.headers.html). The provider's default for `clientIpPreservationEnabled` is false
 *   (pulumi-aws EndpointGroupEndpointConfiguration), though AWS's is true for internet-facing ALBs: set it explicitly.
 * Dials and weights come from `acceleratorRouting` (strategy, `primary`, `drained`), so drain and manual failover are
 * dial updates in place: no DNS change, no replacement.
 */
export function createAcceleratorFront(
  parent: pulumi.Resource,
  spec: ServiceSpec,
  albs: Map<string, aws.lb.LoadBalancer>,
): AcceleratorFront {
  const t = transformsOf<AwsServiceChildren>(spec.transform);
  const tags = commonTags("aws", "MultiRegionService");
  const accelerator = new aws.globalaccelerator.Accelerator(
    ...withTransform(
      t,
      "accelerator",
      `${spec.name}-accelerator`,
      {
        name: physicalName("awsGlobalAccelerator", spec.name),
        ipAddressType: "IPV4",
        enabled: true,
        tags,
      } satisfies aws.globalaccelerator.AcceleratorArgs,
      { parent },
    ),
  );
  const listener = new aws.globalaccelerator.Listener(
    ...withTransform(
      t,
      "acceleratorListener",
      `${spec.name}-accelerator-tcp`,
      {
        acceleratorArn: accelerator.arn,
        protocol: "TCP",
        portRanges: [
          { fromPort: 80, toPort: 80 },
          { fromPort: 443, toPort: 443 },
        ],
        clientAffinity: "NONE",
      } satisfies aws.globalaccelerator.ListenerArgs,
      { parent },
    ),
  );
  const hc = spec.healthCheck;
  for (const region of spec.regions) {
    const { dial, weight } = acceleratorRouting(spec, region);
    new aws.globalaccelerator.EndpointGroup(
      ...withTransform(
        t,
        "endpointGroup",
        `${spec.name}-${region.label}-endpoint-group`,
        {
          listenerArn: listener.arn,
          endpointGroupRegion: region.region,
          trafficDialPercentage: dial,
          endpointConfigurations: [
            { endpointId: albs.get(region.key)!.arn, weight, clientIpPreservationEnabled: true },
          ],
          // For ALB endpoints these are not used: the accelerator takes the ALB's target health ("For Network Load
          // Balancer and Application Load Balancer endpoints, configure health check settings on the ELB console",
          // docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoint-groups.html). They are set to the
          // fastest the API allows (10 or 30 s; threshold 1-10) rather than left at 30 s x 3, for any other endpoint
          // type a transform may add.
          healthCheckProtocol: "HTTPS",
          healthCheckPort: 443,
          healthCheckPath: hc.path,
          healthCheckIntervalSeconds: 10,
          thresholdCount: hc.failureThreshold,
        } satisfies aws.globalaccelerator.EndpointGroupArgs,
        { parent },
      ),
    );
  }
  return {
    accelerator,
    dnsName: accelerator.dnsName,
    hostedZoneId: accelerator.hostedZoneId,
    failoverSeconds: acceleratorFailoverSeconds(hc),
  };
}

/**
 * The public name in Route 53: an A alias to the accelerator. The accelerator answers for every region, so the name
 * has this one record and its answer never changes on failover; target health is not evaluated (the accelerator
 * routes around unhealthy regions itself).
 */
export function acceleratorAliasRecord(
  parent: pulumi.Resource,
  spec: ServiceSpec,
  zoneId: pulumi.Input<string>,
  front: AcceleratorFront,
): aws.route53.Record {
  return new aws.route53.Record(
    ...withTransform(
      transformsOf<AwsServiceChildren>(spec.transform),
      "acceleratorRecord",
      `${spec.name}-accelerator-record`,
      {
        zoneId,
        name: spec.dns!.fqdn,
        type: "A",
        allowOverwrite: false,
        aliases: [{ name: front.dnsName, zoneId: front.hostedZoneId, evaluateTargetHealth: false }],
      } satisfies aws.route53.RecordArgs,
      { parent },
    ),
  );
}
