import { PortableHandler, externalHeaders, hasBody, isTextType, portable, run, triggerRequest } from "./shared";

/** API Gateway HTTP API (payload 2.0) / function URL event, and the REST (1.0) fields we also accept. */
export interface HttpEvent {
  version?: string;
  rawPath?: string;
  rawQueryString?: string;
  cookies?: string[];
  headers?: Record<string, string | undefined>;
  multiValueHeaders?: Record<string, string[] | undefined>;
  queryStringParameters?: Record<string, string | undefined> | null;
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  httpMethod?: string;
  path?: string;
  requestContext?: { http?: { method?: string }; domainName?: string; routeKey?: string; authorizer?: unknown };
  routeKey?: string;
}

interface SqsEvent {
  Records: { messageId: string; body: string; eventSource?: string; attributes?: Record<string, string> }[];
}

let secretsLoaded: Promise<void> | undefined;

/**
 * Secrets live in one Secrets Manager secret (a JSON map) whose ARN is in `MERIDIAN_SECRETS_ARN`: read once per
 * cold start with the SDK the Lambda runtime ships, so no value sits in the function's configuration.
 */
function loadSecrets(): Promise<void> {
  const arn = process.env.MERIDIAN_SECRETS_ARN;
  if (!arn) return Promise.resolve();
  const sdk = "@aws-sdk/client-secrets-manager";
  return import(sdk).then(async ({ SecretsManagerClient, GetSecretValueCommand }) => {
    // The version the function's configuration names (MERIDIAN_SECRETS_VERSION): a rotation changes it and rolls
    // the instances, and each instance reads exactly the version it was configured with.
    const version = process.env.MERIDIAN_SECRETS_VERSION;
    const out = await new SecretsManagerClient({}).send(
      new GetSecretValueCommand({ SecretId: arn, ...(version ? { VersionId: version } : {}) }),
    );
    const values = JSON.parse(out.SecretString ?? "{}") as Record<string, string>;
    for (const [k, v] of Object.entries(values)) process.env[k] = v;
  });
}

/** Wraps a portable handler as a Lambda handler (HTTP API v2, function URL, REST v1, SQS, EventBridge Scheduler). */
export function lambdaHandler(mod: unknown): (event: unknown) => Promise<unknown> {
  const app = portable(mod);
  return async (event: unknown) => {
    secretsLoaded ??= loadSecrets().catch((err) => {
      secretsLoaded = undefined;
      throw err;
    });
    await secretsLoaded;
    const e = event as Record<string, unknown>;
    if (Array.isArray(e.Records)) return sqs(app, e as unknown as SqsEvent);
    if (e.meridian === "schedule") return schedule(app, e);
    return http(app, e as HttpEvent);
  };
}

async function http(app: PortableHandler, event: HttpEvent): Promise<unknown> {
  const v1 = event.version !== "2.0" && event.httpMethod !== undefined;
  const method = (event.requestContext?.http?.method ?? event.httpMethod ?? "GET").toUpperCase();
  if (isGatewayPreflight(event, method)) return { statusCode: 204, headers: {}, body: "", isBase64Encoded: false };
  const pairs: [string, string][] = [];
  if (v1 && event.multiValueHeaders) {
    for (const [k, vs] of Object.entries(event.multiValueHeaders)) for (const val of vs ?? []) pairs.push([k, val]);
  } else {
    for (const [k, val] of Object.entries(event.headers ?? {})) if (val !== undefined) pairs.push([k, val]);
  }
  const headers = externalHeaders(pairs);
  if (event.cookies?.length) headers.set("cookie", event.cookies.join("; "));
  const host = headers.get("host") ?? event.requestContext?.domainName ?? "localhost";
  const path = event.rawPath ?? event.path ?? "/";
  let query = event.rawQueryString ?? "";
  if (v1 && !query) {
    const q = new URLSearchParams();
    for (const [k, vs] of Object.entries(event.multiValueQueryStringParameters ?? {}))
      for (const val of vs ?? []) q.append(k, val);
    query = q.toString();
  }
  const body =
    event.body == null || !hasBody(method)
      ? undefined
      : event.isBase64Encoded
        ? Buffer.from(event.body, "base64")
        : event.body;
  const request = new Request(`https://${host}${path}${query ? `?${query}` : ""}`, { method, headers, body });
  const response = await run(app, request);
  return toLambdaResponse(response, v1);
}

/**
 * An `OPTIONS` request that reached the function through an unauthenticated `OPTIONS` route of an HTTP API (no
 * authorizer context). ApiGateway adds such routes where CORS and JWT auth meet an `ANY` route, for browser
 * preflights; API Gateway ignores the CORS headers an integration returns and adds the configured ones
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html). All the function owes is a 2xx,
 * and the handler never runs for a request nobody authenticated. An `OPTIONS` route of the user's own keeps its
 * authorizer, so it reaches the handler.
 */
export function isGatewayPreflight(event: HttpEvent, method: string): boolean {
  const routeKey = event.routeKey ?? event.requestContext?.routeKey ?? "";
  return method === "OPTIONS" && routeKey.startsWith("OPTIONS ") && event.requestContext?.authorizer === undefined;
}

async function toLambdaResponse(response: Response, v1: boolean): Promise<unknown> {
  const text = isTextType(response.headers.get("content-type"));
  const bytes = Buffer.from(await response.arrayBuffer());
  const cookies = response.headers.getSetCookie();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const out: Record<string, unknown> = {
    statusCode: response.status,
    headers,
    body: text ? bytes.toString("utf8") : bytes.toString("base64"),
    isBase64Encoded: !text,
  };
  if (v1) {
    if (cookies.length) out.multiValueHeaders = { "set-cookie": cookies };
  } else if (cookies.length) {
    out.cookies = cookies;
  }
  return out;
}

/** SQS batch: one request per message; failures are reported per item (ReportBatchItemFailures). */
async function sqs(app: PortableHandler, event: SqsEvent): Promise<unknown> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const response = await run(
      app,
      triggerRequest("queue", record.body, { "x-meridian-message-id": record.messageId }),
    );
    if (response.status >= 400) failures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures: failures };
}

async function schedule(app: PortableHandler, event: Record<string, unknown>): Promise<unknown> {
  const response = await run(app, triggerRequest("schedule", JSON.stringify(event)));
  if (response.status >= 500) throw new Error(`scheduled run failed with ${response.status}`);
  return { status: response.status };
}
