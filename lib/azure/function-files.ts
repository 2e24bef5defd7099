import type { ArchiveEntry } from "../bundling/zip";
import { deliveryAttempts } from "../core/function/retries";
import { jsonEntry } from "../bundling/json-entry";

/**
 * What Azure Functions needs next to a bundled handler: `package.json` (its `main` names the module the Node.js worker
 * loads) and `host.json` (the function timeout, the HTTP route prefix, queue delivery settings). No SDK import: the
 * bundler runs before any cloud SDK loads.
 * https://learn.microsoft.com/azure/azure-functions/functions-host-json
 */
export function azureFunctionFiles(fn: {
  readonly timeoutSeconds: number;
  readonly queue?: { readonly batchSize: number; readonly maxRetries: number };
}): ArchiveEntry[] {
  const t = fn.timeoutSeconds;
  const hms = [Math.floor(t / 3600), Math.floor((t % 3600) / 60), t % 60]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
  return [
    jsonEntry("package.json", { name: "meridian-function", version: "1.0.0", private: true, main: "index.js" }),
    jsonEntry("host.json", {
      version: "2.0",
      functionTimeout: hms,
      // Empty prefix: every path reaches the catch-all route, so gateways forward paths unchanged.
      extensions: {
        http: { routePrefix: "" },
        ...(fn.queue
          ? // maxDequeueCount counts attempts, the first one included (lib/core/function/retries.ts).
            { queues: { batchSize: fn.queue.batchSize, maxDequeueCount: deliveryAttempts(fn.queue.maxRetries) } }
          : {}),
      },
      extensionBundle: { id: "Microsoft.Azure.Functions.ExtensionBundle", version: "[4.*, 5.0.0)" },
      logging: { applicationInsights: { samplingSettings: { isEnabled: true, excludedTypes: "Request" } } },
    }),
  ];
}
