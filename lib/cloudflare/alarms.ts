import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedAlarms, sharedAlarmTarget } from "../core/alarms";
import { TransformsOf, withTransform } from "../core/transform";
import type { CloudflareHealthAlarmChildren } from "./children";

/**
 * Cloudflare Notifications for load-balancer health. Cloudflare offers no alert type on Workers errors or
 * latency (the alert types are listed at https://developers.cloudflare.com/notifications/notification-available/),
 * so ServerlessFunction and ApiGateway refuse request alarms on Cloudflare (lib/core/alarms/capabilities.ts).
 */
export interface CloudflareAlarmContext {
  parent: pulumi.Resource;
  alarms: ResolvedAlarms;
  accountId: pulumi.Input<string>;
  transforms?: TransformsOf<CloudflareHealthAlarmChildren>;
}

/**
 * The webhook destination of this notify (its URL kept secret), created once per stack and notify; email
 * addresses need no destination (the policy names them).
 * https://developers.cloudflare.com/notifications/get-started/configure-webhooks/
 */
function webhooks(ctx: CloudflareAlarmContext): { id: pulumi.Input<string> }[] {
  const { notify } = ctx.alarms;
  const out: { id: pulumi.Input<string> }[] = [];
  if (notify.webhook) {
    const destination = sharedAlarmTarget(
      "cloudflare",
      notify.key,
      (suffix) =>
        // A stack-level resource (no parent): its URN does not depend on which component created it.
        new cloudflare.NotificationPolicyWebhooks(
          ...withTransform(
            ctx.transforms,
            "alarmWebhook",
            `meridian-alarms-cloudflare${suffix}-webhook`,
            {
              accountId: ctx.accountId,
              name: `meridian-alarms${suffix}`,
              url: notify.webhook!,
            } satisfies cloudflare.NotificationPolicyWebhooksArgs,
            { additionalSecretOutputs: ["url"] },
          ),
        ),
    );
    out.push({ id: destination.id });
  }
  if (notify.topic !== undefined) out.push({ id: notify.topic });
  return out;
}

/**
 * `load_balancing_health_alert` filtered to the component's pools, for both pools and origins turning
 * unhealthy or healthy again: Cloudflare sends it when its monitors change a pool's or an origin's health, i.e.
 * when the load balancer fails over (no window to set; the monitor's interval × retries decides).
 * https://developers.cloudflare.com/load-balancing/reference/migration-guides/health-monitor-notifications/
 * https://developers.cloudflare.com/notifications/notification-available/#load-balancing
 */
export function cloudflareHealthAlarms(ctx: CloudflareAlarmContext, target: { poolIds: pulumi.Input<string>[] }): void {
  if (target.poolIds.length === 0) return;
  new cloudflare.NotificationPolicy(
    ...withTransform(
      ctx.transforms,
      "alarmHealth",
      `${ctx.alarms.name}-alarm-health`,
      {
        accountId: ctx.accountId,
        name: `${ctx.alarms.name}: endpoint health (Meridian)`,
        description: `An endpoint of ${ctx.alarms.component} changed health: the load balancer failed over or back (docs/alarms.md)`,
        alertType: "load_balancing_health_alert",
        enabled: true,
        filters: {
          poolIds: target.poolIds,
          eventSources: ["pool", "origin"],
          newHealths: ["Unhealthy", "Healthy"],
        },
        mechanisms: {
          emails: ctx.alarms.notify.email.map((address) => ({ id: address })),
          webhooks: webhooks(ctx),
        },
      } satisfies cloudflare.NotificationPolicyArgs,
      { parent: ctx.parent },
    ),
  );
}
