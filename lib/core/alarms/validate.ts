import * as pulumi from "@pulumi/pulumi";
import { describe } from "../errors";
import type { Cloud } from "../placement";
import { everyKeyListed } from "../arg-keys";
import { Validator } from "../validate";
import type { AlarmNotify, AlarmThreshold, DnsAlarms, RequestAlarms, ServiceAlarms } from "./args";
import { ALARM_CAPABILITIES, ALARM_WINDOWS } from "./capabilities";
import {
  AlarmedKind,
  DEFAULT_ERROR_RATE,
  DEFAULT_P99_LATENCY_MS,
  ResolvedAlarms,
  ResolvedNotify,
  ResolvedThreshold,
} from "./model";

const REQUEST_KEYS = ["errorRate", "p99LatencyMs", "notify"] as const satisfies readonly (keyof RequestAlarms)[];
everyKeyListed<RequestAlarms, typeof REQUEST_KEYS>(true);
const SERVICE_KEYS = [...REQUEST_KEYS, "health"] as const satisfies readonly (keyof ServiceAlarms)[];
everyKeyListed<ServiceAlarms, typeof SERVICE_KEYS>(true);
const DNS_KEYS = ["health", "notify"] as const satisfies readonly (keyof DnsAlarms)[];
everyKeyListed<DnsAlarms, typeof DNS_KEYS>(true);
const NOTIFY_KEYS = ["email", "webhook", "topic"] as const satisfies readonly (keyof AlarmNotify)[];
everyKeyListed<AlarmNotify, typeof NOTIFY_KEYS>(true);
const THRESHOLD_KEYS = ["above", "forSeconds"] as const satisfies readonly (keyof AlarmThreshold)[];
everyKeyListed<AlarmThreshold, typeof THRESHOLD_KEYS>(true);
const KEYS: Record<AlarmedKind, readonly string[]> = {
  function: REQUEST_KEYS,
  api: REQUEST_KEYS,
  service: SERVICE_KEYS,
  dns: DNS_KEYS,
};
// A practical address check (local@domain.tld); the cloud sends a confirmation mail to prove it exists.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Validates `alarms` of one component for one cloud (a MultiRegionService calls it once per cloud it spans).
 * Returns undefined when `alarms` is not given: alarms are opt-in, like CDK's and SST's, because an alarm
 * needs someone to notify. Throws a ConfigError for a field the cloud cannot evaluate when the user set it;
 * a default the cloud cannot evaluate is returned in `gaps` (the component warns about it, docs/alarms.md lists it).
 */
export function resolveAlarms(
  component: string,
  name: string,
  value: unknown,
  cloud: Cloud,
  kind: AlarmedKind,
  field = "alarms",
): (ResolvedAlarms & { gaps: string[] }) | undefined {
  const v = new Validator(component);
  const a = v.object(value, field, { optional: true, allowedKeys: KEYS[kind] });
  if (a === undefined) return undefined;
  const can = ALARM_CAPABILITIES[cloud][kind];
  const gaps: string[] = [];
  const where = cloud === "cloudflare" ? "Cloudflare" : cloud.toUpperCase();

  const threshold = (
    key: "errorRate" | "p99LatencyMs",
    defaults: ResolvedThreshold,
    above: { min: number; max?: number },
  ): ResolvedThreshold | undefined => {
    const given = a[key];
    if (given === false) return undefined;
    if (kind === "dns") return undefined;
    if (!can[key]) {
      if (given !== undefined) v.fail(`${field}.${key}`, `${where} cannot alarm on it: ${can.gap}; set it to false`);
      gaps.push(`${key}: ${can.gap}`);
      return undefined;
    }
    const t = v.object(given, `${field}.${key}`, { optional: true, allowedKeys: THRESHOLD_KEYS }) ?? {};
    const threshold = v.number(t.above, `${field}.${key}.above`, { optional: true, ...above }) ?? defaults.above;
    if (threshold <= above.min) v.fail(`${field}.${key}.above`, `got ${threshold}; must be above ${above.min}`);
    const forSeconds = windowSeconds(v, t.forSeconds, `${field}.${key}.forSeconds`, cloud) ?? defaults.forSeconds;
    return { above: threshold, forSeconds };
  };

  const errorRate = threshold("errorRate", DEFAULT_ERROR_RATE, { min: 0, max: 1 });
  const p99LatencyMs = threshold("p99LatencyMs", DEFAULT_P99_LATENCY_MS, { min: 0 });
  let health = false;
  if (kind === "service" || kind === "dns") {
    health = v.boolean(a.health, `${field}.health`, { optional: true }) ?? true;
    if (health && !can.health) gaps.push(`health: ${can.gap}`);
  }
  const notify = resolveNotify(v, a.notify, `${field}.notify`, cloud);
  return { component, name, cloud, kind, errorRate, p99LatencyMs, health, notify, gaps };
}

/** A window the cloud's alarm service can evaluate (ALARM_WINDOWS), or undefined when not given. */
function windowSeconds(v: Validator, value: unknown, field: string, cloud: Cloud): number | undefined {
  const w = ALARM_WINDOWS[cloud];
  const seconds = v.integer(value, field, { optional: true, min: w.min, max: w.max });
  if (seconds === undefined) return undefined;
  if (w.multipleOf && seconds % w.multipleOf !== 0)
    v.fail(field, `got ${seconds}; ${cloud} evaluates alarms in whole minutes: use a multiple of ${w.multipleOf}`);
  if (w.allowed && !w.allowed.includes(seconds))
    v.fail(field, `got ${seconds}; ${cloud} alert windows are ${w.allowed.join(", ")} seconds`);
  return seconds;
}

const TOPIC_FORMATS: Record<Cloud, { pattern: RegExp; help: string }> = {
  aws: { pattern: /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/, help: "an SNS topic ARN" },
  gcp: {
    pattern: /^projects\/[^/]+\/notificationChannels\/[^/]+$/,
    help: "a notification channel name projects/<project>/notificationChannels/<id>",
  },
  azure: {
    pattern: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/microsoft\.insights\/actionGroups\/[^/]+$/i,
    help: "an action group id /subscriptions/<id>/resourceGroups/<rg>/providers/microsoft.insights/actionGroups/<name>",
  },
  cloudflare: { pattern: /^[0-9a-f]{32}$/, help: "a notification webhook destination id (32 hex characters)" },
};

// Identity (never the value) of webhook Outputs, so two components given the same secret share one target.
const webhookIds = new WeakMap<object, number>();
let nextWebhookId = 1;

function resolveNotify(v: Validator, value: unknown, field: string, cloud: Cloud): ResolvedNotify {
  const n = v.object(value, field, { allowedKeys: NOTIFY_KEYS })!;
  const email = (v.array(n.email, `${field}.email`, { optional: true }) ?? []).map((e, i) => {
    const address = v.string(e, `${field}.email[${i}]`);
    if (!EMAIL.test(address)) v.fail(`${field}.email[${i}]`, `got ${describe(address)}; expected an email address`);
    return address;
  });
  if (new Set(email).size !== email.length) v.fail(`${field}.email`, "lists an address twice");

  let webhook: pulumi.Output<string> | undefined;
  let webhookKey = "";
  if (n.webhook !== undefined) {
    if (typeof n.webhook === "string") {
      // The value is a secret: the message never repeats it.
      if (!/^https:\/\/[^\s/]+/.test(n.webhook))
        v.fail(`${field}.webhook`, "must be an https:// URL (the value is not shown: it is treated as a secret)");
      webhookKey = `s:${n.webhook}`;
    } else if (pulumi.Output.isInstance(n.webhook) || n.webhook instanceof Promise) {
      const obj = n.webhook as object;
      if (!webhookIds.has(obj)) webhookIds.set(obj, nextWebhookId++);
      webhookKey = `o:${webhookIds.get(obj)}`;
    } else {
      v.fail(`${field}.webhook`, `got ${describe(n.webhook)}; expected an https:// URL (a string or a secret Output)`);
    }
    webhook = pulumi.secret(pulumi.output(n.webhook as pulumi.Input<string>));
  }

  const topic = n.topic as pulumi.Input<string> | undefined;
  if (topic !== undefined) {
    if (typeof topic === "string") {
      const f = TOPIC_FORMATS[cloud];
      if (!f.pattern.test(topic)) v.fail(`${field}.topic`, `got ${describe(topic)}; expected ${f.help}`);
    } else if (!pulumi.Output.isInstance(topic)) {
      v.fail(`${field}.topic`, `got ${describe(topic)}; expected ${TOPIC_FORMATS[cloud].help}`);
    }
  }
  if (email.length === 0 && webhook === undefined && topic === undefined)
    v.fail(field, "names no one: give email, webhook or topic (an alarm nobody receives is not created)");
  // The topic is not part of the key: it is the user's own target, added to each alarm beside the shared one.
  const key = JSON.stringify([[...email].sort(), webhookKey]);
  return { email, webhook, topic, key };
}
