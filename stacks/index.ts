/**
 * The app stack: one program, three environments (stacks/Pulumi.<env>.yaml; dev 1 region, staging 2, prod 3).
 *
 * - `web`: a container service in every configured region behind health-checked DNS (MultiRegionService, which
 *   composes FailoverDns): each region deploys in parallel, the closest healthy region answers.
 * - `users` API: portable fetch handlers as ServerlessFunctions in the primary region, fronted by an ApiGateway
 *   with CORS, optional JWT auth and, on Route 53, the custom domain `api.<domain>` — where the web name is
 *   `www.<zone>`, `api.<zone>` beside it (`api.example.com`, not `api.www.example.com`).
 * - alarms (staging, prod: `meridian:alarmEmail`): error rate, p99 latency and region health of the service,
 *   the API and its functions, to the on-call addresses (docs/alarms.md).
 * - prod: every stateful resource (log groups, certificates, secrets, zones…) is protected against deletion.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ApiGateway, MultiRegionService, ServerlessFunction, protectStateful } from "../lib";
import { loadAppConfig } from "./config";

const config = loadAppConfig();
const prod = config.environment === "prod";
const primary = config.regions[0];
const options: pulumi.ComponentResourceOptions = prod
  ? { transformations: [protectStateful({ adoptRetainedLogGroups: config.adoptRetainedLogGroups })] }
  : {};
const record = config.domain.slice(0, -(config.zone.length + 1));
const apiDomain = `api.${config.domain.replace(/^www\./, "")}`;
const handlers = path.join(__dirname, "..", "examples", "http-api", "handlers");
// One notify for every component: they share one SNS topic per region.
const alarms = config.alarms ? { notify: config.alarms } : undefined;

const web = new MultiRegionService(
  "web",
  {
    regions: config.regions,
    container: {
      image: config.image,
      port: 80,
      cpu: 0.5,
      memoryMb: 1024,
      environment: { APP_ENV: config.environment },
    },
    healthCheck: { path: "/" },
    routing: {
      strategy: "latency",
      dns:
        config.dnsProvider === "route53"
          ? {
              provider: "route53",
              zone: config.zone,
              record,
              route53: config.zoneId ? { zoneId: config.zoneId } : undefined,
            }
          : {
              provider: "cloudflare",
              zone: config.zone,
              record,
              cloudflare: {
                accountId: new pulumi.Config("cloudflare").require("accountId"),
                zoneId: config.cloudflareZoneId!,
                trafficSteering: config.cloudflareTrafficSteering,
              },
            },
    },
    logRetentionDays: prod ? 365 : 30,
    alarms,
  },
  options,
);

/** A portable handler from the users API as a function in the primary region. */
const handler = (name: string, file: string) =>
  new ServerlessFunction(
    name,
    {
      target: primary,
      runtime: "nodejs22",
      entry: path.join(handlers, file),
      environment: { APP_ENV: config.environment },
      logRetentionDays: prod ? 365 : 30,
      alarms,
    },
    options,
  );
const users = handler("users", "users.ts");
const health = handler("health", "health.ts");

const api = new ApiGateway(
  "api",
  {
    target: primary,
    routes: {
      "GET /users": users,
      "GET /users/{id}": users,
      "POST /users": users,
      "GET /health": health,
    },
    cors: {
      allowOrigins: [`https://${config.domain}`],
      allowMethods: ["GET", "POST"],
      allowHeaders: ["content-type", "authorization"],
      maxAgeSeconds: 600,
    },
    auth: config.jwt ? { jwt: { issuer: config.jwt.issuer, audiences: [config.jwt.audience] } } : undefined,
    domain:
      config.dnsProvider === "route53" ? { name: apiDomain, zone: config.zone, zoneId: config.zoneId } : undefined,
    // Kept as long as every other log of the environment.
    accessLogs: { retentionDays: prod ? 365 : 30 },
    throttle: { ratePerSecond: prod ? 500 : 50, burst: prod ? 1000 : 100 },
    info: { title: "Users API", version: "1.0.0" },
    alarms,
  },
  options,
);

export const environment = config.environment;
export const regions = config.regions;
export const url = web.url;
export const endpoints = web.endpoints;
export const failoverSeconds = web.failoverSeconds;
export const apiUrl = api.url;
export const openapi = api.openapi;
