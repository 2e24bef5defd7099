/**
 * The code of the worker thread that hosts one portable handler. It loads the bundle (CommonJS, written by
 * esbuild), then answers `{ id, method, url, headers, body }` messages by calling the handler's `fetch` with
 * a real `Request` and posting back status, headers and body bytes. Each worker has its own `process.env`
 * (the function's environment) and its own module state, so a reload is a new worker.
 */
export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require("worker_threads");
if (typeof process.setSourceMapsEnabled === "function") process.setSourceMapsEnabled(true);
let handler;
try {
  const mod = require(workerData.bundle);
  const pick = (m) => (typeof m === "function" ? { fetch: m } : m && typeof m.fetch === "function" ? m : m && m.default ? pick(m.default) : undefined);
  handler = pick(mod);
  if (!handler) throw new TypeError("the entry's default export must be { fetch(request): Response } (got " + (mod === null ? "null" : typeof mod) + ")");
  parentPort.postMessage({ type: "ready" });
} catch (err) {
  parentPort.postMessage({ type: "load-error", error: (err && err.stack) || String(err) });
}
parentPort.on("message", async (msg) => {
  try {
    const init = { method: msg.method, headers: msg.headers };
    if (msg.body && msg.method !== "GET" && msg.method !== "HEAD") init.body = msg.body;
    const res = await handler.fetch(new Request(msg.url, init));
    if (!res || typeof res.status !== "number" || typeof res.arrayBuffer !== "function") {
      throw new TypeError("fetch must return a Response (got " + (res === null ? "null" : typeof res) + ")");
    }
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = [];
    res.headers.forEach((value, name) => { if (name !== "set-cookie") headers.push([name, value]); });
    for (const cookie of (typeof res.headers.getSetCookie === "function" ? res.headers.getSetCookie() : [])) headers.push(["set-cookie", cookie]);
    parentPort.postMessage({ type: "response", id: msg.id, status: res.status, headers, body }, [body.buffer]);
  } catch (err) {
    parentPort.postMessage({ type: "response", id: msg.id, error: (err && err.stack) || String(err) });
  }
});
`;
