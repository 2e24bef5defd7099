import * as pulumi from "@pulumi/pulumi";
import { describe } from "../errors";
import { Validator } from "../validate";
import { WEIGHT_RANGE } from "./capabilities";
import { detectAlias, endpointAddress } from "./endpoint-address";
import { endpointGeo } from "./endpoint-geo";
import { geoSlug, parseGeoCode } from "./geo";
import { endpointRegion } from "./endpoint-region";
import { AliasTarget, ResolvedEndpoint } from "./resolved";
import { DnsProvider, DnsStrategy, FailoverDnsEndpoint } from "./types";
import { everyKeyListed } from "../arg-keys";

const ENDPOINT_KEYS = [
  "healthCheck",
  "id",
  "address",
  "addressKind",
  "region",
  "priority",
  "weight",
  "geo",
  "enabled",
  "aliasZoneId",
] as const satisfies readonly (keyof FailoverDnsEndpoint)[];
everyKeyListed<FailoverDnsEndpoint, typeof ENDPOINT_KEYS>(true);
const ENDPOINT_ID = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export function resolveEndpoints(
  v: Validator,
  provider: DnsProvider,
  strategy: DnsStrategy,
  value: unknown,
): ResolvedEndpoint[] {
  const list = v.array(value, "endpoints", { minLength: strategy === "failover" ? 2 : 1, maxLength: 50 });
  const ids = new Set<string>();
  // Every endpoint a plain object before any is read: an Output's lifted `.priority` is not undefined.
  const items = list.map((item, i) => v.object(item, `endpoints[${i}]`, { allowedKeys: ENDPOINT_KEYS })!);
  const givenPriorities = items.map((e, i) => (e.priority !== undefined ? i : -1)).filter((i) => i >= 0);
  if (givenPriorities.length > 0 && givenPriorities.length < list.length) {
    const missing = list.findIndex((_, i) => !givenPriorities.includes(i));
    v.fail(
      `endpoints[${missing}].priority`,
      "missing; give a priority on every endpoint or on none (then the array order is the priority)",
    );
  }
  const priorities = new Map<number, string>();
  const out = list.map((item, index): ResolvedEndpoint => {
    const f = `endpoints[${index}]`;
    const e = v.object(item, f, { allowedKeys: ENDPOINT_KEYS })!;
    const id = v.string(e.id, `${f}.id`, {
      pattern: ENDPOINT_ID,
      patternHelp: "lowercase letters, digits and hyphens, 1-40 characters, not starting or ending with a hyphen",
    });
    if (ids.has(id)) v.fail(`${f}.id`, `got ${describe(id)}; endpoint ids must be unique`);
    ids.add(id);
    const { address, kind } = endpointAddress(v, provider, e.address, e.addressKind, f);
    const region = endpointRegion(v, provider, strategy, e.region, `${f}.region`);
    const priority = v.integer(e.priority, `${f}.priority`, { optional: true, min: 1, max: 1000 }) ?? index + 1;
    if (priorities.has(priority))
      v.fail(
        `${f}.priority`,
        `got ${priority}; already used by endpoint ${describe(priorities.get(priority))}; priorities must be unique`,
      );
    priorities.set(priority, id);
    const weight = v.integer(e.weight, `${f}.weight`, { optional: true, min: 0 });
    if (weight !== undefined && strategy !== "weighted")
      v.fail(
        `${f}.weight`,
        `got ${weight}; weights only apply to strategy "weighted" (this one is ${describe(strategy)})`,
      );
    // Each provider's own range (WEIGHT_RANGE has the sources): 0-255 on Route 53, 1-1000 on Traffic Manager.
    const range = WEIGHT_RANGE[provider];
    if (weight !== undefined && (weight < range.min || weight > range.max))
      v.fail(
        `${f}.weight`,
        weight === 0
          ? `got 0; ${provider} weights are ${range.min}-${range.max}: drain the endpoint with enabled: false instead`
          : `got ${weight}; ${provider} takes weights ${range.min}-${range.max}`,
      );
    const enabled = v.boolean(e.enabled, `${f}.enabled`, { optional: true }) ?? true;
    const geo = endpointGeo(v, provider, strategy, e.geo, region, `${f}.geo`);
    let alias: AliasTarget | undefined;
    if (e.aliasZoneId !== undefined) {
      if (provider !== "route53")
        v.fail(`${f}.aliasZoneId`, `alias records are a Route 53 feature; provider is ${describe(provider)}`);
      if (typeof e.aliasZoneId !== "string" && !pulumi.Output.isInstance(e.aliasZoneId))
        v.fail(`${f}.aliasZoneId`, `got ${describe(e.aliasZoneId)}; expected a hosted zone id string or output`);
      if (kind === "ipv4" || kind === "ipv6")
        v.fail(`${f}.aliasZoneId`, `an alias needs a hostname target, but the address is an IP (${describe(address)})`);
      alias = { kind: "given", zoneId: e.aliasZoneId as pulumi.Input<string> };
    } else if (provider === "route53" && kind === "hostname") {
      alias = detectAlias(address as string);
    }
    return { id, index, address, kind, region, priority, weight: weight ?? 1, geo, enabled, alias, heldOut: !enabled };
  });
  if (strategy === "geo") {
    const owner = new Map<string, string>();
    // Route 53 names each location's record `<id>-<location>`: ("a", "US-CA") and ("a-us", "CA") would clash.
    const recordIds = new Map<string, string>();
    for (const e of out) {
      for (const code of e.geo) {
        if (owner.has(code))
          v.fail(
            `endpoints[${e.index}].geo`,
            `${describe(code)} is already served by endpoint ${describe(owner.get(code))}; a location maps to one endpoint`,
          );
        owner.set(code, e.id);
        const parsed = parseGeoCode(code); // undefined for Cloud DNS, whose geo locations are GCP regions
        const recordId = `${e.id}-${parsed ? geoSlug(parsed) : code.toLowerCase()}`;
        const clash = recordIds.get(recordId);
        if (clash !== undefined && clash !== e.id) {
          v.fail(
            `endpoints[${e.index}].id`,
            `${describe(e.id)} with ${describe(code)} gives the record id ${describe(recordId)}, as endpoint ${describe(clash)} does; choose ids that are not a prefix of another id plus "-"`,
          );
        }
        recordIds.set(recordId, e.id);
      }
    }
  }
  if (strategy === "failover") {
    // More than two failover tiers are chained through records named `tier<k>`: an endpoint may not take that name.
    for (const e of out) {
      if (/^tier\d+$/.test(e.id))
        v.fail(
          `endpoints[${e.index}].id`,
          `got ${describe(e.id)}; "tier<n>" names the records that chain failover tiers: choose another id`,
        );
    }
  }
  return out;
}
