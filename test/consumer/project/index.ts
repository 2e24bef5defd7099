// A user's program: what the README's first example shows, written against the installed package.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ApiGateway, ConfigError, ServerlessFunction, type ServerlessFunctionArgs } from "meridian";

const config = new pulumi.Config();

const args: ServerlessFunctionArgs = {
  target: "aws:us-east-1",
  runtime: "nodejs22",
  entry: path.join(__dirname, "handlers", "hello.ts"),
  environment: { GREETING: config.require("greeting") },
};
const hello = new ServerlessFunction("hello", args);

const api = new ApiGateway("api", {
  target: "aws:us-east-1",
  routes: { "GET /hello": hello },
  cors: true,
});

// The error type is exported for programs that catch it.
export const errorName: string = new ConfigError("x", "y", "z").name;
export const url = api.url;
export const functionName = hello.nativeName;
