import * as pulumi from "@pulumi/pulumi";
import { shortHash } from "./hash";

/**
 * The length and character rules of one kind of physical name. A name that breaks them fails only at
 * deploy time, so every physical name Meridian sets goes through `physicalName` with one of these.
 */
export interface NameRule {
  /** Maximum length. */
  readonly max: number;
  /** Characters kept; everything else becomes `separator` (or is dropped when `separator` is ""). */
  readonly allowed: RegExp;
  /** Joins the parts, and replaces disallowed characters. */
  readonly separator: "-" | "_" | "";
  /** Lowercase the result (GCP, Azure storage, Cloudflare, DNS labels). */
  readonly lowercase: boolean;
  /** The name must start with a letter (GCP resource names, Azure storage accounts do not care). */
  readonly startWithLetter: boolean;
  /**
   * Names in a worldwide namespace (S3/GCS buckets, Azure storage accounts, Key Vaults, function apps, API
   * Management, Traffic Manager DNS labels, Front Door endpoints): set only through `globalName`
   * (lib/core/global-name.ts), whose hash also covers the cloud scope and a random seed kept in state.
   */
  readonly globallyUnique: boolean;
  /** Minimum length: a shorter name gets the hash suffix. @default 1 */
  readonly min?: number;
  /**
   * Words the name must not contain, each with what replaces it, and a prefix it must not begin with (one more
   * `m-` in front). @default none
   */
  readonly avoid?: { readonly words: RegExp; readonly replacement: string; readonly prefix: RegExp };
}

const rule = (
  max: number,
  allowed: RegExp,
  separator: NameRule["separator"],
  lowercase: boolean,
  startWithLetter = false,
  globallyUnique = false,
): NameRule => ({ max, allowed, separator, lowercase, startWithLetter, globallyUnique });

/** The naming rules of every resource kind the library names physically. */
export const NAME_RULES = {
  awsLambda: rule(64, /[A-Za-z0-9_-]/, "-", false),
  awsIamRole: rule(64, /[A-Za-z0-9+=,.@_-]/, "-", false),
  awsLogGroupPart: rule(400, /[A-Za-z0-9._/#-]/, "-", false),
  awsApi: rule(128, /[A-Za-z0-9_-]/, "-", false),
  awsLoadBalancer: rule(32, /[A-Za-z0-9-]/, "-", false, true),
  awsTargetGroup: rule(32, /[A-Za-z0-9-]/, "-", false, true),
  awsEcs: rule(255, /[A-Za-z0-9_-]/, "-", false, true),
  awsSqs: rule(80, /[A-Za-z0-9_-]/, "-", false),
  awsSchedule: rule(64, /[A-Za-z0-9._-]/, "-", false),
  awsSecret: rule(512, /[A-Za-z0-9/_+=.@-]/, "-", false),
  awsHealthCheckTag: rule(255, /[A-Za-z0-9 _.:/=+@-]/, "-", false),
  // Global Accelerator: up to 64 letters, digits, periods or hyphens, not starting or ending with either
  // (docs.aws.amazon.com/global-accelerator/latest/api/API_CreateAccelerator.html, Name).
  awsGlobalAccelerator: rule(64, /[A-Za-z0-9-]/, "-", false, true),
  awsS3Bucket: rule(63, /[a-z0-9-]/, "-", true, true, true),
  gcpResource: rule(63, /[a-z0-9-]/, "-", true, true),
  // "must be 6-30 characters long, and match the regular expression [a-z]([-a-z0-9]*[a-z0-9])"
  // (https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/create, accountId): a project and
  // stack named "a" and "b" would otherwise give "a-b-x".
  gcpServiceAccount: { ...rule(30, /[a-z0-9-]/, "-", true, true), min: 6 },
  // Bucket names "cannot begin with the "goog" prefix" and "cannot contain "google" or close misspellings, such as
  // "g00gle"" (https://cloud.google.com/storage/docs/buckets#naming): a Pulumi project `googly-app` or a function
  // `google-sync` would otherwise fail at create.
  gcpBucket: {
    ...rule(63, /[a-z0-9-]/, "-", true, true, true),
    avoid: { words: /g[o0]{2}g[l1]e/g, replacement: "ggl", prefix: /^goog/ },
  },
  gcpApiId: rule(63, /[a-z0-9-]/, "-", true, true),
  gcpSecretId: rule(255, /[A-Za-z0-9_-]/, "-", false),
  azureResourceGroup: rule(90, /[A-Za-z0-9._()-]/, "-", false),
  azureStorageAccount: rule(24, /[a-z0-9]/, "", true, false, true),
  azureFunctionApp: rule(60, /[a-z0-9-]/, "-", true, true, true),
  azureKeyVault: rule(24, /[A-Za-z0-9-]/, "-", false, true, true),
  azureGeneric: rule(63, /[A-Za-z0-9-]/, "-", false, true),
  azureContainerApp: rule(32, /[a-z0-9-]/, "-", true, true),
  // Container Apps environments: 2-60 lowercase letters, numbers and hyphens, starting with a letter (PSRule for
  // Azure, Azure.ContainerApp.EnvNaming: https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ContainerApp.EnvNaming/;
  // Microsoft.App in https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
  azureManagedEnvironment: rule(60, /[a-z0-9-]/, "-", true, true),
  // App Service plans (Microsoft.Web/serverfarms): 1-60 characters (same Microsoft page, Microsoft.Web).
  azureAppServicePlan: rule(60, /[A-Za-z0-9-]/, "-", false),
  azureApim: rule(50, /[A-Za-z0-9-]/, "-", false, true, true),
  azureFrontDoorEndpoint: rule(46, /[A-Za-z0-9-]/, "-", false, true, true),
  azureTrafficManagerDns: rule(63, /[a-z0-9-]/, "-", true, true, true),
  cloudflareWorker: rule(63, /[a-z0-9_-]/, "-", true, true),
  cloudflareLbPool: rule(63, /[A-Za-z0-9_-]/, "-", false),
  cloudflareQueue: rule(63, /[a-z0-9-]/, "-", true, true),
  azureStorageQueue: rule(63, /[a-z0-9-]/, "-", true, true),
} satisfies Record<string, NameRule>;

export type NameKind = keyof typeof NAME_RULES;

/**
 * A deterministic physical name `<project>-<stack>-<parts...>` within the rule's limits, for names unique within an
 * account, project, subscription or resource group (worldwide names go through `globalName`).
 *
 * - Stable: the same project, stack and parts always give the same name, so a redeploy never renames.
 * - Unique per stack: the project and stack are part of it.
 * - Too long: the middle is cut and an 8-character hash of the full name is appended, so two long names that
 *   share a prefix still differ (SST truncates silently instead, its issue #6723).
 *
 * @example
 * physicalName("awsLambda", "api", "users") // "meridian-dev-api-users"
 */
export function physicalName(kind: NameKind, ...parts: string[]): string {
  const r: NameRule = NAME_RULES[kind];
  if (r.globallyUnique) throw new Error(`physicalName: ${kind} is a worldwide namespace; use globalName`);
  const all = [pulumi.getProject(), pulumi.getStack(), ...parts];
  const name = nameHead(r, all, Infinity);
  const suffixLength = 8;
  if (name.length <= r.max && name.length >= (r.min ?? 1)) return name;
  const head = nameHead(r, all, r.max - suffixLength - r.separator.length);
  return `${head}${r.separator}${shortHash(all.join("/"), suffixLength)}`;
}

/**
 * The readable part of a name: the parts cleaned by the rule and joined, prefixed with `m` where the name must start
 * with a letter, cut to `room` characters without a trailing separator.
 */
export function nameHead(r: NameRule, parts: readonly string[], room: number): string {
  const sep = r.separator;
  let name = parts
    .map((p) => clean(p, r))
    .filter((p) => p.length > 0)
    .join(sep);
  if (r.avoid) name = name.replace(r.avoid.words, r.avoid.replacement);
  if ((r.startWithLetter && !/^[A-Za-z]/.test(name)) || r.avoid?.prefix.test(name)) name = `m${sep}${name}`;
  if (name.length <= room) return name;
  let head = name.slice(0, Math.max(room, 1));
  if (sep) head = head.replace(new RegExp(`\\${sep}+$`), "");
  return head;
}

function clean(part: string, r: NameRule): string {
  let s = r.lowercase ? part.toLowerCase() : part;
  s = Array.from(s)
    .map((ch) => (r.allowed.test(ch) ? ch : r.separator))
    .join("");
  if (r.separator) {
    const sep = `\\${r.separator}`;
    s = s.replace(new RegExp(`${sep}{2,}`, "g"), r.separator).replace(new RegExp(`^${sep}|${sep}$`, "g"), "");
  }
  return s;
}
