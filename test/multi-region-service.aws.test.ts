import * as assert from "node:assert";
import { MultiRegionService, MultiRegionServiceArgs } from "../lib";
import { criticalPathSeconds } from "../lib/core/service";
import {
  Plan,
  allStrings,
  byUrn,
  dependsOn,
  findResources,
  getResource,
  hasResource,
  recordPlan,
} from "../lib/testing";
import { crossRegionEdges, regionOf, regionTypes } from "./support/multi-region-service-helpers";

const REGIONS = ["aws:us-east-1", "aws:eu-west-1", "aws:ap-southeast-1"] as const;
const LABELS = ["us-east-1", "eu-west-1", "ap-southeast-1"];
const SECRET = "s3cr3t-db-password";

const args = (extra: Partial<MultiRegionServiceArgs> = {}): MultiRegionServiceArgs => ({
  regions: [...REGIONS],
  container: {
    image: "ghcr.io/acme/api:1.0.0",
    port: 8080,
    cpu: 0.5,
    memoryMb: 1024,
    environment: { LOG_LEVEL: "info" },
  },
  healthCheck: { path: "/healthz", intervalSeconds: 10, failureThreshold: 3 },
  routing: {
    strategy: "latency",
    dns: { provider: "route53", zone: "example.com", record: "api", route53: { zoneId: "Z0123456789ABC" } },
  },
  ...extra,
});

describe("MultiRegionService on AWS (Fargate + Route 53)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(async () => {
      const pulumi = await import("@pulumi/pulumi");
      const svc = new MultiRegionService(
        "api",
        args({
          drained: ["aws:ap-southeast-1"],
          perRegion: {
            "aws:us-east-1": { cpu: 1, memoryMb: 2048, count: 4, environment: { DB_PASSWORD: pulumi.secret(SECRET) } },
          },
        }),
      );
      return { url: svc.url, endpoints: svc.endpoints, failoverSeconds: svc.failoverSeconds };
    });
  });

  it("expands every region completely and identically", () => {
    const types = regionTypes(plan, "api", "us-east-1", LABELS);
    const count = (t: string) => types.filter((x) => x === t).length;
    assert.strictEqual(count("aws:ec2/vpc:Vpc"), 1);
    assert.strictEqual(count("aws:ec2/subnet:Subnet"), 2);
    assert.strictEqual(count("aws:ec2/securityGroup:SecurityGroup"), 2);
    assert.strictEqual(count("aws:lb/listener:Listener"), 2);
    for (const t of [
      "aws:ec2/internetGateway:InternetGateway",
      "aws:lb/loadBalancer:LoadBalancer",
      "aws:lb/targetGroup:TargetGroup",
      "aws:acm/certificate:Certificate",
      "aws:acm/certificateValidation:CertificateValidation",
      "aws:ecs/cluster:Cluster",
      "aws:ecs/taskDefinition:TaskDefinition",
      "aws:ecs/service:Service",
      "aws:cloudwatch/logGroup:LogGroup",
    ]) {
      assert.strictEqual(count(t), 1, t);
    }
    assert.strictEqual(count("aws:ec2/natGateway:NatGateway"), 0, "public subnets by default");
    for (const l of LABELS) assert.deepStrictEqual(regionTypes(plan, "api", l, LABELS), types);
  });

  it("sets each regional resource's region and spreads subnets over two AZs", () => {
    for (const l of LABELS) {
      for (const r of plan.resources.filter(
        (x) => regionOf(x, "api", LABELS) === l && x.custom && x.type !== "aws:route53/record:Record",
      )) {
        assert.strictEqual(r.inputs.region, l, `${r.name} region`);
      }
    }
    const azs = findResources(plan, "aws:ec2/subnet:Subnet")
      .filter((s) => regionOf(s, "api", LABELS) === "eu-west-1")
      .map((s) => s.inputs.availabilityZone);
    assert.deepStrictEqual(azs.sort(), ["eu-west-1a", "eu-west-1b"]);
  });

  it("opens the ALB on 443/80 only and the tasks only to the ALB", () => {
    const alb = getResource(plan, "aws:ec2/securityGroup:SecurityGroup", "api-us-east-1-alb-sg");
    assert.deepStrictEqual(
      (alb.inputs.ingress as any[]).map((i) => [i.fromPort, i.toPort]),
      [
        [443, 443],
        [80, 80],
      ],
    );
    const task = getResource(plan, "aws:ec2/securityGroup:SecurityGroup", "api-us-east-1-task-sg");
    const ingress = task.inputs.ingress as any[];
    assert.strictEqual(ingress.length, 1);
    assert.deepStrictEqual([ingress[0].fromPort, ingress[0].cidrBlocks], [8080, undefined]);
    assert.ok(dependsOn(plan, task, alb));
  });

  it("serves HTTPS with a validated certificate and a TLS 1.2+ policy, and redirects HTTP", () => {
    const https = hasResource(plan, "aws:lb/listener:Listener", {
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    });
    const validation = findResources(plan, "aws:acm/certificateValidation:CertificateValidation").find(
      (v) => regionOf(v, "api", LABELS) === regionOf(https, "api", LABELS),
    )!;
    assert.ok(dependsOn(plan, https, validation), "listener waits for the certificate");
    hasResource(plan, "aws:acm/certificate:Certificate", {
      domainName: "api.example.com",
      validationMethod: "DNS",
      region: "eu-west-1",
    });
    hasResource(plan, "aws:route53/record:Record", { zoneId: "Z0123456789ABC", allowOverwrite: true });
    hasResource(plan, "aws:lb/listener:Listener", {
      port: 80,
      protocol: "HTTP",
      defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
  });

  it("health-checks the same path at the target group", () => {
    hasResource(plan, "aws:lb/targetGroup:TargetGroup", {
      targetType: "ip",
      port: 8080,
      healthCheck: { path: "/healthz", interval: 10, unhealthyThreshold: 3 },
    });
  });

  it("creates the execution role once and runs Fargate with circuit breaker and rollback", () => {
    const roles = findResources(plan, "aws:iam/role:Role");
    assert.strictEqual(roles.length, 1);
    assert.match(String(roles[0].inputs.assumeRolePolicy), /ecs-tasks\.amazonaws\.com/);
    const svc = getResource(plan, "aws:ecs/service:Service", "api-us-east-1-service");
    assert.deepStrictEqual(svc.inputs.deploymentCircuitBreaker, { enable: true, rollback: true });
    assert.strictEqual(svc.inputs.launchType, "FARGATE");
    assert.strictEqual(svc.inputs.desiredCount, 4);
    assert.strictEqual(getResource(plan, "aws:ecs/service:Service", "api-eu-west-1-service").inputs.desiredCount, 2);
    for (const td of findResources(plan, "aws:ecs/taskDefinition:TaskDefinition"))
      assert.ok(td.dependencies.includes(roles[0].urn));
    hasResource(plan, "aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 30, region: "ap-southeast-1" });
  });

  it("applies per-region size and environment, and keeps secrets out of the plan", () => {
    const us = getResource(plan, "aws:ecs/taskDefinition:TaskDefinition", "api-us-east-1-task");
    assert.deepStrictEqual([us.inputs.cpu, us.inputs.memory], ["1024", "2048"]);
    assert.deepStrictEqual(us.inputs.containerDefinitions, { secret: true });
    const eu = getResource(plan, "aws:ecs/taskDefinition:TaskDefinition", "api-eu-west-1-task");
    assert.deepStrictEqual([eu.inputs.cpu, eu.inputs.memory], ["512", "1024"]);
    const defs = JSON.parse(String(eu.inputs.containerDefinitions));
    assert.deepStrictEqual(defs[0].environment, [{ name: "LOG_LEVEL", value: "info" }]);
    assert.strictEqual(defs[0].logConfiguration.options["awslogs-region"], "eu-west-1");
    assert.ok(!allStrings(plan).some((s) => s.includes(SECRET)));
  });

  it("has no dependency or parent edge between regions; only global resources join them", () => {
    assert.deepStrictEqual(crossRegionEdges(plan, "api", LABELS), []);
    const svc = plan.resources.find((r) => r.type === "meridian:index:MultiRegionService")!;
    for (const r of plan.resources.filter((x) => regionOf(x, "api", LABELS)))
      assert.strictEqual(byUrn(plan, r.parent)?.urn, svc.urn, `${r.name} parent`);
  });

  it("fronts the regions with FailoverDns on Route 53: latency alias records, drained region kept but unhealthy", () => {
    const dns = getResource(plan, "meridian:index:FailoverDns", "api-dns");
    assert.ok(dns.parent.endsWith("::api"));
    hasResource(plan, "aws:route53/healthCheck:HealthCheck", { resourcePath: "/healthz", type: "HTTPS", port: 443 });
    const record = getResource(plan, "aws:route53/record:Record", "api-dns-eu-west-1");
    assert.deepStrictEqual(record.inputs.latencyRoutingPolicies, [{ region: "eu-west-1" }]);
    assert.strictEqual((record.inputs.aliases as any[])[0].zoneId, "Z32O12XQLNTSW2");
    // FailoverDns drains a latency endpoint by forcing its health check unhealthy (disabled + inverted).
    const check = (id: string) =>
      getResource(plan, "aws:route53/healthCheck:HealthCheck", `api-dns-${id}-health`).inputs;
    assert.deepStrictEqual(
      [check("ap-southeast-1").invertHealthcheck, check("eu-west-1").invertHealthcheck],
      [true, false],
    );
    getResource(plan, "aws:route53/record:Record", "api-dns-ap-southeast-1");
  });

  it("outputs the global URL, the regional URLs and the failover time", () => {
    assert.strictEqual(plan.outputs.url, "https://api.example.com");
    const endpoints = plan.outputs.endpoints as Record<string, string>;
    assert.deepStrictEqual(Object.keys(endpoints).sort(), [...REGIONS].sort());
    assert.match(endpoints["aws:eu-west-1"], /^https:\/\/.+\.eu-west-1\.elb\.amazonaws\.com$/);
    assert.strictEqual(typeof plan.outputs.failoverSeconds, "number");
  });
});

describe("MultiRegionService on AWS: options, manual failover and deploy time", () => {
  it("private networking adds private subnets with a NAT gateway per AZ, tasks without public IPs", async () => {
    const plan = await recordPlan(() => {
      new MultiRegionService("api", args({ regions: ["aws:us-east-1"], aws: { privateNetworking: true } }));
    });
    assert.strictEqual(findResources(plan, "aws:ec2/natGateway:NatGateway").length, 2);
    assert.strictEqual(findResources(plan, "aws:ec2/subnet:Subnet").length, 4);
    const svc = getResource(plan, "aws:ecs/service:Service");
    assert.strictEqual((svc.inputs.networkConfiguration as any).assignPublicIp, false);
  });

  it("moving the primary changes no URN (nothing is replaced or deleted)", async () => {
    const failover = (primary?: (typeof REGIONS)[number]) => () => {
      new MultiRegionService(
        "api",
        args({
          routing: {
            strategy: "failover",
            dns: { provider: "route53", zone: "example.com", record: "api", route53: { zoneId: "Z0123456789ABC" } },
          },
          primary,
        }),
      );
    };
    const before = await recordPlan(failover());
    const after = await recordPlan(failover("aws:eu-west-1"));
    assert.deepStrictEqual(
      after.resources.map((r) => r.urn),
      before.resources.map((r) => r.urn),
    );
  });

  it("5 regions deploy within 1.1x the critical path of 1 region", async () => {
    const one = await recordPlan(() => {
      new MultiRegionService("api", args({ regions: ["aws:us-east-1"] }));
    });
    const five = await recordPlan(() => {
      new MultiRegionService(
        "api",
        args({
          regions: ["aws:us-east-1", "aws:us-west-2", "aws:eu-west-1", "aws:eu-central-1", "aws:ap-northeast-1"],
        }),
      );
    });
    assert.ok(
      criticalPathSeconds(five) <= 1.1 * criticalPathSeconds(one),
      `${criticalPathSeconds(five)} vs ${criticalPathSeconds(one)}`,
    );
    assert.ok(criticalPathSeconds(one) > 300);
  });
});
