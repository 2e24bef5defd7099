import type * as http from "http";

/** Where a request goes, read from its request line and Host header without trusting either. */
export type RequestTarget =
  | { readonly kind: "ok"; readonly pathname: string; readonly search: string }
  | { readonly kind: "refuse"; readonly status: 400 | 403; readonly message: string; readonly note: string };

const refuse = (status: 400 | 403, note: string): RequestTarget => ({
  kind: "refuse",
  status,
  message: status === 400 ? "Bad Request" : "Forbidden",
  note,
});

/**
 * The path and query of a request to the dev server listening on 127.0.0.1:`port`, or why it is refused.
 *
 * - The request target is taken as a path, never parsed as a URL relative to something: `GET //evil.com/users`
 *   has the path `//evil.com/users` (RFC 9112 §3.2.1: origin-form is an absolute-path, whose segments may be
 *   empty), which matches no route, exactly as a deployed gateway matches the template literally (Google API
 *   Gateway: "the gateway will only accept requests to /shelves and no other paths",
 *   https://cloud.google.com/api-gateway/docs/path-templating). WHATWG URL parsing would have made `evil.com`
 *   the host and routed `/users`.
 * - An absolute-form target (`GET http://host/path`) is accepted, and its authority replaces the Host header
 *   (RFC 9112 §3.2.2); an unparsable one (`GET http://[`) is a 400, never an exception.
 * - `.` and `..` segments and backslashes are refused (400): the handler's `new Request(url)` would resolve them
 *   (WHATWG URL treats `\` as `/` in http URLs) and see another path than the one the gateway routed and authorised.
 * - The authority must name this server: a loopback name (`localhost`, `*.localhost`, `127.0.0.1`, `[::1]`) with
 *   the port it listens on; `.localhost` names are loopback by RFC 6761 §6.3. Anything else is refused (403) — a page that rebinds its own DNS name to 127.0.0.1
 *   sends its own name in Host, so this is what keeps web pages from driving the local APIs (DNS rebinding). A
 *   missing, repeated or malformed Host is a 400 (RFC 9112 §3.2).
 */
export function requestTarget(req: http.IncomingMessage, port: number): RequestTarget {
  const raw = req.url ?? "";
  let authority: string | undefined;
  let rest: string;
  if (raw.startsWith("/")) {
    const hosts = hostLines(req);
    if (hosts.length !== 1) return refuse(400, `${hosts.length === 0 ? "no" : "more than one"} Host header`);
    authority = hosts[0];
    rest = raw;
  } else {
    const m = /^https?:\/\/([^/?#]*)(.*)$/i.exec(raw);
    if (!m) return refuse(400, `request target ${JSON.stringify(raw.slice(0, 60))} is not a path`);
    authority = m[1];
    rest = m[2] === "" ? "/" : m[2].startsWith("?") ? `/${m[2]}` : m[2];
    if (!rest.startsWith("/")) return refuse(400, `request target ${JSON.stringify(raw.slice(0, 60))} is not a URL`);
  }
  const host = loopbackAuthority(authority, port);
  if (host !== "ok") return host === "malformed" ? refuse(400, "malformed Host") : refuse(403, "foreign Host");

  const noFragment = rest.split("#")[0];
  const q = noFragment.indexOf("?");
  const pathname = q < 0 ? noFragment : noFragment.slice(0, q);
  const search = q < 0 ? "" : noFragment.slice(q);
  if (pathname.includes("\\")) return refuse(400, "backslash in the path");
  const dotSegment = pathname.split("/").some((s) => {
    try {
      const d = decodeURIComponent(s);
      return d === "." || d === "..";
    } catch {
      return false;
    }
  });
  if (dotSegment) return refuse(400, "dot segment in the path");
  return { kind: "ok", pathname, search: search === "?" ? "" : search };
}

/** Every Host header line as sent (Node keeps only the first of duplicates in `req.headers`). */
function hostLines(req: http.IncomingMessage): string[] {
  const out: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() === "host") out.push(req.rawHeaders[i + 1]);
  }
  return out;
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** "ok" for a loopback name with this server's port; "malformed" for text that is no host[:port]. */
export function loopbackAuthority(authority: string, port: number): "ok" | "foreign" | "malformed" {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i.exec(authority);
  if (!m) return "malformed";
  const name = m[1].toLowerCase().replace(/\.$/, "");
  const given = m[2] === undefined ? 80 : Number(m[2]);
  const loopback = LOOPBACK_NAMES.has(name) || name.endsWith(".localhost");
  return loopback && given === port ? "ok" : "foreign";
}
