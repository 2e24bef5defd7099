import { describe } from "../errors";
import { Validator } from "../validate";
import { healthDefaults, healthLimits } from "./capabilities";
import { route53ProbeTimeout } from "./failover-time";
import { HEALTH_PRESETS, HealthPreset, fastHealthDefaults } from "./presets";
import { ResolvedHealthCheck } from "./resolved";
import { CloudflarePlan, DnsProvider } from "./types";

/** `healthCheck.preset`, read before the rest because it sets other options' defaults. */
export function healthPreset(v: Validator, healthCheck: unknown): HealthPreset {
  // A plain object first: an Output's lifted `.preset` is an Output, a Promise's is undefined (issue #17, defect 6).
  const raw = v.object(healthCheck, "healthCheck", { optional: true })?.preset;
  return v.oneOf(raw, "healthCheck.preset", HEALTH_PRESETS, { optional: true }) ?? "standard";
}

export function resolveHealthCheck(
  v: Validator,
  provider: DnsProvider,
  value: unknown,
  plan: CloudflarePlan | undefined,
  retries: number,
  preset: HealthPreset,
): ResolvedHealthCheck {
  const hc =
    v.object(value, "healthCheck", {
      optional: true,
      allowedKeys: ["preset", "path", "protocol", "port", "intervalSeconds", "failureThreshold", "timeoutSeconds"],
    }) ?? {};
  const limits = healthLimits(provider, plan);
  const defaults = preset === "fast" ? fastHealthDefaults(provider, plan) : healthDefaults(provider, plan);
  const protocol = v.oneOf(hc.protocol, "healthCheck.protocol", limits.protocols, { optional: true }) ?? "HTTPS";
  const path = v.string(hc.path, "healthCheck.path", {
    optional: true,
    maxLength: 255,
    pattern: /^\/[\x21-\x7e]*$/,
    patternHelp: 'a path starting with "/" (printable ASCII, no spaces)',
  });
  if (path !== undefined && protocol === "TCP")
    v.fail("healthCheck.path", `got ${describe(path)}; a TCP probe only opens a connection and has no path`);
  const port =
    v.integer(hc.port, "healthCheck.port", { optional: true, min: 1, max: 65535 }) ?? (protocol === "HTTPS" ? 443 : 80);
  const intervalSeconds =
    v.integer(hc.intervalSeconds, "healthCheck.intervalSeconds", { optional: true }) ?? defaults.intervalSeconds;
  if ("oneOf" in limits.intervals) {
    if (!limits.intervals.oneOf.includes(intervalSeconds))
      v.fail(
        "healthCheck.intervalSeconds",
        `got ${intervalSeconds}; ${provider} allows ${limits.intervals.oneOf.join(" or ")} seconds`,
      );
  } else if (intervalSeconds < limits.intervals.min || intervalSeconds > limits.intervals.max) {
    const why =
      provider === "cloudflare"
        ? `the ${plan} plan allows ${limits.intervals.min}-${limits.intervals.max} s (pro 60, business 15, enterprise 10 s minimum)`
        : `Cloud DNS health checks for external endpoints allow ${limits.intervals.min}-${limits.intervals.max} s`;
    v.fail("healthCheck.intervalSeconds", `got ${intervalSeconds}; ${why}`);
  }
  const failureThreshold =
    v.integer(hc.failureThreshold, "healthCheck.failureThreshold", { optional: true, ...limits.threshold }) ??
    defaults.failureThreshold;
  let timeoutSeconds: number;
  if (!limits.timeout) {
    if (hc.timeoutSeconds !== undefined) {
      v.fail(
        "healthCheck.timeoutSeconds",
        `got ${describe(hc.timeoutSeconds)}; Route 53's probe timeout is fixed (connect in 4 s and answer in 2 s for HTTP/HTTPS, 10 s for TCP): omit it`,
      );
    }
    timeoutSeconds = route53ProbeTimeout(protocol);
  } else {
    const max = limits.timeout.max(intervalSeconds);
    // Default: the provider's, shortened when the probe and its immediate retries would not fit in one interval.
    const fits = Math.max(limits.timeout.min, Math.floor((intervalSeconds - 1) / (1 + retries)));
    timeoutSeconds =
      v.integer(hc.timeoutSeconds, "healthCheck.timeoutSeconds", { optional: true }) ??
      Math.min(defaults.timeoutSeconds ?? 5, max, fits);
    if (timeoutSeconds < limits.timeout.min || timeoutSeconds > max) {
      v.fail(
        "healthCheck.timeoutSeconds",
        `got ${timeoutSeconds}; ${provider} allows ${limits.timeout.help} (here ${limits.timeout.min}-${max})`,
      );
    }
  }
  return { protocol, port, path: path ?? "/", intervalSeconds, failureThreshold, timeoutSeconds };
}
