import { createServer } from "node:http";
import { gcpHandler } from "./gcp";

/**
 * Serves a portable handler as a Cloud Run service deployed without a build (ServerlessFunction `gcp.platform:
 * "cloud-run"`): no Functions Framework is installed there, so the bundle is its own HTTP server. Cloud Run's container
 * contract: listen on all interfaces on `$PORT` (8080 unless set), and expect SIGTERM ten seconds before an instance
 * stops (https://cloud.google.com/run/docs/container-contract#port, #instance-shutdown). The request is read whole
 * and handed to the same code as on Cloud Functions (gcpHandler), so both platforms answer the same way.
 */
export function serveCloudRun(mod: unknown): void {
  const handle = gcpHandler(mod);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("error", () => res.destroy());
    req.on("end", () => {
      handle(
        { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, rawBody: Buffer.concat(chunks) },
        res,
      ).catch((err: unknown) => {
        console.error(err);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    });
  });
  server.listen(Number(process.env.PORT ?? 8080));
  process.once("SIGTERM", () => server.close());
}
