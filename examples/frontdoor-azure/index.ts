import * as pulumi from "@pulumi/pulumi";
import { MultiRegionService, Placement, protectStateful } from "../../lib";

// A prod stack protects its stateful resources (log groups, certificates, secrets...) from deletion.
const options = pulumi.getStack() === "prod" ? { transformations: [protectStateful()] } : {};

/**
 * One container on Azure Container Apps in two regions behind Azure Front Door Standard, active/passive:
 * the first region takes all traffic while its health probe passes, the second takes over otherwise.
 * The URL is the Front Door endpoint (`*.azurefd.net`). Set `primary` to fail over by hand.
 */
const config = new pulumi.Config();

const app = new MultiRegionService(
  "app",
  {
    regions: ["azure:westeurope", "azure:northeurope"],
    container: { image: "mcr.microsoft.com/k8se/quickstart:latest", port: 80, cpu: 0.5, memoryMb: 1024 },
    healthCheck: { path: "/", intervalSeconds: 30, failureThreshold: 3 },
    routing: { strategy: "failover" },
    primary: config.get("primary") as Placement | undefined,
  },
  options,
);

export const url = app.url;
export const endpoints = app.endpoints;
export const failoverSeconds = app.failoverSeconds;
