import { googleSigningKeys, scheduleVerdict } from "./google-id-token";
import { TRIGGER_HEADER, hasBody, portable, run, triggerRequest } from "./shared";

/** Set on a function with schedules (either Google platform): the account whose token a schedule carries. */
const SCHEDULER_EMAIL = "MERIDIAN_SCHEDULER_EMAIL";
/** "claims" on a private service, whose tokens Cloud Run IAM verified; otherwise the signature is checked here. */
const SCHEDULER_CHECK = "MERIDIAN_SCHEDULER_CHECK";

/** The parts of an Express request the Functions Framework hands an HTTP function. */
interface ExpressRequest {
  method: string;
  originalUrl?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody?: Buffer;
  body?: unknown;
}

/** The parts of an Express/Node response we use. */
interface ExpressResponse {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  end(body?: Uint8Array): unknown;
}

/** A CloudEvent as the Functions Framework delivers it to an event function (Pub/Sub messagePublished). */
interface CloudEvent {
  id?: string;
  type?: string;
  data?: { message?: { data?: string; messageId?: string; attributes?: Record<string, string> } };
}

/**
 * Wraps a portable handler as a Google Cloud Functions handler. HTTP functions are called `(req, res)`;
 * event functions (Pub/Sub queue trigger) are called with one CloudEvent and fail (so Pub/Sub retries) on 5xx.
 * Schedules arrive over HTTP from Cloud Scheduler (OIDC-authenticated) with the trigger header set.
 */
export function gcpHandler(mod: unknown): (req: ExpressRequest | CloudEvent, res?: ExpressResponse) => Promise<void> {
  const app = portable(mod);
  return async (req, res) => {
    if (!res) {
      const message = (req as CloudEvent).data?.message ?? {};
      const body = message.data ? Buffer.from(message.data, "base64") : new Uint8Array();
      const response = await run(
        app,
        triggerRequest("queue", body, { "x-meridian-message-id": message.messageId ?? (req as CloudEvent).id ?? "" }),
      );
      if (response.status >= 400) throw new Error(`queue message failed with ${response.status}`);
      return;
    }
    const r = req as ExpressRequest;
    const headers = new Headers();
    for (const [k, v] of Object.entries(r.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
    }
    const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost";
    const claimed = headers.get(TRIGGER_HEADER) === "schedule" && r.url.startsWith("/__meridian/schedule");
    const verdict = claimed ? await fromScheduler(headers, headers.get("host") ?? "") : "other";
    if (verdict === "unavailable") {
      // The token could not be checked: Cloud Scheduler retries a non-2xx answer (scheduleVerdict).
      res.statusCode = 503;
      res.end();
      return;
    }
    if (verdict !== "scheduler") headers.delete(TRIGGER_HEADER);
    const method = r.method.toUpperCase();
    let body: Uint8Array | string | undefined;
    if (hasBody(method)) {
      if (r.rawBody) body = r.rawBody;
      else if (typeof r.body === "string" || r.body instanceof Uint8Array) body = r.body;
      else if (r.body !== undefined && r.body !== null && Object.keys(r.body as object).length > 0)
        body = JSON.stringify(r.body);
    }
    const request = new Request(`https://${host}${r.originalUrl ?? r.url}`, {
      method,
      headers,
      body: body as BodyInit | undefined,
    });
    const response = await run(app, request);
    res.statusCode = response.status;
    const cookies = response.headers.getSetCookie();
    response.headers.forEach((value, key) => {
      if (key !== "set-cookie") res.setHeader(key, value);
    });
    if (cookies.length) res.setHeader("set-cookie", cookies);
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

/**
 * Whether a request that says it is a schedule comes from the function's Cloud Scheduler job, by the job's OIDC token,
 * as Cloud Scheduler's OidcToken allows for "endpoints where you intend to validate the token yourself"
 * (https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs#OidcToken). A public service
 * checks the signature itself; a private one reads the claims of the token Cloud Run IAM verified, because its callers
 * are not only the scheduler: an ApiGateway's account may invoke it too and forwards its clients' headers (it replaces
 * only Authorization, with its own token), so the trigger header alone would let any gateway caller run the
 * scheduled path. Without MERIDIAN_SCHEDULER_EMAIL the function has no schedule, and nothing is one.
 */
async function fromScheduler(headers: Headers, host: string): Promise<"scheduler" | "other" | "unavailable"> {
  const email = process.env[SCHEDULER_EMAIL];
  if (!email) return "other";
  const check = process.env[SCHEDULER_CHECK] === "claims" ? "claims" : "signature";
  return scheduleVerdict(headers, host, email, () => googleSigningKeys(), Date.now() / 1000, check);
}
