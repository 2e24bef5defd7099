import * as pulumi from "@pulumi/pulumi";
import { MultiRegionService, Placement, protectStateful } from "../../lib";

// A prod stack protects its stateful resources (log groups, certificates, secrets...) from deletion.
const options = pulumi.getStack() === "prod" ? { transformations: [protectStateful()] } : {};

/**
 * One container in three AWS regions. Each region gets its own VPC, ALB (HTTPS with an ACM certificate for
 * `<record>.<zone>`) and Fargate service; Route 53 latency records with health checks send each user to the
 * closest healthy region. Drain a region (it stays deployed) with the `drained` config.
 */
const config = new pulumi.Config();
const zone = config.require("zone");
const record = config.get("record") ?? "api";
const zoneId = config.get("zoneId");

const api = new MultiRegionService(
  "api",
  {
    regions: ["aws:us-east-1", "aws:eu-west-1", "aws:ap-southeast-1"],
    container: {
      image: "public.ecr.aws/nginx/nginx:1.27",
      port: 80,
      cpu: 0.5,
      memoryMb: 1024,
      environment: { APP_ENV: pulumi.getStack() },
    },
    healthCheck: { path: "/", intervalSeconds: 10, failureThreshold: 3 },
    routing: {
      strategy: "latency",
      dns: { provider: "route53", zone, record, route53: zoneId ? { zoneId } : undefined },
    },
    drained: config.getObject<Placement[]>("drained"),
    perRegion: { "aws:us-east-1": { count: 3 } },
  },
  options,
);

export const url = api.url;
export const endpoints = api.endpoints;
export const failoverSeconds = api.failoverSeconds;
