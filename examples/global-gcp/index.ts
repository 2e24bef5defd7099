import * as pulumi from "@pulumi/pulumi";
import { MultiRegionService, protectStateful } from "../../lib";

// A prod stack protects its stateful resources (log groups, certificates, secrets...) from deletion.
const options = pulumi.getStack() === "prod" ? { transformations: [protectStateful()] } : {};

/**
 * One container on Cloud Run in three regions behind one global external Application Load Balancer: a single
 * anycast IP, each user served by the closest healthy region, outlier detection ejecting a failing region.
 * Cloud Run only accepts traffic from the load balancer. `<record>.<zone>` points at the load balancer.
 */
const config = new pulumi.Config();

const web = new MultiRegionService(
  "web",
  {
    regions: ["gcp:us-central1", "gcp:europe-west1", "gcp:asia-northeast1"],
    container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080, cpu: 1, memoryMb: 512 },
    healthCheck: { path: "/", intervalSeconds: 10 },
    routing: {
      strategy: "latency",
      dns: { provider: "route53", zone: config.require("zone"), record: config.get("record") ?? "www" },
    },
    perRegion: { "gcp:us-central1": { count: 2 } },
  },
  options,
);

export const url = web.url;
export const endpoints = web.endpoints;
export const failoverSeconds = web.failoverSeconds;
