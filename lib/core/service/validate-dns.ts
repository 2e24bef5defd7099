import * as pulumi from "@pulumi/pulumi";
import { describe } from "../errors";
import { isHostname, Validator } from "../validate";
import type { ServiceDns } from "./args";

/** `routing.dns` of a MultiRegionService: provider, zone and record, checked whole before anything registers. */
export function validateDns(v: Validator, raw: unknown): ServiceDns | undefined {
  const d = v.object(raw, "routing.dns", {
    optional: true,
    allowedKeys: ["provider", "zone", "record", "route53", "cloudflare"],
  });
  if (!d) return undefined;
  const provider = v.oneOf(d.provider, "routing.dns.provider", ["route53", "cloudflare"] as const);
  const zone = v.hostname(d.zone, "routing.dns.zone");
  const record = v
    .string(d.record, "routing.dns.record", {
      maxLength: 63,
      pattern: /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i,
      patternHelp: 'one DNS label such as "api" (the service answers on <record>.<zone>)',
    })
    .toLowerCase();
  // The nested FailoverDns serves `<record>.<zone>`: checked whole here, so a name too long together (253, labels of
  // 63: RFC 1035 §2.3.4) is this component's ConfigError before anything registers, not the inner one's midway.
  if (!isHostname(`${record}.${zone}`))
    v.fail(
      "routing.dns.record",
      `"${record}.${zone}" is ${record.length + zone.length + 1} characters; a DNS name is at most 253 (RFC 1035 §2.3.4): shorten the record or the zone`,
    );
  const route53 = v.object(d.route53, "routing.dns.route53", { optional: true, allowedKeys: ["zoneId"] });
  const cf = v.object(d.cloudflare, "routing.dns.cloudflare", {
    optional: true,
    allowedKeys: ["accountId", "zoneId", "plan", "trafficSteering"],
  });
  if (route53 && provider !== "route53") v.fail("routing.dns.route53", `given with provider ${describe(provider)}`);
  if (cf && provider !== "cloudflare") v.fail("routing.dns.cloudflare", `given with provider ${describe(provider)}`);
  // Plain strings are checked here (outputs are trusted), so FailoverDns never rejects them after resources exist.
  const id = (value: unknown, field: string, pattern: RegExp, help: string) => {
    if (!pulumi.Output.isInstance(value)) v.string(value, field, { pattern, patternHelp: help });
  };
  if (route53?.zoneId !== undefined)
    id(
      route53.zoneId,
      "routing.dns.route53.zoneId",
      /^Z[A-Z0-9]{1,31}$/,
      'a hosted zone id such as "Z0123456789ABCDEFGHIJ"',
    );
  if (provider === "cloudflare") {
    if (!cf)
      v.fail("routing.dns.cloudflare", 'got undefined; { accountId, zoneId } are required with provider "cloudflare"');
    id(
      cf.accountId,
      "routing.dns.cloudflare.accountId",
      /^[0-9a-f]{32}$/,
      "a 32-character hexadecimal Cloudflare account id",
    );
    id(cf.zoneId, "routing.dns.cloudflare.zoneId", /^[0-9a-f]{32}$/, "a 32-character hexadecimal Cloudflare zone id");
    v.oneOf(cf.plan, "routing.dns.cloudflare.plan", ["pro", "business", "enterprise"] as const, { optional: true });
    v.boolean(cf.trafficSteering, "routing.dns.cloudflare.trafficSteering", { optional: true });
  }
  return {
    provider,
    zone,
    record,
    route53: route53 as ServiceDns["route53"],
    cloudflare: cf as ServiceDns["cloudflare"],
  };
}
