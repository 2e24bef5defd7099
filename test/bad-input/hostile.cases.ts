import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ApiGateway, FailoverDns, MultiRegionService, ServerlessFunction } from "../../lib";
import { routeTarget } from "./api-gateway.cases";
import { BadInput } from "./case";

/**
 * Hostile input found by adversarial testing (issue #17): values that are objects but not plain data where a plain
 * object is read (a Promise, Map, Date, RegExp or Output was read as `{}`, so defaults applied silently: CORS `*`,
 * no secrets, a health check of `/` on 443), and rejected secret values that were echoed in the message.
 */

const ENTRY = path.join(__dirname, "..", "fixtures", "function-hello.ts");
const aws = { target: "aws:us-east-1", entry: ENTRY };
const r53 = {
  provider: "route53",
  zone: "example.com",
  record: "api",
  strategy: "failover",
  endpoints: [
    { id: "use1", address: "34.120.113.10" },
    { id: "euw1", address: "35.190.100.20" },
  ],
};
const service = {
  // Azure: the one cloud a service needs no DNS on, so healthCheck is the only problem.
  regions: ["azure:westeurope"],
  container: { image: "ghcr.io/acme/api:1.0.0", port: 8080 },
};

/** What a plain object can be mistaken for, each holding what the user meant. */
const wrappers: [string, (o: Record<string, unknown>) => unknown][] = [
  ["a Promise", (o) => Promise.resolve(o)],
  ["a Map", (o) => new Map(Object.entries(o))],
  ["an Output", (o) => pulumi.output(o)],
  ["a Date", () => new Date(0)],
  ["a RegExp", () => /x/],
];

const fn = (name: string, args: unknown) => () => {
  new ServerlessFunction(name, args as never);
};
const api = (args: Record<string, unknown>) => () => {
  new ApiGateway("api", { target: "aws:us-east-1", routes: { "GET /users": routeTarget("aws:us-east-1") }, ...args });
};

const nonPlain: BadInput[] = wrappers.flatMap(([kind, wrap]) => [
  {
    title: `cors as ${kind}`,
    field: "cors",
    component: "ApiGateway",
    program: api({ cors: wrap({ allowOrigins: ["https://app.example.com"] }) }),
  },
  {
    title: `secrets as ${kind}`,
    field: "secrets",
    component: "ServerlessFunction",
    program: fn("f", { ...aws, secrets: wrap({ API_KEY: "k" }) }),
  },
  {
    title: `environment as ${kind}`,
    field: "environment",
    component: "ServerlessFunction",
    program: fn("f", { ...aws, environment: wrap({ STAGE: "dev" }) }),
  },
  {
    title: `FailoverDns healthCheck as ${kind}`,
    field: "healthCheck",
    component: "FailoverDns",
    program: () => {
      new FailoverDns("dns", { ...r53, healthCheck: wrap({ path: "/healthz", port: 8443 }) } as never);
    },
  },
  {
    title: `MultiRegionService healthCheck as ${kind}`,
    field: "healthCheck",
    component: "MultiRegionService",
    program: () => {
      new MultiRegionService("svc", { ...service, healthCheck: wrap({ path: "/ready" }) } as never);
    },
  },
  {
    title: `ServerlessFunction args as ${kind}`,
    field: "args",
    component: "ServerlessFunction",
    program: fn("f", wrap(aws)),
  },
]);

/** Secret values in rejected input: the message names the field and the kind of value, never the value. */
export const SECRET_VALUES = ["987654", "hunter2-s3cret", "sk_live_0123456789abcdef"];
const secrets: BadInput[] = [
  ["a secret given as a number", { PIN: 987654 }, "secrets.PIN"],
  ["a secret given as an array", { TOKEN: ["hunter2-s3cret"] }, "secrets.TOKEN"],
  ["a secret given as an object", { TOKEN: { value: "sk_live_0123456789abcdef" } }, "secrets.TOKEN"],
  ["secrets given as a string", "sk_live_0123456789abcdef", "secrets"],
  ["secrets given as a number", 987654, "secrets"],
].map(([title, value, field]) => ({
  title: title as string,
  field: field as string,
  component: "ServerlessFunction",
  program: fn("f", { ...aws, secrets: value }),
}));

export const HOSTILE_CASES: BadInput[] = [...nonPlain, ...secrets];

/**
 * Names assembled from two fields, each within its own limit (zone ≤ 253, record ≤ 63) but too long together: the
 * outer MultiRegionService refuses them before its regional resources register (issue #17, defect 2).
 */
const longZone = `${"z".repeat(63)}.${"y".repeat(63)}.${"x".repeat(63)}.${"w".repeat(40)}.com`;
export const ASSEMBLED_CASES: BadInput[] = [
  {
    title: "record + zone over 253 characters together",
    field: "routing.dns.record",
    component: "MultiRegionService",
    program: () => {
      new MultiRegionService("svc", {
        regions: ["aws:us-east-1", "aws:eu-west-1"],
        container: { image: "ghcr.io/acme/api:1.0.0" },
        routing: { dns: { provider: "route53", zone: longZone, record: "r".repeat(63) } },
      } as never);
    },
  },
];
