import { PortableHandler, externalHeaders, hasBody, isTextType, portable, run, triggerRequest } from "./shared";

/**
 * Azure Functions v4 Node.js programming model, registered directly with `@azure/functions-core` (the module
 * the Node worker provides to every app, which `@azure/functions`' `app.http()` uses underneath): no npm
 * package ships in the archive, so the adapter stays a few KB and the app runs from the package as is.
 *
 * Registered functions, driven by app settings so the same bundle serves every configuration:
 * - `http`: catch-all route `{*path}` (host.json sets an empty route prefix), auth level `MERIDIAN_HTTP_AUTH`
 *   (`anonymous` with `url: true`, otherwise `function`), every method; absent when `MERIDIAN_HTTP_AUTH=off`.
 * - `schedule<i>`: timer triggers whose NCRONTAB schedule is the app setting `MERIDIAN_SCHEDULE_<i>`.
 * - `queue`: a Storage queue trigger on the queue named by `MERIDIAN_QUEUE_NAME`.
 */

interface RpcTypedData {
  string?: string;
  json?: string;
  bytes?: Uint8Array;
  stream?: Uint8Array;
  http?: RpcHttpData;
}
interface RpcNullable {
  value?: string;
}
interface RpcHttpData {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  nullableHeaders?: Record<string, RpcNullable>;
  body?: RpcTypedData;
  /** Response only. */
  statusCode?: string;
  /** Response only. */
  cookies?: ReturnType<typeof toRpcCookie>[];
}
interface CoreContext {
  invocationId: string;
  request: { inputData?: { name: string; data?: RpcTypedData }[] };
  metadata: { name: string };
}
interface CoreApi {
  setProgrammingModel(model: unknown): void;
  registerFunction(metadata: unknown, callback: (...args: unknown[]) => unknown): unknown;
}

const METHODS = ["get", "post", "put", "patch", "delete", "head", "options"];

export function registerAzure(mod: unknown, core?: CoreApi): void {
  const app = portable(mod);

  const api: CoreApi = core ?? require("@azure/functions-core");
  const env = process.env;
  api.setProgrammingModel({
    name: "meridian",
    version: "1.0.0",
    getInvocationModel: (ctx: CoreContext) => ({
      getArguments: async () => ({ context: ctx, inputs: (ctx.request.inputData ?? []).map((i) => i.data) }),
      invokeFunction: async (_context: unknown, inputs: unknown[], handler: (input: unknown) => unknown) =>
        handler(inputs[0]),
      getResponse: async (_context: unknown, result: unknown) => ({
        invocationId: ctx.invocationId,
        outputData: [],
        returnValue: result,
      }),
    }),
  });
  const auth = env.MERIDIAN_HTTP_AUTH ?? "function";
  if (auth !== "off") {
    api.registerFunction(
      {
        name: "http",
        bindings: {
          req: {
            type: "httpTrigger",
            direction: "in",
            authLevel: auth,
            methods: METHODS,
            route: "{*path}",
            properties: { supportsDeferredBinding: "false" },
          },
          $return: { type: "http", direction: "out" },
        },
      },
      async (input: unknown) => azureHttp(app, (input as RpcTypedData)?.http ?? {}),
    );
  }
  for (let i = 0; env[`MERIDIAN_SCHEDULE_${i}`]; i++) {
    api.registerFunction(
      {
        name: `schedule${i}`,
        bindings: {
          timer: {
            type: "timerTrigger",
            direction: "in",
            schedule: `%MERIDIAN_SCHEDULE_${i}%`,
            properties: { supportsDeferredBinding: "false" },
          },
        },
      },
      async (input: unknown) => {
        const response = await run(
          app,
          triggerRequest("schedule", JSON.stringify(decode(input as RpcTypedData) ?? {})),
        );
        if (response.status >= 500) throw new Error(`scheduled run failed with ${response.status}`);
      },
    );
  }
  if (env.MERIDIAN_QUEUE_NAME) {
    api.registerFunction(
      {
        name: "queue",
        bindings: {
          message: {
            type: "queueTrigger",
            direction: "in",
            queueName: "%MERIDIAN_QUEUE_NAME%",
            connection: "AzureWebJobsStorage",
            properties: { supportsDeferredBinding: "false" },
          },
        },
      },
      async (input: unknown) => {
        const data = input as RpcTypedData;
        const body = data?.bytes ?? data?.string ?? data?.json ?? "";
        const response = await run(app, triggerRequest("queue", body));
        // Throwing makes the host retry, then move the message to `<queue>-poison` after maxDequeueCount.
        if (response.status >= 400) throw new Error(`queue message failed with ${response.status}`);
      },
    );
  }
}

function decode(data: RpcTypedData | undefined): unknown {
  if (!data) return undefined;
  if (data.json !== undefined) return JSON.parse(data.json);
  if (data.string !== undefined) return data.string;
  return undefined;
}

/** One HTTP invocation: the worker's RPC request in, the RPC response out. */
export async function azureHttp(app: PortableHandler, http: RpcHttpData): Promise<RpcTypedData> {
  const method = (http.method ?? "GET").toUpperCase();
  const pairs: [string, string][] = [];
  if (http.nullableHeaders) {
    for (const [k, v] of Object.entries(http.nullableHeaders)) if (v?.value !== undefined) pairs.push([k, v.value]);
  } else {
    for (const [k, v] of Object.entries(http.headers ?? {})) pairs.push([k, v]);
  }
  const raw = http.body?.bytes ?? http.body?.stream ?? http.body?.string;
  const body = raw === undefined || !hasBody(method) ? undefined : raw;
  const request = new Request(http.url ?? "https://localhost/", {
    method,
    headers: externalHeaders(pairs),
    body: body as BodyInit | undefined,
  });
  const response = await run(app, request);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = isTextType(response.headers.get("content-type"));
  return {
    http: {
      statusCode: String(response.status),
      headers,
      cookies: response.headers.getSetCookie().map(toRpcCookie),
      body: text ? { string: new TextDecoder().decode(bytes) } : { bytes },
    } satisfies RpcHttpData,
  };
}

/** The worker's RpcHttpCookie SameSite numbers. */
const SAME_SITE: Record<string, number> = { lax: 1, strict: 2, none: 3 };

/** A `Set-Cookie` header as the worker's RpcHttpCookie (the host writes multiple cookies from this list). */
function toRpcCookie(header: string): Record<string, unknown> {
  const [pair, ...attrs] = header.split(";").map((s) => s.trim());
  const eq = pair.indexOf("=");
  const cookie: Record<string, unknown> = { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  for (const attr of attrs) {
    const [k, ...rest] = attr.split("=");
    const v = rest.join("=");
    switch (k.toLowerCase()) {
      case "domain":
        cookie.domain = { value: v };
        break;
      case "path":
        cookie.path = { value: v };
        break;
      case "secure":
        cookie.secure = { value: true };
        break;
      case "httponly":
        cookie.httpOnly = { value: true };
        break;
      case "max-age":
        cookie.maxAge = { value: Number(v) };
        break;
      case "samesite":
        cookie.sameSite = SAME_SITE[v.toLowerCase()] ?? 0;
        break;
    }
  }
  return cookie;
}
