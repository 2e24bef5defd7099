import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Placement, protectStateful, ServerlessFunction } from "../../lib";

// A prod stack protects its stateful resources (log groups, certificates, secrets...) from deletion.
const options = pulumi.getStack() === "prod" ? { transformations: [protectStateful()] } : {};

const config = new pulumi.Config("meridian");
const target = config.require("target") as Placement;
const appConfig = new pulumi.Config();

const hello = new ServerlessFunction(
  "hello",
  {
    target,
    entry: path.join(__dirname, "handler.ts"),
    url: true,
    environment: { GREETING: "Hello from Meridian" },
    // `pulumi config set --secret apiToken ...`; a default keeps the example deployable as is.
    secrets: { API_TOKEN: appConfig.getSecret("apiToken") ?? pulumi.secret("change-me") },
    triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(1 hour)" }],
  },
  options,
);

export const url = hello.url;
export const nativeName = hello.nativeName;
export const invokeCommand = hello.invokeCommand;
export const logsCommand = hello.logsCommand;
