/**
 * Code shared by the per-cloud adapters. It is bundled into every deployed function, so it imports nothing
 * and stays small (the adapter overhead is measured by `npm run bench`).
 */

/** What a portable handler module exports by default. */
export interface PortableHandler {
  fetch(request: Request): Response | Promise<Response>;
}

/** Marks a request that Meridian made from a schedule or queue delivery. External copies are dropped. */
export const TRIGGER_HEADER = "x-meridian-trigger";

/** Accepts `{ fetch }` (the contract) and, leniently, a bare function. */
export function portable(mod: unknown): PortableHandler {
  const m = mod as { fetch?: unknown; default?: unknown } | ((r: Request) => Response);
  if (typeof m === "function") return { fetch: m as (r: Request) => Response };
  if (m && typeof m.fetch === "function") return m as PortableHandler;
  if (m && m.default) return portable(m.default);
  throw new TypeError("meridian: the entry's default export must be { fetch(request): Response }");
}

/** A synthetic `POST /__meridian/<kind>` request carrying a schedule or queue payload. */
export function triggerRequest(
  kind: "schedule" | "queue",
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Request {
  return new Request(`https://meridian.internal/__meridian/${kind}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers, [TRIGGER_HEADER]: kind },
    body: body as BodyInit,
  });
}

/** Content types sent as text; everything else is binary (base64 where the platform needs it). */
export function isTextType(contentType: string | null): boolean {
  if (!contentType) return true;
  return (
    /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|graphql|ld\+json|problem\+json)|image\/svg)/i.test(
      contentType,
    ) || /\+(json|xml)\b/i.test(contentType)
  );
}

/** Runs the handler; an exception becomes a 500 without leaking its message. */
export async function run(app: PortableHandler, request: Request): Promise<Response> {
  try {
    return await app.fetch(request);
  } catch (err) {
    console.error(err);
    return new Response("Internal Server Error", { status: 500, headers: { "content-type": "text/plain" } });
  }
}

/** Headers of a request that came from outside: the trigger marker is never trusted from the network. */
export function externalHeaders(init: [string, string][]): Headers {
  const headers = new Headers();
  for (const [k, v] of init) if (k.toLowerCase() !== TRIGGER_HEADER) headers.append(k, v);
  return headers;
}

export function hasBody(method: string): boolean {
  return method !== "GET" && method !== "HEAD";
}
