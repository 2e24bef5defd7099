/**
 * What the real-cloud suite deploys per cloud: the shipped examples, each with the stack config it needs (from the
 * environment, never a placeholder) and, where the example has a drain switch, how to drain its answering region.
 */
export type CloudName = "aws" | "gcp" | "azure";
export const CLOUDS: readonly CloudName[] = ["aws", "gcp", "azure"];

export interface Drain {
  /** Stack config that drains the given placement (the example reads it). */
  config(placement: string): Record<string, string>;
}

export interface CloudExample {
  /** Folder under examples/. */
  readonly dir: string;
  /** Environment variables it cannot run without (e.g. a DNS zone the account owns). */
  readonly needs: readonly string[];
  /** Stack config, given the environment. */
  config(env: NodeJS.ProcessEnv): Record<string, string>;
  readonly drain?: Drain;
}

const region = (env: NodeJS.ProcessEnv, cloud: CloudName) =>
  env[`MERIDIAN_CLOUD_${cloud.toUpperCase()}_REGION`] ??
  { aws: "us-east-1", gcp: "europe-west1", azure: "westeurope" }[cloud];

function portable(cloud: CloudName, dir: string, targetKey: string): CloudExample {
  return {
    dir,
    needs: cloud === "gcp" ? ["GOOGLE_CLOUD_PROJECT"] : [],
    config: (env) => ({
      [targetKey]: `${cloud}:${region(env, cloud)}`,
      ...(cloud === "aws" ? { "aws:region": region(env, cloud) } : {}),
      ...(cloud === "gcp" ? { "gcp:project": env.GOOGLE_CLOUD_PROJECT!, "gcp:region": region(env, cloud) } : {}),
      ...(cloud === "azure" ? { "azure-native:location": region(env, cloud) } : {}),
    }),
  };
}

/** JSON list of drained placements, the form the examples read with `config.getObject`. */
const drained = (key: string): Drain => ({ config: (placement) => ({ [key]: JSON.stringify([placement]) }) });

export const CLOUD_EXAMPLES: Record<CloudName, readonly CloudExample[]> = {
  aws: [
    portable("aws", "serverless-hello", "meridian:target"),
    portable("aws", "http-api", "meridian-http-api:target"),
    {
      dir: "multi-region-aws",
      needs: ["MERIDIAN_CLOUD_ZONE"],
      config: (env) => ({
        "aws:region": "us-east-1",
        "meridian-multi-region-aws:zone": env.MERIDIAN_CLOUD_ZONE!,
        "meridian-multi-region-aws:record": env.MERIDIAN_CLOUD_RECORD ?? `meridian-cloud-${process.pid}`,
        ...(env.MERIDIAN_CLOUD_ZONE_ID ? { "meridian-multi-region-aws:zoneId": env.MERIDIAN_CLOUD_ZONE_ID } : {}),
      }),
      drain: drained("meridian-multi-region-aws:drained"),
    },
  ],
  gcp: [
    portable("gcp", "serverless-hello", "meridian:target"),
    portable("gcp", "http-api", "meridian-http-api:target"),
    {
      dir: "global-gcp",
      needs: ["GOOGLE_CLOUD_PROJECT", "MERIDIAN_CLOUD_ZONE"],
      config: (env) => ({
        "gcp:project": env.GOOGLE_CLOUD_PROJECT!,
        "meridian-global-gcp:zone": env.MERIDIAN_CLOUD_ZONE!,
        "meridian-global-gcp:record": env.MERIDIAN_CLOUD_RECORD ?? `meridian-cloud-${process.pid}`,
      }),
    },
  ],
  azure: [
    portable("azure", "serverless-hello", "meridian:target"),
    portable("azure", "http-api", "meridian-http-api:target"),
    { dir: "frontdoor-azure", needs: [], config: () => ({}) },
  ],
};

/**
 * Why this cloud cannot be tested here, or undefined. Credentials are only looked for where each provider's
 * documented environment variables or files say they are; nothing is read from them.
 */
export function credentialGap(
  cloud: CloudName,
  env: NodeJS.ProcessEnv,
  exists: (p: string) => boolean,
): string | undefined {
  const home = env.HOME ?? "";
  switch (cloud) {
    case "aws":
      // https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html
      return env.AWS_ACCESS_KEY_ID ||
        env.AWS_PROFILE ||
        env.AWS_WEB_IDENTITY_TOKEN_FILE ||
        env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
        env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
        exists(`${home}/.aws/credentials`) ||
        exists(`${home}/.aws/config`)
        ? undefined
        : "no AWS credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE, a web identity token, or ~/.aws)";
    case "gcp":
      // https://cloud.google.com/docs/authentication/application-default-credentials
      return env.GOOGLE_APPLICATION_CREDENTIALS ||
        env.GOOGLE_CREDENTIALS ||
        exists(`${home}/.config/gcloud/application_default_credentials.json`)
        ? undefined
        : "no Google Cloud credentials (GOOGLE_APPLICATION_CREDENTIALS or gcloud application-default login)";
    case "azure":
      // https://www.pulumi.com/registry/packages/azure-native/installation-configuration/
      return (env.ARM_CLIENT_ID && env.ARM_TENANT_ID) || exists(`${home}/.azure/azureProfile.json`)
        ? undefined
        : "no Azure credentials (ARM_CLIENT_ID + ARM_TENANT_ID, or az login)";
  }
}
