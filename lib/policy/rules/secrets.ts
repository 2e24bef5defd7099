import type { PolicyContext, PolicyResource, PolicyRule } from "../model";
import { cannotCheck, get, isKnown, isObject, isSecret, jsonDoc, list, locate, opacity, str } from "../values";

/** Words that make a variable name a secret on their own, and two-word phrases that do. */
const SECRET_WORDS = new Set([
  "SECRET",
  "SECRETS",
  "PASSWORD",
  "PASSWORDS",
  "PASSWD",
  "PASSPHRASE",
  "TOKEN",
  "TOKENS",
  "CREDENTIAL",
  "CREDENTIALS",
  "APIKEY",
  "PRIVATEKEY",
]);
const SECRET_PAIRS = new Set([
  "API KEY",
  "PRIVATE KEY",
  "ACCESS KEY",
  "SECRET KEY",
  "SIGNING KEY",
  "ACCOUNT KEY",
  "MASTER KEY",
  "AUTH KEY",
  "ENCRYPTION KEY",
  "CLIENT SECRET",
]);
/**
 * A name ending in one of these words names a reference or a setting about a secret, not the secret:
 * `SECRETS_ARN`, `TOKEN_URL`, `API_KEY_HEADER`, `AzureWebJobsSecretStorageType`, `TOKEN_LIMIT`.
 */
const REFERENCE_SUFFIXES = new Set([
  "ARN",
  "ID",
  "IDS",
  "NAME",
  "NAMES",
  "URI",
  "URL",
  "REF",
  "PATH",
  "FILE",
  "ENDPOINT",
  "TYPE",
  "VERSION",
  "EXPIRY",
  "EXPIRES",
  "TTL",
  "HEADER",
  "LOCATION",
  "PROVIDER",
  "ISSUER",
  "AUDIENCE",
  "SOURCE",
  "MODE",
  "ENABLED",
  "BUCKET",
  "VAULT",
  "PARAMETER",
  "LIMIT",
  "COUNT",
  "SIZE",
  "TIMEOUT",
  "SECONDS",
  "LENGTH",
  "PREFIX",
  "REGION",
  "KEYVAULT",
]);

/** Upper-case words of a variable name: `dbPassword` → DB PASSWORD, `api-key` → API KEY. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

/** True when `name` looks like it holds a secret (and not a reference to one). */
export function isSecretName(name: string): boolean {
  const w = words(name);
  if (w.length === 0 || REFERENCE_SUFFIXES.has(w[w.length - 1])) return false;
  return w.some((x) => SECRET_WORDS.has(x)) || w.some((x, i) => i > 0 && SECRET_PAIRS.has(`${w[i - 1]} ${x}`));
}

/**
 * Values that point at a secret store or an identity instead of holding a secret (`managedidentity` is the
 * value of an Azure identity-based connection's `<name>__credential` setting).
 */
const REFERENCE_VALUE = [
  /^arn:aws[a-z-]*:/,
  /^@Microsoft\.KeyVault\(/i,
  /^managedidentity$/i,
  /^projects\/[^/]+\/secrets\//,
  /^https:\/\/[a-z0-9-]+\.vault\.azure\.net\//i,
  /^\{\{resolve:/,
];
/**
 * Values that are secrets whatever their name: connection strings with keys, URLs with passwords, private keys,
 * and tokens whose format their issuer documents — Stripe live secret/restricted keys `sk_live_`/`rk_live_`
 * (https://docs.stripe.com/keys), GitHub tokens `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_`/`github_pat_`
 * (https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/), AWS access
 * key ids `AKIA`/`ASIA` (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids),
 * Slack tokens `xox?-` and incoming-webhook URLs (https://api.slack.com/authentication/token-types,
 * https://api.slack.com/messaging/webhooks), Google API keys `AIza` (https://cloud.google.com/docs/authentication/api-keys).
 */
/** An AWS access key id: long-term `AKIA`, temporary `ASIA`. */
const AWS_ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const SECRET_VALUE: [RegExp, string][] = [
  [/AccountKey=/i, "a storage account key"],
  [/SharedAccessKey=/i, "a shared access key"],
  [/(^|;)\s*Password=/i, "a password"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, "a URL with a password"],
  [/^[sr]k_live_[0-9A-Za-z]{16,}$/, "a Stripe live secret key"],
  [/^(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})$/, "a GitHub token"],
  [AWS_ACCESS_KEY_ID, "an AWS access key id (half of a key pair)"],
  [/^xox[abposr]-[A-Za-z0-9-]{10,}$/, "a Slack token"],
  [/^https:\/\/hooks\.slack\.com\/(services|workflows|triggers)\/\S+$/, "a Slack webhook URL"],
  [/^AIza[0-9A-Za-z_-]{35}$/, "a Google API key"],
];
/** An AWS secret access key: 40 characters of base64 — only recognisable beside its access key id. */
const AWS_SECRET_KEY = /^[A-Za-z0-9/+]{40}$/;

/** Why a plain environment entry is a secret in the clear, or undefined when it is fine. */
export function plainSecret(name: string, value: unknown): string | undefined {
  if (isSecret(value) || !isKnown(value) || typeof value !== "string" || value === "") return undefined;
  if (REFERENCE_VALUE.some((re) => re.test(value))) return undefined;
  const shape = SECRET_VALUE.find(([re]) => re.test(value));
  if (shape) return `${name} holds a credential (${shape[1]}) as a plain value`;
  if (/^(\d+|true|false)$/i.test(value)) return undefined;
  return isSecretName(name) ? `${name} looks like a secret and holds a plain value` : undefined;
}

type Entry = [name: string, value: unknown];

/**
 * An environment container (a map, a list of name/value pairs, a task definition) that is a secret or unknown as
 * a whole. Pulumi marks a whole input secret when one value inside it is (azure-native lifts `siteConfig` with
 * `output(...).apply`, an ECS `containerDefinitions` JSON string built from a secret is one secret string), so a
 * plaintext `DB_PASSWORD` beside a secret would hide inside it: such a container is reported, not skipped.
 */
const HIDDEN = Symbol("hidden");
type Hidden = { [HIDDEN]: string; value: unknown };
const hidden = (field: string, value: unknown): Entry => [field, { [HIDDEN]: field, value } satisfies Hidden];
const isHidden = (v: unknown): v is Hidden => typeof v === "object" && v !== null && HIDDEN in v;

/** `[value, field]` for a container at `path`, the field naming where a secret sits on the way. */
function at(i: Record<string, unknown>, path: string): [unknown, string] {
  const { value, field } = locate(i, path);
  return [value, field];
}

function mapEntries(v: unknown, field: string): Entry[] {
  if (opacity(v)) return [hidden(field, v)];
  return isObject(v) ? Object.entries(v) : [];
}

function pairEntries(v: unknown, field: string, nameKey = "name", valueKey = "value"): Entry[] {
  if (opacity(v)) return [hidden(field, v)];
  return list(v).flatMap((e, i): Entry[] => {
    if (opacity(e)) return [hidden(`${field}[${i}]`, e)];
    if (!isObject(e)) return [];
    const value = e[valueKey];
    return value === undefined ? [] : [[str(e[nameKey]) ?? "?", value]];
  });
}

/** Each element of a list of containers (Cloud Run containers, Container Apps containers). */
function each(v: unknown, field: string, entries: (c: unknown, at: string) => Entry[]): Entry[] {
  if (opacity(v)) return [hidden(field, v)];
  return list(v).flatMap((c, i) => entries(c, `${field}[${i}]`));
}

/** The plain environment of each compute type, as (name, value) pairs. */
const ENVIRONMENTS: Record<string, (i: Record<string, unknown>) => Entry[]> = {
  "aws:lambda/function:Function": (i) => mapEntries(...at(i, "environment.variables")),
  "gcp:cloudfunctionsv2/function:Function": (i) => [
    ...mapEntries(...at(i, "serviceConfig.environmentVariables")),
    ...mapEntries(...at(i, "buildConfig.environmentVariables")),
  ],
  "gcp:cloudfunctions/function:Function": (i) => [
    ...mapEntries(i.environmentVariables, "environmentVariables"),
    ...mapEntries(i.buildEnvironmentVariables, "buildEnvironmentVariables"),
  ],
  "gcp:cloudrunv2/service:Service": (i) =>
    each(get(i, "template.containers"), "template.containers", (c, at) => pairEntries(get(c, "envs"), `${at}.envs`)),
  "gcp:cloudrunv2/job:Job": (i) =>
    each(get(i, "template.template.containers"), "template.template.containers", (c, at) =>
      pairEntries(get(c, "envs"), `${at}.envs`),
    ),
  "azure-native:web:WebApp": (i) => pairEntries(...at(i, "siteConfig.appSettings")),
  "azure-native:web:WebAppSlot": (i) => pairEntries(...at(i, "siteConfig.appSettings")),
  "azure-native:web:WebAppApplicationSettings": (i) => mapEntries(i.properties, "properties"),
  "azure-native:web:WebAppApplicationSettingsSlot": (i) => mapEntries(i.properties, "properties"),
  "azure-native:app:ContainerApp": (i) => [
    ...each(get(i, "template.containers"), "template.containers", (c, at) => pairEntries(get(c, "env"), `${at}.env`)),
    ...each(get(i, "template.initContainers"), "template.initContainers", (c, at) =>
      pairEntries(get(c, "env"), `${at}.env`),
    ),
  ],
  "aws:ecs/taskDefinition:TaskDefinition": (i) => {
    if (opacity(i.containerDefinitions)) return [hidden("containerDefinitions", i.containerDefinitions)];
    const defs = jsonDoc(i.containerDefinitions);
    return each(Array.isArray(defs) ? defs : [], "containerDefinitions", (c, at) =>
      pairEntries(get(c, "environment"), `${at}.environment`),
    );
  },
  "cloudflare:index/workersScript:WorkersScript": (i) =>
    opacity(i.bindings)
      ? [hidden("bindings", i.bindings)]
      : pairEntries(
          list(i.bindings).filter((b) => get(b, "type") === "plain_text"),
          "bindings",
          "name",
          "text",
        ),
};

/** Why each entry is a plain secret, a hidden container that cannot be checked, or a key pair split in two. */
function environmentFindings(entries: Entry[], ctx: PolicyContext): string[] {
  const out: string[] = [];
  for (const [name, value] of entries) {
    if (isHidden(value)) {
      out.push(
        ...cannotCheck(value[HIDDEN], value.value, ctx).map(
          (m) => `${m}; its entries cannot be checked for plaintext secrets`,
        ),
      );
      continue;
    }
    // An unknown entry (preview) could hold anything: a secret-named one cannot be shown to be a reference.
    if (opacity(value) === "unknown" && isSecretName(name)) out.push(...cannotCheck(name, value, ctx));
    const why = plainSecret(name, value);
    if (why) out.push(why);
  }
  const values = entries.map(([, v]) => v).filter((v): v is string => typeof v === "string");
  if (values.some((v) => AWS_ACCESS_KEY_ID.test(v))) {
    for (const [name, value] of entries)
      if (typeof value === "string" && AWS_SECRET_KEY.test(value) && !isSecretName(name))
        out.push(`${name} holds what looks like an AWS secret access key, beside an access key id, as a plain value`);
  }
  return out;
}

export const noPlaintextSecretsInEnvironment: PolicyRule = {
  name: "no-plaintext-secrets-in-environment",
  description:
    "Plain environment variables and app settings (Lambda, Cloud Functions, Cloud Run, App Service/Functions app settings, Container Apps env, ECS task definitions, Workers plain_text bindings) must not hold secrets: a name like *SECRET*, *PASSWORD*, *TOKEN*, *API_KEY*, *PRIVATE_KEY*, *CREDENTIALS* with a plain value (not a Pulumi secret, and not a reference such as an ARN, a Key Vault reference or a Secret Manager path; names ending in _ARN, _ID, _NAME, _URL, _TYPE... are references), or any value that is a credential by its shape (AccountKey=, SharedAccessKey=, Password=, a URL with a password, a private key). Why: environment and app settings are readable by anyone who can read the function's configuration and end up in logs and plans; secrets belong in the cloud's secret store (the component's `secrets` argument). Under `pulumi preview` @pulumi/policy hands secret values over unwrapped, so there a secret-named variable is flagged whether or not its value was a Pulumi secret.",
  clouds: ["aws", "gcp", "azure", "cloudflare"],
  scope: "resource",
  types: Object.keys(ENVIRONMENTS),
  check(r, ctx) {
    return environmentFindings(ENVIRONMENTS[r.type]?.(r.inputs) ?? [], ctx);
  },
};

/** Inputs built to carry a secret: in a plan they must be `{ "secret": true }`. */
const SECRET_SLOTS: Record<string, (i: Record<string, unknown>) => Entry[]> = {
  "aws:secretsmanager/secretVersion:SecretVersion": (i) => [
    ["secretString", i.secretString],
    ["secretBinary", i.secretBinary],
  ],
  "aws:ssm/parameter:Parameter": (i) => (i.type === "SecureString" ? [["value", i.value]] : []),
  "aws:rds/instance:Instance": (i) => [["password", i.password]],
  "aws:rds/cluster:Cluster": (i) => [["masterPassword", i.masterPassword]],
  "gcp:secretmanager/secretVersion:SecretVersion": (i) => [["secretData", i.secretData]],
  "gcp:sql/user:User": (i) => [["password", i.password]],
  "azure-native:keyvault:Secret": (i) => [["properties.value", get(i, "properties.value")]],
  "azure-native:sql:Server": (i) => [["administratorLoginPassword", i.administratorLoginPassword]],
  "azure-native:app:ContainerApp": (i) =>
    pairEntries(...at(i, "configuration.secrets")).map(([n, v]) => [`configuration.secrets ${n}`, v]),
  "azure-native:app:ManagedEnvironment": (i) => [
    [
      "appLogsConfiguration.logAnalyticsConfiguration.sharedKey",
      get(i, "appLogsConfiguration.logAnalyticsConfiguration.sharedKey"),
    ],
  ],
  "azure-native:apimanagement:NamedValue": (i) => (i.secret === true ? [["value", i.value]] : []),
  "cloudflare:index/workersScript:WorkersScript": (i) =>
    pairEntries(
      list(i.bindings).filter((b) => get(b, "type") === "secret_text"),
      "bindings",
      "name",
      "text",
    ).map(([n, v]) => [`secret_text binding ${n}`, v]),
};

export const secretInputsAreSecrets: PolicyRule = {
  name: "secret-inputs-are-pulumi-secrets",
  description:
    "Inputs made to carry a secret (Secrets Manager/Secret Manager/Key Vault secret values, SecureString parameters, database passwords, Container Apps secrets, Log Analytics shared keys, API Management secret named values, Workers secret_text bindings) must be Pulumi secrets. Why: a plain value is stored in clear in the Pulumi state and shown in plans and previews. Checked on plans (`npm run policy`); under `pulumi preview` @pulumi/policy unwraps secrets, so the pack cannot tell and skips it.",
  clouds: ["aws", "gcp", "azure", "cloudflare"],
  scope: "resource",
  types: Object.keys(SECRET_SLOTS),
  check(r: PolicyResource, ctx: PolicyContext) {
    if (!ctx.secretsVisible) return [];
    return (SECRET_SLOTS[r.type]?.(r.inputs) ?? [])
      .filter(([, v]) => typeof v === "string" && v !== "")
      .map(([field]) => `${field} is a plain value, not a Pulumi secret: it would be stored in clear in the state`);
  },
};
