import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { transformsOf, withTransform } from "../../core/transform";
import type { AwsServiceChildren } from "../children";
import type { AwsRegionContext } from "./context";

export interface RegionNetwork {
  vpc: aws.ec2.Vpc;
  /** Subnets the ALB lives in (public, one per AZ). */
  publicSubnets: aws.ec2.Subnet[];
  /** Subnets the tasks run in: the private ones with `privateNetworking`, else the public ones. */
  taskSubnets: aws.ec2.Subnet[];
  albSecurityGroup: aws.ec2.SecurityGroup;
  taskSecurityGroup: aws.ec2.SecurityGroup;
}

const VPC_CIDR = "10.0.0.0/16";
const PUBLIC_CIDRS = ["10.0.0.0/20", "10.0.16.0/20"];
const PRIVATE_CIDRS = ["10.0.128.0/20", "10.0.144.0/20"];

/**
 * One region's network: a VPC across two availability zones with public subnets (ALB, and tasks with public
 * IPs by default) and, with `privateNetworking`, private subnets whose egress goes through one NAT gateway per
 * AZ (no single-AZ egress dependency). The ALB's security group admits 443/80 from anywhere and talks only to
 * the tasks' port; the tasks' group admits only the ALB's group.
 */
export function createNetwork(ctx: AwsRegionContext): RegionNetwork {
  const { spec, region, parent, tags } = ctx;
  const base = `${spec.name}-${region.label}`;
  const t = transformsOf<AwsServiceChildren>(spec.transform);
  const opts = (): pulumi.CustomResourceOptions => ({ parent });
  // Regular zones only: without the opt-in-status filter an account's opted-in Local Zones are listed too, and a
  // subnet there has no ALB or Fargate (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html).
  const azs = aws.getAvailabilityZonesOutput(
    {
      state: "available",
      filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
      region: region.region,
    },
    { parent },
  );

  const vpc = new aws.ec2.Vpc(
    ...withTransform(
      t,
      "vpc",
      `${base}-vpc`,
      {
        cidrBlock: VPC_CIDR,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        region: region.region,
        tags: { ...tags, Name: `${base}-vpc` },
      } satisfies aws.ec2.VpcArgs,
      opts(),
    ),
  );
  const igw = new aws.ec2.InternetGateway(
    ...withTransform(
      t,
      "internetGateway",
      `${base}-igw`,
      { vpcId: vpc.id, region: region.region, tags } satisfies aws.ec2.InternetGatewayArgs,
      opts(),
    ),
  );
  const publicRoutes = new aws.ec2.RouteTable(
    ...withTransform(
      t,
      "routeTable",
      `${base}-public-rt`,
      {
        vpcId: vpc.id,
        region: region.region,
        routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
        tags,
      } satisfies aws.ec2.RouteTableArgs,
      opts(),
    ),
  );

  const publicSubnets = PUBLIC_CIDRS.map((cidr, i) => {
    const subnet = new aws.ec2.Subnet(
      ...withTransform(
        t,
        "subnet",
        `${base}-public-${i + 1}`,
        {
          vpcId: vpc.id,
          cidrBlock: cidr,
          availabilityZone: azs.names[i],
          mapPublicIpOnLaunch: !spec.privateNetworking,
          region: region.region,
          tags: { ...tags, Name: `${base}-public-${i + 1}`, tier: "public" },
        } satisfies aws.ec2.SubnetArgs,
        opts(),
      ),
    );
    new aws.ec2.RouteTableAssociation(
      `${base}-public-${i + 1}-rta`,
      { subnetId: subnet.id, routeTableId: publicRoutes.id, region: region.region },
      opts(),
    );
    return subnet;
  });

  let taskSubnets = publicSubnets;
  if (spec.privateNetworking) {
    taskSubnets = PRIVATE_CIDRS.map((cidr, i) => {
      const eip = new aws.ec2.Eip(`${base}-nat-${i + 1}-eip`, { domain: "vpc", region: region.region, tags }, opts());
      const nat = new aws.ec2.NatGateway(
        ...withTransform(
          t,
          "natGateway",
          `${base}-nat-${i + 1}`,
          {
            allocationId: eip.id,
            subnetId: publicSubnets[i].id,
            region: region.region,
            tags: { ...tags, Name: `${base}-nat-${i + 1}` },
          } satisfies aws.ec2.NatGatewayArgs,
          { parent, dependsOn: [igw] },
        ),
      );
      const routes = new aws.ec2.RouteTable(
        `${base}-private-${i + 1}-rt`,
        {
          vpcId: vpc.id,
          region: region.region,
          routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }],
          tags,
        },
        opts(),
      );
      const subnet = new aws.ec2.Subnet(
        ...withTransform(
          t,
          "subnet",
          `${base}-private-${i + 1}`,
          {
            vpcId: vpc.id,
            cidrBlock: cidr,
            availabilityZone: azs.names[i],
            mapPublicIpOnLaunch: false,
            region: region.region,
            tags: { ...tags, Name: `${base}-private-${i + 1}`, tier: "private" },
          } satisfies aws.ec2.SubnetArgs,
          opts(),
        ),
      );
      new aws.ec2.RouteTableAssociation(
        `${base}-private-${i + 1}-rta`,
        { subnetId: subnet.id, routeTableId: routes.id, region: region.region },
        opts(),
      );
      return subnet;
    });
  }

  const albSecurityGroup = new aws.ec2.SecurityGroup(
    ...withTransform(
      t,
      "securityGroup",
      `${base}-alb-sg`,
      {
        vpcId: vpc.id,
        region: region.region,
        description: "Public HTTPS (and HTTP redirect) to the load balancer",
        ingress: [
          {
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrBlocks: ["0.0.0.0/0"],
            ipv6CidrBlocks: ["::/0"],
            description: "HTTPS",
          },
          {
            protocol: "tcp",
            fromPort: 80,
            toPort: 80,
            cidrBlocks: ["0.0.0.0/0"],
            ipv6CidrBlocks: ["::/0"],
            description: "HTTP, redirected to HTTPS",
          },
        ],
        egress: [
          {
            protocol: "tcp",
            fromPort: spec.port,
            toPort: spec.port,
            cidrBlocks: [VPC_CIDR],
            description: "to the tasks",
          },
        ],
        tags: { ...tags, Name: `${base}-alb-sg` },
      } satisfies aws.ec2.SecurityGroupArgs,
      opts(),
    ),
  );
  const taskSecurityGroup = new aws.ec2.SecurityGroup(
    ...withTransform(
      t,
      "securityGroup",
      `${base}-task-sg`,
      {
        vpcId: vpc.id,
        region: region.region,
        description: "Tasks: only the load balancer may connect",
        ingress: [
          {
            protocol: "tcp",
            fromPort: spec.port,
            toPort: spec.port,
            securityGroups: [albSecurityGroup.id],
            description: "from the ALB",
          },
        ],
        // Tasks pull images, ship logs and call their dependencies (databases, APIs): outbound stays open.
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "outbound" }],
        tags: { ...tags, Name: `${base}-task-sg` },
      } satisfies aws.ec2.SecurityGroupArgs,
      opts(),
    ),
  );

  return { vpc, publicSubnets, taskSubnets, albSecurityGroup, taskSecurityGroup };
}
