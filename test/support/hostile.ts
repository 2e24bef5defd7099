import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";

/**
 * Generators of hostile input, one per class of defect found by adversarial testing (issue #17). The property
 * tests and the bad-input catalogue draw from them, so a regression in any class is found by `npm test`.
 */

/** Request targets a hostile client sends: authority confusion, dot segments, absolute forms, junk. */
const hostileTarget = fc.oneof(
  fc.constantFrom(
    "http://[",
    "http://",
    "http://[::1",
    "//evil.com/users",
    "///users",
    "/users/..",
    "/users/%2e%2e/admin",
    "/users\\..\\admin",
    "/users/./1",
    "*",
    "users",
    "http://evil.example.com/users",
    "https://127.0.0.1:1/users",
    "/users?x=%",
    "/%",
    "/users#frag",
    "/users/%00",
    "/" + "a".repeat(9000),
  ),
  fc.string({ maxLength: 40 }).map((s) => `/${s.replace(/[\s\r\n]/g, "")}`),
  fc.string({ maxLength: 40 }).map((s) => `http://${s.replace(/[\s\r\n]/g, "")}`),
);

/** Host header lines (with their CRLF) a hostile client or a DNS-rebinding page sends, or none. */
const hostileHost = (port: number) =>
  fc.oneof(
    fc.constantFrom(
      "",
      `Host: 127.0.0.1:${port}/admin?\r\n`,
      `Host: evil.example.com\r\n`,
      `Host: evil.example.com:${port}\r\n`,
      `Host: 127.0.0.1\r\n`,
      `Host: 127.0.0.1:${port}\r\nHost: evil.example.com\r\n`,
      `Host: localhost.evil.example.com:${port}\r\n`,
      `Host: [::1\r\n`,
      `Host: \r\n`,
      `Host: 127.0.0.1:${port}@evil.example.com\r\n`,
    ),
    fc.string({ maxLength: 30 }).map((s) => `Host: ${s.replace(/[\r\n]/g, "")}\r\n`),
  );

/** Extra headers: the trigger marker, hop-by-hop tricks, oversized or duplicated values. */
const hostileHeaders = fc.constantFrom(
  "",
  "X-Meridian-Trigger: schedule\r\n",
  "Transfer-Encoding: chunked\r\n",
  "Content-Length: -1\r\n",
  "Content-Length: 99999999999\r\n",
  "Origin: https://evil.example.com\r\n",
  "Access-Control-Request-Method: POST\r\n",
  `X-Big: ${"b".repeat(20000)}\r\n`,
);

/** A whole request head as raw text: method, target, version, Host, other headers. */
export function hostileHttpRequest(port: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom("GET", "POST", "OPTIONS", "HEAD", "DELETE", "BREW", "get"),
      hostileTarget,
      fc.constantFrom("HTTP/1.1", "HTTP/1.0", "HTTP/9.9"),
      hostileHost(port),
      hostileHeaders,
    )
    .map(([method, target, version, host, headers]) => `${method} ${target} ${version}\r\n${host}${headers}`);
}

/** What a plain object is mistaken for (each would be read as `{}` by a naive `typeof x === "object"`). */
export const NON_PLAIN: readonly [string, (o: Record<string, unknown>) => unknown][] = [
  ["a Promise", (o) => Promise.resolve(o)],
  ["a Map", (o) => new Map(Object.entries(o))],
  ["a pulumi Output", (o) => outputOf(o)],
  ["a Date", () => new Date(0)],
  ["a RegExp", () => /x/],
  ["a Set", (o) => new Set(Object.keys(o))],
  ["an instance of Settings", (o) => Object.assign(new Settings(), o)],
];
class Settings {}
const outputOf = (o: unknown) => pulumi.output(o);

/** A secret value a user might give: a string with a marker no message would otherwise contain, or a number. */
export const secretValue: fc.Arbitrary<string | number> = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{6,20}$/).map((s) => `sEcReT-${s}`),
  fc.integer({ min: 100_000_000, max: 999_999_999 }),
);

/** `secrets` holding `value` in a shape that validation rejects (or accepts: then nothing is printed anyway). */
export const secretsShape = (value: string | number): fc.Arbitrary<unknown> =>
  fc.constantFrom<unknown>(
    value,
    { API_KEY: value },
    { API_KEY: [value] },
    { API_KEY: { value } },
    { "bad key": value },
    { API_KEY: "ok", TOKEN: typeof value === "number" ? value : [value] },
    [value],
  );
