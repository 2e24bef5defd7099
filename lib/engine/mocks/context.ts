import { shortHash, sha256 } from "../../core/hash";

/** What every mock generator may read: the recording's identity and default locations. */
export interface MockContext {
  project: string;
  stack: string;
  /** Stack config as given to the recording (namespaced keys). */
  config: Record<string, string>;
  /** Inputs of explicit provider resources, by the provider id the mocks gave them. */
  providers: Map<string, Record<string, unknown>>;
}

export const AWS_ACCOUNT_ID = "123456789012";
export const GCP_PROJECT_NUMBER = "481516234200";
export const AZURE_SUBSCRIPTION_ID = "6a1e2c3d-4b5f-4a7e-9c1d-2e3f4a5b6c7d";
export const AZURE_TENANT_ID = "0f1e2d3c-4b5a-4697-8877-665544332211";
export const CLOUDFLARE_ACCOUNT_ID = "0123456789abcdef0123456789abcdef";

/** The provider's inputs for a resource that names an explicit provider (`urn::id`), else undefined. */
export function providerInputs(ctx: MockContext, provider: string | undefined): Record<string, unknown> | undefined {
  if (!provider) return undefined;
  const id = provider.slice(provider.lastIndexOf("::") + 2);
  return ctx.providers.get(id);
}

/** A plain string input, unwrapping a secret marker; undefined for anything else. */
export function str(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "value" in (value as object))
    return str((value as { value: unknown }).value);
  return undefined;
}

/** Deterministic hex of a given length from a seed. */
export function hex(seed: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += sha256(`${seed}#${i}`);
  return out.slice(0, length);
}

/** Deterministic lowercase alphanumerics. */
export function alnum(seed: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += shortHash(`${seed}#${i}`, 12);
  return out.slice(0, length);
}

/** Deterministic RFC 4122-shaped GUID. */
export function guid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A deterministic public IPv4 address in a documentation-free but realistic range. */
export function ipv4(seed: string): string {
  const h = hex(seed, 6);
  return `34.${parseInt(h.slice(0, 2), 16)}.${parseInt(h.slice(2, 4), 16)}.${(parseInt(h.slice(4, 6), 16) % 253) + 1}`;
}

/** What Pulumi's auto-naming would give a resource with no explicit name: `<logical>-<7 hex>`. */
export function autoName(logical: string, seed: string): string {
  return `${logical}-${hex(seed, 7)}`;
}
