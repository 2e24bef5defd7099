import { awsDnsSuffix, awsPartition } from "../../core/regions";
import { AWS_ACCOUNT_ID, MockContext, alnum, autoName, hex, providerInputs, str } from "./context";

export interface MockOutputs {
  id: string;
  outputs: Record<string, unknown>;
}

/** Canonical hosted zone ids of ALBs per region (the ones Route 53 alias records need); us-east-1 otherwise. */
const ALB_ZONE_IDS: Record<string, string> = {
  "us-east-1": "Z35SXDOTRQ7X7K",
  "us-east-2": "Z3AADJGX6KTTL2",
  "us-west-1": "Z368ELLRRE2KJ0",
  "us-west-2": "Z1H1FL5HABSF5",
  "eu-west-1": "Z32O12XQLNTSW2",
  "eu-central-1": "Z215JYRZR1TBD5",
  "ap-southeast-1": "Z1LMS91P8CMLE5",
  "ap-northeast-1": "Z14GRHDCWA56QT",
};

/** The region a resource is created in: its own `region` input (v7), its provider's, then `aws:region`. */
export function awsRegion(ctx: MockContext, inputs: Record<string, unknown>, provider?: string): string {
  return str(inputs.region) ?? str(providerInputs(ctx, provider)?.region) ?? ctx.config["aws:region"] ?? "us-east-1";
}

/** Mocked outputs for `aws:*` resources: real ARN, id and hostname formats so output chains run through. */
export function awsResource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  ctx: MockContext,
  provider?: string,
): MockOutputs {
  const region = awsRegion(ctx, inputs, provider);
  const p = awsPartition(region);
  const acct = AWS_ACCOUNT_ID;
  const seed = `${type}/${name}`;
  const physical = str(inputs.name) ?? autoName(name, seed);
  const [mod] = type.split(":")[1].split("/");
  const arn = (service: string, resource: string, withRegion = true, withAccount = true) =>
    `arn:${p}:${service}:${withRegion ? region : ""}:${withAccount ? acct : ""}:${resource}`;
  const base: { id: string; outputs: Record<string, unknown> } = {
    id: physical,
    outputs: { arn: arn(mod, `${mod}/${physical}`), name: physical, region },
  };

  switch (type) {
    case "aws:lambda/function:Function": {
      const fnArn = arn("lambda", `function:${physical}`);
      return {
        id: physical,
        outputs: {
          arn: fnArn,
          name: physical,
          region,
          qualifiedArn: `${fnArn}:$LATEST`,
          version: "$LATEST",
          invokeArn: `arn:${p}:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations`,
          qualifiedInvokeArn: `arn:${p}:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}:$LATEST/invocations`,
          sourceCodeSize: 1024,
          lastModified: "2026-01-01T00:00:00.000+0000",
        },
      };
    }
    case "aws:lambda/functionUrl:FunctionUrl": {
      const urlId = alnum(seed, 32);
      return {
        id: str(inputs.functionName) ?? physical,
        outputs: {
          urlId,
          functionArn: arn("lambda", `function:${str(inputs.functionName)}`),
          functionUrl: `https://${urlId}.lambda-url.${region}.on.aws/`,
        },
      };
    }
    case "aws:lambda/permission:Permission":
      return {
        id: str(inputs.statementId) ?? autoName(name, seed),
        outputs: { statementId: str(inputs.statementId) ?? autoName(name, seed) },
      };
    case "aws:lambda/eventSourceMapping:EventSourceMapping": {
      const uuid = hex(seed, 32).replace(/(.{8})(.{4})(.{4})(.{4})(.{12})/, "$1-$2-$3-$4-$5");
      return {
        id: uuid,
        outputs: {
          uuid,
          arn: arn("lambda", `event-source-mapping:${uuid}`),
          functionArn: arn("lambda", `function:${str(inputs.functionName)}`),
        },
      };
    }
    case "aws:iam/role:Role":
      return {
        id: physical,
        outputs: {
          arn: arn("iam", `role/${physical}`, false),
          name: physical,
          uniqueId: `AROA${alnum(seed, 17).toUpperCase()}`,
        },
      };
    case "aws:iam/policy:Policy":
      return {
        id: arn("iam", `policy/${physical}`, false),
        outputs: {
          arn: arn("iam", `policy/${physical}`, false),
          name: physical,
          policyId: `ANPA${alnum(seed, 17).toUpperCase()}`,
        },
      };
    case "aws:iam/rolePolicy:RolePolicy":
    case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
      return { id: `${str(inputs.role) ?? "role"}:${physical}`, outputs: {} };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { id: physical, outputs: { arn: arn("logs", `log-group:${physical}`), name: physical } };
    case "aws:apigatewayv2/api:Api": {
      const id = alnum(seed, 10);
      return {
        id,
        outputs: {
          apiEndpoint: `https://${id}.execute-api.${region}.${awsDnsSuffix(region)}`,
          executionArn: arn("execute-api", id),
          arn: `arn:${p}:apigateway:${region}::/apis/${id}`,
        },
      };
    }
    case "aws:apigatewayv2/stage:Stage": {
      const apiId = str(inputs.apiId) ?? "api";
      const stage = str(inputs.name) ?? "$default";
      const suffix = stage === "$default" ? "" : stage;
      return {
        id: stage,
        outputs: {
          arn: `arn:${p}:apigateway:${region}::/apis/${apiId}/stages/${stage}`,
          executionArn: arn("execute-api", `${apiId}/${stage}`),
          invokeUrl: `https://${apiId}.execute-api.${region}.${awsDnsSuffix(region)}/${suffix}`,
        },
      };
    }
    case "aws:apigatewayv2/integration:Integration":
    case "aws:apigatewayv2/route:Route":
    case "aws:apigatewayv2/authorizer:Authorizer":
    case "aws:apigatewayv2/apiMapping:ApiMapping":
      return { id: alnum(seed, 7), outputs: {} };
    case "aws:apigatewayv2/domainName:DomainName": {
      const domain = str(inputs.domainName) ?? physical;
      return {
        id: domain,
        outputs: {
          arn: `arn:${p}:apigateway:${region}::/domainnames/${domain}`,
          apiMappingSelectionExpression: "$request.basepath",
          domainNameConfiguration: {
            ...(inputs.domainNameConfiguration as object),
            targetDomainName: `d-${alnum(seed, 10)}.execute-api.${region}.${awsDnsSuffix(region)}`,
            hostedZoneId: "Z1UJRXOUMOOFQ8",
          },
        },
      };
    }
    case "aws:acm/certificate:Certificate": {
      const domains = [
        str(inputs.domainName),
        ...((inputs.subjectAlternativeNames as unknown[]) ?? []).map(str),
      ].filter((d): d is string => !!d);
      const certArn = arn(
        "acm",
        `certificate/${hex(seed, 8)}-${hex(seed + "1", 4)}-${hex(seed + "2", 4)}-${hex(seed + "3", 4)}-${hex(seed + "4", 12)}`,
      );
      return {
        id: certArn,
        outputs: {
          arn: certArn,
          status: "ISSUED",
          domainValidationOptions: domains.map((d) => ({
            domainName: d,
            resourceRecordName: `_${hex(d, 32)}.${d.replace(/^\*\./, "")}.`,
            resourceRecordType: "CNAME",
            resourceRecordValue: `_${hex(d + "v", 32)}.acm-validations.aws.`,
          })),
        },
      };
    }
    case "aws:acm/certificateValidation:CertificateValidation":
      return { id: str(inputs.certificateArn) ?? physical, outputs: { certificateArn: inputs.certificateArn } };
    case "aws:route53/zone:Zone": {
      const zoneId = `Z${alnum(seed, 20).toUpperCase()}`;
      return {
        id: zoneId,
        outputs: {
          zoneId,
          arn: `arn:${p}:route53:::hostedzone/${zoneId}`,
          nameServers: [1, 2, 3, 4].map((i) => `ns-${i}${hex(seed + i, 2)}.awsdns-0${i}.net`),
        },
      };
    }
    case "aws:route53/record:Record": {
      const fqdn = str(inputs.name) ?? physical;
      return {
        id: `${str(inputs.zoneId)}_${fqdn}_${str(inputs.type)}${inputs.setIdentifier ? `_${str(inputs.setIdentifier)}` : ""}`,
        outputs: { fqdn },
      };
    }
    case "aws:route53/healthCheck:HealthCheck": {
      const id = hex(seed, 32).replace(/(.{8})(.{4})(.{4})(.{4})(.{12})/, "$1-$2-$3-$4-$5");
      return { id, outputs: { arn: `arn:${p}:route53:::healthcheck/${id}` } };
    }
    case "aws:sqs/queue:Queue":
      return {
        id: `https://sqs.${region}.${awsDnsSuffix(region)}/${acct}/${physical}`,
        outputs: {
          arn: arn("sqs", physical),
          name: physical,
          url: `https://sqs.${region}.${awsDnsSuffix(region)}/${acct}/${physical}`,
        },
      };
    case "aws:secretsmanager/secret:Secret": {
      const secretArn = arn("secretsmanager", `secret:${physical}-${alnum(seed, 6)}`);
      return { id: secretArn, outputs: { arn: secretArn, name: physical } };
    }
    case "aws:secretsmanager/secretVersion:SecretVersion":
      return {
        id: `${str(inputs.secretId)}|${hex(seed, 32)}`,
        outputs: { versionId: hex(seed, 32), arn: inputs.secretId },
      };
    case "aws:scheduler/schedule:Schedule":
      return {
        id: `${str(inputs.groupName) ?? "default"}/${physical}`,
        outputs: {
          arn: arn("scheduler", `schedule/${str(inputs.groupName) ?? "default"}/${physical}`),
          name: physical,
        },
      };
    case "aws:kms/key:Key": {
      const keyId = hex(seed, 32).replace(/(.{8})(.{4})(.{4})(.{4})(.{12})/, "$1-$2-$3-$4-$5");
      return { id: keyId, outputs: { keyId, arn: arn("kms", `key/${keyId}`) } };
    }
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2": {
      const bucket = str(inputs.bucket) ?? autoName(name, seed);
      return {
        id: bucket,
        outputs: {
          bucket,
          arn: `arn:${p}:s3:::${bucket}`,
          bucketDomainName: `${bucket}.s3.amazonaws.com`,
          bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
          region,
        },
      };
    }
    // Global Accelerator is global: ARNs have no region, and `hostedZoneId` "is simply an alias for the zone ID
    // Z2BJ6XQ5FK7U4H" (pulumi-aws globalaccelerator.Accelerator; docs.aws.amazon.com/general/latest/gr/global_accelerator.html).
    case "aws:globalaccelerator/accelerator:Accelerator": {
      const gaArn = `arn:${p}:globalaccelerator::${acct}:accelerator/${hex(seed, 8)}-${hex(seed + "a", 4)}-${hex(seed + "b", 4)}-${hex(seed + "c", 4)}-${hex(seed + "d", 12)}`;
      return {
        id: gaArn,
        outputs: {
          arn: gaArn,
          name: physical,
          dnsName: `a${hex(seed, 16)}.awsglobalaccelerator.com`,
          hostedZoneId: "Z2BJ6XQ5FK7U4H",
          ipSets: [{ ipFamily: "IPv4", ipAddresses: ["75.2.0.10", "99.83.0.20"] }],
        },
      };
    }
    case "aws:globalaccelerator/listener:Listener":
    case "aws:globalaccelerator/endpointGroup:EndpointGroup": {
      const kind = type.endsWith("Listener") ? "listener" : "endpoint-group";
      const childArn = `arn:${p}:globalaccelerator::${acct}:accelerator/${hex(seed, 8)}/${kind}/${hex(seed + "k", 8)}`;
      return { id: childArn, outputs: { arn: childArn } };
    }
    case "aws:lb/loadBalancer:LoadBalancer": {
      const lbArn = arn("elasticloadbalancing", `loadbalancer/app/${physical}/${hex(seed, 16)}`);
      return {
        id: lbArn,
        outputs: {
          arn: lbArn,
          arnSuffix: `app/${physical}/${hex(seed, 16)}`,
          name: physical,
          dnsName: `${physical}-${parseInt(hex(seed, 8), 16) % 1000000000}.${region}.elb.${awsDnsSuffix(region)}`,
          zoneId: ALB_ZONE_IDS[region] ?? ALB_ZONE_IDS["us-east-1"],
        },
      };
    }
    case "aws:lb/targetGroup:TargetGroup": {
      const tgArn = arn("elasticloadbalancing", `targetgroup/${physical}/${hex(seed, 16)}`);
      return {
        id: tgArn,
        outputs: { arn: tgArn, arnSuffix: `targetgroup/${physical}/${hex(seed, 16)}`, name: physical },
      };
    }
    case "aws:lb/listener:Listener": {
      const lArn = arn("elasticloadbalancing", `listener/app/${name}/${hex(seed, 16)}/${hex(seed + "l", 16)}`);
      return { id: lArn, outputs: { arn: lArn } };
    }
    case "aws:ecs/cluster:Cluster":
      return {
        id: arn("ecs", `cluster/${physical}`),
        outputs: { arn: arn("ecs", `cluster/${physical}`), name: physical },
      };
    case "aws:ecs/service:Service":
      return {
        id: arn("ecs", `service/${str(inputs.cluster)?.split("/").pop() ?? "cluster"}/${physical}`),
        outputs: { name: physical },
      };
    case "aws:ecs/taskDefinition:TaskDefinition": {
      const family = str(inputs.family) ?? physical;
      return {
        id: family,
        outputs: {
          arn: arn("ecs", `task-definition/${family}:1`),
          arnWithoutRevision: arn("ecs", `task-definition/${family}`),
          revision: 1,
          family,
        },
      };
    }
  }
  if (mod === "ec2") {
    const kind = type.split("/")[1].split(":")[0];
    const prefixes: Record<string, string> = {
      vpc: "vpc",
      subnet: "subnet",
      securityGroup: "sg",
      internetGateway: "igw",
      natGateway: "nat",
      eip: "eipalloc",
      routeTable: "rtb",
      routeTableAssociation: "rtbassoc",
      route: "r",
      vpcEndpoint: "vpce",
      securityGroupRule: "sgrule",
      vpcSecurityGroupIngressRule: "sgr",
      vpcSecurityGroupEgressRule: "sgr",
    };
    const id = `${prefixes[kind] ?? kind.toLowerCase()}-${hex(seed, 17)}`;
    const outputs: Record<string, unknown> = { arn: arn("ec2", `${kind.toLowerCase()}/${id}`) };
    if (kind === "vpc")
      Object.assign(outputs, {
        defaultSecurityGroupId: `sg-${hex(seed + "sg", 17)}`,
        mainRouteTableId: `rtb-${hex(seed + "rt", 17)}`,
        defaultNetworkAclId: `acl-${hex(seed + "acl", 17)}`,
      });
    if (kind === "eip")
      Object.assign(outputs, {
        publicIp: `3.${parseInt(hex(seed, 2), 16)}.${parseInt(hex(seed + "b", 2), 16)}.${(parseInt(hex(seed + "c", 2), 16) % 250) + 1}`,
        allocationId: id,
      });
    if (kind === "subnet")
      Object.assign(outputs, { availabilityZoneId: `use1-az${(parseInt(hex(seed, 1), 16) % 6) + 1}` });
    return { id, outputs };
  }
  return base;
}
