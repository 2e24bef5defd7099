// An ES module Pulumi program ("type": "module"): named imports from the CommonJS package.
import { fileURLToPath } from "node:url";
import { ServerlessFunction } from "meridian";

const fn = new ServerlessFunction("esm-hello", {
  target: "aws:us-west-2",
  runtime: "nodejs22",
  entry: fileURLToPath(new URL("./handler.js", import.meta.url)),
});

export const functionName = fn.nativeName;
