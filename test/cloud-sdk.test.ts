import * as assert from "node:assert/strict";
import * as path from "node:path";
import { FailoverDns, isConfigError, MultiRegionService, ServerlessFunction } from "../lib";
import { CLOUD_SDK, requireCloudSdks } from "../lib/core/cloud-sdk";
import { tryRecordPlan } from "../lib/testing";

// The cloud SDKs are optional peer dependencies (package.json peerDependenciesMeta): an AWS-only app has no
// @pulumi/gcp. A component placed on a cloud whose SDK is missing must say which package to install, before it
// registers anything — not fail with MODULE_NOT_FOUND halfway through the program.
const Module = require("node:module") as { _resolveFilename: (request: string, ...rest: unknown[]) => string };

async function withoutPackage<T>(pkg: string, run: () => Promise<T>): Promise<T> {
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request: string, ...rest: unknown[]) {
    if (request === pkg) throw Object.assign(new Error(`Cannot find module '${pkg}'`), { code: "MODULE_NOT_FOUND" });
    return original.call(this, request, ...rest);
  };
  try {
    return await run();
  } finally {
    Module._resolveFilename = original;
  }
}

const HELLO = path.join(__dirname, "fixtures", "function-hello.ts");

describe("a cloud whose SDK is not installed is a ConfigError naming the package", () => {
  it("requireCloudSdks names the package and the field, and passes installed SDKs", () => {
    const missing = (request: string) => {
      if (request === CLOUD_SDK.gcp) throw new Error("not found");
      return request;
    };
    requireCloudSdks(`X "a"`, "target", ["aws", "azure", "cloudflare"], missing);
    assert.throws(
      () => requireCloudSdks(`X "a"`, "target", ["aws", "gcp"], missing),
      (e: unknown) => isConfigError(e) && e.field === "target" && /npm install @pulumi\/gcp/.test(e.message),
    );
  });

  for (const [title, pkg, field, program] of [
    [
      "ServerlessFunction on gcp",
      "@pulumi/gcp",
      "target",
      () => new ServerlessFunction("fn", { target: "gcp:europe-west1", entry: HELLO, runtime: "nodejs22" }),
    ],
    [
      "FailoverDns on Traffic Manager",
      "@pulumi/azure-native",
      "provider",
      () =>
        new FailoverDns("dns", {
          provider: "azure-traffic-manager",
          zone: "example.com",
          record: "api",
          strategy: "failover",
          endpoints: [
            { id: "a", address: "a.northwind-origins.net" },
            { id: "b", address: "b.northwind-origins.net" },
          ],
          azure: { resourceGroupName: "rg" },
        }),
    ],
    [
      "MultiRegionService on Azure",
      "@pulumi/azure-native",
      "regions",
      () =>
        new MultiRegionService("svc", {
          regions: ["azure:westeurope"],
          container: { image: "ghcr.io/acme/api:1.0.0", port: 8080 },
        }),
    ],
  ] as const) {
    it(`${title}: refused before anything registers`, async () => {
      const { plan, error } = await withoutPackage(pkg, () =>
        tryRecordPlan(program, { config: { "gcp:project": "p" } }),
      );
      assert.ok(isConfigError(error), String(error));
      assert.equal(error.field, field);
      assert.match(error.message, new RegExp(`npm install ${pkg.replace("/", "\\/")}`));
      assert.deepEqual(plan.resources, []);
    });
  }
});
