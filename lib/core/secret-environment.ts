import * as pulumi from "@pulumi/pulumi";
import { refuseCaseOnlyDifferences } from "./function/case-collisions";
import { describe } from "./errors";
import type { Cloud } from "./placement";
import type { Validator } from "./validate";

/** Plain and secret environment of a function or a container, validated. */
export interface SecretEnvironment {
  environment: Record<string, pulumi.Input<string>>;
  secrets: Record<string, pulumi.Input<string>>;
}

export interface SecretEnvironmentOptions {
  /** Field prefix: `""` for ServerlessFunction (`secrets.KEY`), `"container."` for MultiRegionService. */
  prefix: string;
  /** The clouds the names go to (case-only differences are refused where one of them folds case). */
  clouds: readonly Cloud[];
  /** Names the platform or Meridian sets itself. @default none */
  reserved?: RegExp;
  /** Most entries in each map. @default no limit */
  maxEntries?: number;
}

/**
 * The one validation of `environment` + `secrets` (ServerlessFunction, and `container` of MultiRegionService):
 * names are environment variable names, a secret value is never printed in an error, a name is either plain or
 * secret (both would leave which value wins to the platform), reserved names are refused, and names that differ
 * only in case are refused where the cloud folds case (case-collisions.ts).
 */
export function validateSecretEnvironment(
  v: Validator,
  environment: unknown,
  secrets: unknown,
  opts: SecretEnvironmentOptions,
): SecretEnvironment {
  const envField = `${opts.prefix}environment`;
  const secretsField = `${opts.prefix}secrets`;
  const plain = v.inputMap(environment, envField, { maxEntries: opts.maxEntries }) ?? {};
  const secret = v.inputMap(secrets, secretsField, { secret: true, maxEntries: opts.maxEntries }) ?? {};
  for (const [field, map] of [
    [envField, plain],
    [secretsField, secret],
  ] as const) {
    for (const key of Object.keys(map)) {
      if (opts.reserved?.test(key))
        v.fail(`${field}.${key}`, `${describe(key)} is reserved by the platform or by Meridian; choose another name`);
      if (field === secretsField && key in plain)
        v.fail(`${secretsField}.${key}`, "also set in environment; a name is either plain or secret");
    }
  }
  for (const cloud of new Set(opts.clouds)) {
    refuseCaseOnlyDifferences(v, cloud, [
      [envField, Object.keys(plain)],
      [secretsField, Object.keys(secret)],
    ]);
  }
  return { environment: plain, secrets: secret };
}
