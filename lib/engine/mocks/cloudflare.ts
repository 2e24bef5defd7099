import { CLOUDFLARE_ACCOUNT_ID, MockContext, hex, str } from "./context";
import type { MockOutputs } from "./aws";

/** Mocked outputs for `cloudflare:*` resources: 32-hex ids, workers.dev and zone hostnames. */
export function cloudflareResource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  ctx: MockContext,
): MockOutputs {
  const seed = `${type}/${name}`;
  const id = hex(seed, 32);
  const accountId = str(inputs.accountId) ?? ctx.config["cloudflare:accountId"] ?? CLOUDFLARE_ACCOUNT_ID;
  switch (type) {
    case "cloudflare:index/workersScript:WorkersScript":
    case "cloudflare:index/workerScript:WorkerScript": {
      const script = str(inputs.scriptName) ?? str(inputs.name) ?? name;
      return {
        id: script,
        outputs: {
          scriptName: script,
          accountId,
          etag: hex(seed, 32),
          createdOn: "2026-01-01T00:00:00Z",
          hasModules: !!inputs.mainModule,
        },
      };
    }
    case "cloudflare:index/workersScriptSubdomain:WorkersScriptSubdomain":
      return { id: str(inputs.scriptName) ?? id, outputs: { accountId } };
    case "cloudflare:index/loadBalancer:LoadBalancer":
      return { id, outputs: { createdOn: "2026-01-01T00:00:00Z" } };
    case "cloudflare:index/queue:Queue":
      return { id, outputs: { queueId: id, accountId } };
    case "cloudflare:index/zone:Zone":
      return { id, outputs: { nameServers: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"], status: "active" } };
  }
  return { id, outputs: { accountId: inputs.accountId === undefined ? undefined : accountId } };
}

/** Mocked answers for `cloudflare:*` provider functions. */
export function cloudflareCall(
  token: string,
  inputs: Record<string, unknown>,
  ctx: MockContext,
): Record<string, unknown> | undefined {
  const accountId = ctx.config["cloudflare:accountId"] ?? CLOUDFLARE_ACCOUNT_ID;
  switch (token) {
    case "cloudflare:index/getZone:getZone": {
      const filter = (inputs.filter as Record<string, unknown> | undefined) ?? {};
      const zoneName = str(filter.name) ?? str(inputs.name) ?? "example.com";
      const zoneId = str(inputs.zoneId) ?? hex(`zone/${zoneName}`, 32);
      return {
        id: zoneId,
        zoneId,
        name: zoneName,
        account: { id: accountId, name: "Meridian Test" },
        status: "active",
        nameServers: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
        plan: { name: "Pro Website", legacyId: "pro" },
      };
    }
    case "cloudflare:index/getAccounts:getAccounts":
      return { id: "accounts", results: [{ id: accountId, name: "Meridian Test", type: "standard" }] };
  }
  return undefined;
}
