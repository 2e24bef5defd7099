import type { Cloud } from "../placement";
import type { Validator } from "../validate";

/**
 * On Azure every `environment` and `secrets` name becomes an app setting, and app setting names are
 * case-insensitive: the App Service API answers `Conflict` for `key` beside `KEY`
 * (https://github.com/Azure/azure-cli/issues/13673, and "Appsetting keys are case insensitive",
 * https://github.com/microsoft/azure-pipelines-tasks/issues/14689). Each secret is also a Key Vault secret, and Key
 * Vault identifies objects case-insensitively
 * (https://learn.microsoft.com/en-us/azure/key-vault/about-keys-secrets-and-certificates#object-identifiers).
 * So two names that differ only in case are one setting there: refused, naming both, before anything registers.
 * Elsewhere (Lambda, Cloud Run, Workers) environment names are case-sensitive and both are kept.
 */
export function refuseCaseOnlyDifferences(
  v: Validator,
  cloud: Cloud,
  maps: readonly (readonly [field: string, names: readonly string[]])[],
): void {
  if (cloud !== "azure") return;
  const seen = new Map<string, string>();
  for (const [field, names] of maps) {
    for (const name of names) {
      const folded = name.toLowerCase();
      const first = seen.get(folded);
      if (first !== undefined)
        v.fail(
          `${field}.${name}`,
          `${JSON.stringify(name)} and ${first} differ only in case: Azure app setting and Key Vault secret names are case-insensitive, so they would be one setting; rename one`,
        );
      seen.set(folded, `${JSON.stringify(name)} (${field})`);
    }
  }
}
