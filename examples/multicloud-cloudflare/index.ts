import * as pulumi from "@pulumi/pulumi";
import { MultiRegionService, protectStateful } from "../../lib";

// A prod stack protects its stateful resources (log groups, certificates, secrets...) from deletion.
const options = pulumi.getStack() === "prod" ? { transformations: [protectStateful()] } : {};

/**
 * One container in two clouds: ECS Fargate in us-east-1 (primary) and Cloud Run in europe-west1 (standby),
 * behind a Cloudflare load balancer that fails over when the primary's health check fails. The AWS region's
 * certificate is validated through a record in the same Cloudflare zone.
 */
const config = new pulumi.Config();

const api = new MultiRegionService(
  "api",
  {
    regions: ["aws:us-east-1", "gcp:europe-west1"],
    container: { image: "ghcr.io/acme/api:1.4.2", port: 8080, cpu: 1, memoryMb: 2048 },
    healthCheck: { path: "/healthz", intervalSeconds: 15, failureThreshold: 2 },
    routing: {
      strategy: "failover",
      dns: {
        provider: "cloudflare",
        zone: config.require("zone"),
        record: config.get("record") ?? "api",
        cloudflare: {
          accountId: config.require("cloudflareAccountId"),
          zoneId: config.require("cloudflareZoneId"),
          plan: "business",
        },
      },
    },
  },
  options,
);

export const url = api.url;
export const endpoints = api.endpoints;
export const failoverSeconds = api.failoverSeconds;
