import * as pulumi from "@pulumi/pulumi";
import { MultiRegionService, protectStateful } from "../../lib";

// A prod stack protects its stateful resources (log groups, certificates, secrets...) from deletion.
const options = pulumi.getStack() === "prod" ? { transformations: [protectStateful()] } : {};

/**
 * One container in two clouds: ECS Fargate in us-east-1 (primary) and Cloud Run in europe-west1 (standby),
 * behind a Cloudflare load balancer that fails over when the primary's health check fails. The AWS region's
 * certificate is validated through a record in the same Cloudflare zone. The zone, its ids and the Google Cloud
 * project are yours to set (`pulumi config set`, listed in Pulumi.dev.yaml); `config.require` names a missing one.
 * The image is Cloud Run's public sample (Artifact Registry, which both Fargate and Cloud Run pull from; Cloud Run
 * takes images from Artifact Registry or Docker Hub only: https://cloud.google.com/run/docs/deploying). It
 * listens on 8080 and answers every path, the health check's `/` included.
 */
const config = new pulumi.Config();

const api = new MultiRegionService(
  "api",
  {
    regions: ["aws:us-east-1", "gcp:europe-west1"],
    container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080, cpu: 1, memoryMb: 2048 },
    healthCheck: { path: "/", intervalSeconds: 15, failureThreshold: 2 },
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
