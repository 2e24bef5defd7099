import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { TRANSFORMS_DOC, readChildren, renderTransformsDoc } from "../scripts/transforms-doc";
import * as awsChildren from "../lib/aws/children";
import * as azureChildren from "../lib/azure/children";
import * as cloudflareChildren from "../lib/cloudflare/children";
import * as gcpChildren from "../lib/gcp/children";

/** The run-time key tables the components check `transform` against, by component and cloud (or DNS provider). */
const RUNTIME: Record<string, readonly string[]> = {
  "ServerlessFunction aws": awsChildren.AWS_FUNCTION_CHILDREN,
  "ApiGateway aws": awsChildren.AWS_API_CHILDREN,
  "FailoverDns route53": awsChildren.ROUTE53_DNS_CHILDREN,
  "MultiRegionService aws": awsChildren.AWS_SERVICE_CHILDREN,
  "ServerlessFunction gcp": gcpChildren.GCP_FUNCTION_CHILDREN,
  "ApiGateway gcp": gcpChildren.GCP_API_CHILDREN,
  "FailoverDns gcp-cloud-dns": gcpChildren.CLOUD_DNS_CHILDREN,
  "MultiRegionService gcp": gcpChildren.GCP_SERVICE_CHILDREN,
  "ServerlessFunction azure": azureChildren.AZURE_FUNCTION_CHILDREN,
  "ApiGateway azure": azureChildren.AZURE_API_CHILDREN,
  "FailoverDns azure-traffic-manager": azureChildren.TRAFFIC_MANAGER_DNS_CHILDREN,
  "MultiRegionService azure": azureChildren.AZURE_SERVICE_CHILDREN,
  "ServerlessFunction cloudflare": cloudflareChildren.CLOUDFLARE_FUNCTION_CHILDREN,
  "ApiGateway cloudflare": cloudflareChildren.CLOUDFLARE_API_CHILDREN,
  "FailoverDns cloudflare": cloudflareChildren.CLOUDFLARE_DNS_CHILDREN,
  "MultiRegionService cloudflare": cloudflareChildren.CLOUDFLARE_SERVICE_CHILDREN,
};

describe("docs/transforms.md", () => {
  it("is generated from the children types (run `npm run docs` after changing lib/<cloud>/children.ts)", () => {
    assert.equal(fs.readFileSync(TRANSFORMS_DOC, "utf8"), renderTransformsDoc());
  });

  it("lists, for every component and cloud, the keys of the run-time table", () => {
    const entries = readChildren();
    // 4 clouds x ServerlessFunction, ApiGateway, FailoverDns; MultiRegionService on 3 clouds + a Cloudflare zone.
    assert.equal(entries.length, Object.keys(RUNTIME).length);
    for (const e of entries) {
      const table = RUNTIME[`${e.component} ${e.where}`];
      assert.ok(table, `${e.component} on ${e.where} has no run-time table here`);
      assert.deepEqual(e.children.map((c) => c.key).sort(), [...table].sort(), `${e.component} on ${e.where}`);
    }
  });
});
