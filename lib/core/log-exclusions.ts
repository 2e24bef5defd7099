import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "./errors";

/**
 * Exclusions Meridian adds to a Google Cloud project's `_Default` sink: one per log bucket a component keeps its own
 * logs in (lib/gcp/log-bucket.ts says why), i.e. per ServerlessFunction with `logRetentionDays`, per Google region of
 * a MultiRegionService with `logRetentionDays`, per ApiGateway with `accessLogs.retentionDays`.
 *
 * A sink takes at most 50 exclusions ("Number of exclusion filters: 50 per sink", a limit that cannot be raised:
 * https://cloud.google.com/logging/quotas), so the 51st `projects.exclusions.create` of one project fails halfway
 * through `pulumi up`. The components of one program deploy into one project (the provider's), so the count is per
 * program: every recording starts a new mock monitor, and the registry is keyed on it (as lib/core/physical-names.ts).
 * Exclusions made outside this program share the 50 and cannot be seen from here.
 */
export const DEFAULT_SINK_EXCLUSIONS_MAX = 50;

const SOURCE = "https://cloud.google.com/logging/quotas";

const byEngine = new WeakMap<object, { component: string; count: number }[]>();
const NO_ENGINE = {};

function claimed(): { component: string; count: number }[] {
  const key = (pulumi.runtime.getMonitor() as object | undefined) ?? NO_ENGINE;
  let list = byEngine.get(key);
  if (!list) byEngine.set(key, (list = []));
  return list;
}

/**
 * Counts `count` more `_Default` exclusions for `component`, or throws a ConfigError on `field` (the retention field
 * that asks for them) when the program would pass 50; nothing is counted then. Call before the component registers.
 */
export function claimDefaultSinkExclusions(component: string, field: string, count: number): void {
  if (count === 0) return;
  const list = claimed();
  const used = list.reduce((n, c) => n + c.count, 0);
  if (used + count > DEFAULT_SINK_EXCLUSIONS_MAX) {
    const others = list.map((c) => c.component);
    const shown =
      others.length > 3 ? `${others.slice(0, 3).join(", ")} and ${others.length - 3} more` : others.join(", ");
    throw new ConfigError(
      component,
      field,
      `its ${count} log bucket${count === 1 ? "" : "s"} would add ${count} exclusion${count === 1 ? "" : "s"} to the ` +
        `project's _Default sink, which ${shown} already add ${used} to; a sink takes at most ` +
        `${DEFAULT_SINK_EXCLUSIONS_MAX} exclusions (${SOURCE}): leave ${field} out on some components (their logs ` +
        `then stay in _Default, 30 days) or deploy them to another project`,
    );
  }
  list.push({ component, count });
}
