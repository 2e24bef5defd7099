import { PortableHandler, TRIGGER_HEADER, portable, run, triggerRequest } from "./shared";

interface QueueMessage {
  id: string;
  body: unknown;
  ack(): void;
  retry(): void;
}
interface MessageBatch {
  queue: string;
  messages: readonly QueueMessage[];
}
interface ScheduledEvent {
  cron: string;
  scheduledTime: number;
}
interface ExecutionContext {
  waitUntil(p: Promise<unknown>): void;
}

/**
 * Copies the Worker's text bindings (plain_text and secret_text) into `process.env`, so a portable handler
 * reads configuration the same way on every cloud.
 */
function bindEnv(env: Record<string, unknown>): void {
  const g = globalThis as { process?: { env?: Record<string, string> } };
  g.process ??= {};
  g.process.env ??= {};
  for (const [k, v] of Object.entries(env ?? {})) if (typeof v === "string") g.process.env[k] = v;
}

/** Wraps a portable handler as a Workers module (fetch, scheduled and queue handlers). */
export function workerModule(mod: unknown) {
  const app: PortableHandler = portable(mod);
  return {
    async fetch(request: Request, env: Record<string, unknown>): Promise<Response> {
      bindEnv(env);
      if (request.headers.has(TRIGGER_HEADER)) {
        const headers = new Headers(request.headers);
        headers.delete(TRIGGER_HEADER);
        request = new Request(request, { headers });
      }
      return run(app, request);
    },
    async scheduled(event: ScheduledEvent, env: Record<string, unknown>, ctx: ExecutionContext): Promise<void> {
      bindEnv(env);
      const done = run(
        app,
        triggerRequest("schedule", JSON.stringify({ cron: event.cron, scheduledTime: event.scheduledTime })),
      );
      ctx.waitUntil(done);
      const response = await done;
      if (response.status >= 500) throw new Error(`scheduled run failed with ${response.status}`);
    },
    async queue(batch: MessageBatch, env: Record<string, unknown>): Promise<void> {
      bindEnv(env);
      for (const message of batch.messages) {
        const body = typeof message.body === "string" ? message.body : JSON.stringify(message.body);
        const response = await run(app, triggerRequest("queue", body, { "x-meridian-message-id": message.id }));
        if (response.status >= 400) message.retry();
        else message.ack();
      }
    },
  };
}
