import type { PolicyContext, PolicyResource, PolicyRule } from "../model";
import { get, isKnown, isObject, isSecret, jsonDoc, list, str } from "../values";

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
/** Values that are secrets whatever their name: connection strings with keys, URLs with passwords, private keys. */
const SECRET_VALUE = [
  /AccountKey=/i,
  /SharedAccessKey=/i,
  /(^|;)\s*Password=/i,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i,
];

/** Why a plain environment entry is a secret in the clear, or undefined when it is fine. */
export function plainSecret(name: string, value: unknown): string | undefined {
  if (isSecret(value) || !isKnown(value) || typeof value !== "string" || value === "") return undefined;
  if (REFERENCE_VALUE.some((re) => re.test(value))) return undefined;
  if (SECRET_VALUE.some((re) => re.test(value)))
    return `${name} holds a credential (key, password or private key) as a plain value`;
  if (/^(\d+|true|false)$/i.test(value)) return undefined;
  return isSecretName(name) ? `${name} looks like a secret and holds a plain value` : undefined;
}

type Entry = [name: string, value: unknown];

function mapEntries(v: unknown): Entry[] {
  return isObject(v) && isKnown(v) ? Object.entries(v) : [];
}

function pairEntries(v: unknown, nameKey = "name", valueKey = "value"): Entry[] {
  return list(v)
    .filter(isObject)
    .map((e) => [str(e[nameKey]) ?? "?", e[valueKey]] as Entry)
    .filter(([, value]) => value !== undefined);
}

/** The plain environment of each compute type, as (name, value) pairs. */
const ENVIRONMENTS: Record<string, (i: Record<string, unknown>) => Entry[]> = {
  "aws:lambda/function:Function": (i) => mapEntries(get(i, "environment.variables")),
  "gcp:cloudfunctionsv2/function:Function": (i) => [
    ...mapEntries(get(i, "serviceConfig.environmentVariables")),
    ...mapEntries(get(i, "buildConfig.environmentVariables")),
  ],
  "gcp:cloudfunctions/function:Function": (i) => [
    ...mapEntries(i.environmentVariables),
    ...mapEntries(i.buildEnvironmentVariables),
  ],
  "gcp:cloudrunv2/service:Service": (i) =>
    list(get(i, "template.containers")).flatMap((c) => pairEntries(get(c, "envs"))),
  "gcp:cloudrunv2/job:Job": (i) =>
    list(get(i, "template.template.containers")).flatMap((c) => pairEntries(get(c, "envs"))),
  "azure-native:web:WebApp": (i) => pairEntries(get(i, "siteConfig.appSettings")),
  "azure-native:web:WebAppSlot": (i) => pairEntries(get(i, "siteConfig.appSettings")),
  "azure-native:web:WebAppApplicationSettings": (i) => mapEntries(i.properties),
  "azure-native:web:WebAppApplicationSettingsSlot": (i) => mapEntries(i.properties),
  "azure-native:app:ContainerApp": (i) =>
    [...list(get(i, "template.containers")), ...list(get(i, "template.initContainers"))].flatMap((c) =>
      pairEntries(get(c, "env")),
    ),
  "aws:ecs/taskDefinition:TaskDefinition": (i) => {
    const defs = jsonDoc(i.containerDefinitions);
    return (Array.isArray(defs) ? defs : []).flatMap((c) => pairEntries(get(c, "environment")));
  },
  "cloudflare:index/workersScript:WorkersScript": (i) =>
    pairEntries(
      list(i.bindings).filter((b) => get(b, "type") === "plain_text"),
      "name",
      "text",
    ),
};

export const noPlaintextSecretsInEnvironment: PolicyRule = {
  name: "no-plaintext-secrets-in-environment",
  description:
    "Plain environment variables and app settings (Lambda, Cloud Functions, Cloud Run, App Service/Functions app settings, Container Apps env, ECS task definitions, Workers plain_text bindings) must not hold secrets: a name like *SECRET*, *PASSWORD*, *TOKEN*, *API_KEY*, *PRIVATE_KEY*, *CREDENTIALS* with a plain value (not a Pulumi secret, and not a reference such as an ARN, a Key Vault reference or a Secret Manager path; names ending in _ARN, _ID, _NAME, _URL, _TYPE... are references), or any value that is a credential by its shape (AccountKey=, SharedAccessKey=, Password=, a URL with a password, a private key). Why: environment and app settings are readable by anyone who can read the function's configuration and end up in logs and plans; secrets belong in the cloud's secret store (the component's `secrets` argument). Under `pulumi preview` @pulumi/policy hands secret values over unwrapped, so there a secret-named variable is flagged whether or not its value was a Pulumi secret.",
  clouds: ["aws", "gcp", "azure", "cloudflare"],
  scope: "resource",
  types: Object.keys(ENVIRONMENTS),
  check(r) {
    return (ENVIRONMENTS[r.type]?.(r.inputs) ?? [])
      .map(([name, value]) => plainSecret(name, value))
      .filter((m): m is string => m !== undefined);
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
    pairEntries(get(i, "configuration.secrets")).map(([n, v]) => [`configuration.secrets ${n}`, v]),
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
