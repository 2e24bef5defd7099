import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ApiGateway, Placement, protectStateful, ServerlessFunction } from "../../lib";

// A prod stack protects its stateful resources (log groups, certificates, secrets...) from deletion.
const options = pulumi.getStack() === "prod" ? { transformations: [protectStateful()] } : {};

/**
 * A small users API (list, get, create) behind an ApiGateway, deployable to any of the four clouds by stack
 * config: `target` (e.g. "aws:us-east-1", "gcp:europe-west1", "azure:westeurope", "cloudflare"), and optionally
 * `domain` (a custom hostname) and `jwtIssuer` + `jwtAudience` (bearer-token auth).
 */
const config = new pulumi.Config();
const target = config.require("target") as Placement;
const domain = config.get("domain");
const issuer = config.get("jwtIssuer");
const audience = config.get("jwtAudience");

const users = new ServerlessFunction(
  "users",
  {
    target,
    runtime: "nodejs22",
    entry: path.join(__dirname, "handlers", "users.ts"),
  },
  options,
);

const health = new ServerlessFunction(
  "health",
  {
    target,
    runtime: "nodejs22",
    entry: path.join(__dirname, "handlers", "health.ts"),
  },
  options,
);

const api = new ApiGateway(
  "api",
  {
    target,
    routes: {
      "GET /users": users,
      "GET /users/{id}": users,
      "POST /users": users,
      "GET /health": health,
    },
    cors: {
      allowOrigins: ["*"],
      allowMethods: ["GET", "POST"],
      allowHeaders: ["content-type", "authorization"],
      maxAgeSeconds: 600,
    },
    auth: issuer && audience ? { jwt: { issuer, audiences: [audience] } } : undefined,
    domain,
    info: { title: "Users API", version: "1.0.0" },
  },
  options,
);

export const url = api.url;
export const openapi = api.openapi;
