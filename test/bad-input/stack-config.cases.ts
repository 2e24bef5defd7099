import * as path from "path";
import { programFromFile } from "../../lib/testing";
import { BadInput } from "./case";

const STACK = programFromFile(path.join(__dirname, "..", "..", "stacks", "index.ts"));
/** A valid dev config (stacks/Pulumi.dev.yaml), keys without the `meridian:` namespace. */
const DEV: Record<string, unknown> = {
  environment: "dev",
  regions: ["aws:us-east-1"],
  zone: "example.com",
  domain: "dev.example.com",
  dnsProvider: "route53",
  zoneId: "Z0123456789ABCDEFGHIJ",
};

/** [title, field, config changes] for `stacks/index.ts` (loadAppConfig), beyond test/plan-cli.test.ts's cases. */
const rows: [string, string, Record<string, unknown>][] = [
  ["environment qa", "meridian:environment", { environment: "qa" }],
  ["environment upper case", "meridian:environment", { environment: "PROD" }],
  ["regions missing", "meridian:regions", { regions: undefined }],
  ["regions a plain string", "meridian:regions", { regions: "aws:us-east-1" }],
  ["regions empty", "meridian:regions", { regions: [] }],
  ["11 regions", "meridian:regions", { regions: Array.from({ length: 11 }, () => "aws:us-east-1") }],
  ["region null", "meridian:regions[0]", { regions: [null] }],
  ["region listed twice", "meridian:regions[1]", { regions: ["aws:us-east-1", "aws:us-east-1"] }],
  ["zone missing", "meridian:zone", { zone: undefined }],
  ["zone of one label", "meridian:zone", { zone: "localhost" }],
  ["unicode domain", "meridian:domain", { domain: "dév.example.com" }],
  ["domain label over 63 characters", "meridian:domain", { domain: `${"d".repeat(64)}.example.com` }],
  ["domain a number", "meridian:domain", { domain: 42 }],
  ["dns provider unknown", "meridian:dnsProvider", { dnsProvider: "godaddy" }],
  ["zone id malformed", "meridian:zoneId", { zoneId: "abc" }],
  ["image over 255 characters", "meridian:image", { image: `ghcr.io/acme/${"i".repeat(250)}` }],
  ["image a number", "meridian:image", { image: 5 }],
];

export const STACK_CONFIG_CASES: BadInput[] = rows.map(([title, field, change]) => ({
  title,
  field,
  program: STACK,
  component: "stack config",
  config: Object.fromEntries(Object.entries({ ...DEV, ...change }).map(([k, v]) => [`meridian:${k}`, v])),
}));
