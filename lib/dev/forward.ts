import type * as http from "http";
import { TRIGGER_HEADER } from "../bundling/adapters/shared";

/** Connection-level headers a gateway neither forwards nor returns (RFC 9110 §7.6.1), plus the length it recomputes. */
export const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "content-length",
]);

/**
 * The request headers handed to a handler, as sent, without the hop-by-hop ones and without `x-meridian-trigger`:
 * that header marks a schedule or queue delivery that Meridian itself made, and the deployed adapters drop an
 * outside copy (lib/bundling/adapters/shared.ts `externalHeaders`), so a client must not fake one locally either.
 */
export function forwardedHeaders(req: http.IncomingMessage): [string, string][] {
  const headers: [string, string][] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (!HOP_BY_HOP.has(name) && name !== TRIGGER_HEADER) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  }
  return headers;
}
