import * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../placement";

/** Which component the alarms belong to: it decides which alarms make sense. */
export type AlarmedKind = "function" | "api" | "service" | "dns";

/** A threshold alarm after validation: every field set. */
export interface ResolvedThreshold {
  readonly above: number;
  readonly forSeconds: number;
}

/** Where alarms go, after validation. */
export interface ResolvedNotify {
  readonly email: readonly string[];
  /** Always a secret Output. */
  readonly webhook?: pulumi.Output<string>;
  readonly topic?: pulumi.Input<string>;
  /**
   * Identity of this notify for sharing: components whose notify has the same key share one native target.
   * Built from the addresses, the topic and the identity (never the value) of the webhook.
   */
  readonly key: string;
}

/** The alarms of one component on one cloud, validated against what that cloud's alarm service evaluates. */
export interface ResolvedAlarms {
  /** e.g. `ServerlessFunction "api"`. */
  readonly component: string;
  /** The component's logical name, the prefix of its children. */
  readonly name: string;
  readonly cloud: Cloud;
  readonly kind: AlarmedKind;
  readonly errorRate?: ResolvedThreshold;
  readonly p99LatencyMs?: ResolvedThreshold;
  readonly health: boolean;
  readonly notify: ResolvedNotify;
}

/** Defaults of the operations design: 5 % errors for 5 minutes, p99 above 1 s for a minute. */
export const DEFAULT_ERROR_RATE: ResolvedThreshold = { above: 0.05, forSeconds: 300 };
export const DEFAULT_P99_LATENCY_MS: ResolvedThreshold = { above: 1000, forSeconds: 60 };

/** Transform keys of the alarm children (shared by every component that has `alarms`). */
export type AlarmChild =
  | "alarmErrorRate"
  | "alarmLatency"
  | "alarmHealth"
  | "alarmTopic"
  | "alarmSubscription"
  | "alarmChannel"
  | "alarmUptimeCheck"
  | "alarmActionGroup"
  | "alarmWebhook";
