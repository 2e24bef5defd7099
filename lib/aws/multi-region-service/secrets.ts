import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../../core/naming";
import { transformsOf, withTransform } from "../../core/transform";
import type { AwsServiceChildren } from "../children";
import type { AwsRegionContext } from "./context";

/** The region's `container.secrets`: what the container definition references and what the service waits for. */
export interface RegionSecrets {
  /** `secrets` of the container definition: a name and the Secrets Manager reference its value comes from. */
  references: { name: string; valueFrom: pulumi.Output<string> }[];
  /** The secret value's version id: part of the task definition, so a new value is a new revision (a rollout). */
  versionId: pulumi.Output<string>;
  /** The secret value and the execution role's permission to read it: tasks cannot start before both exist. */
  ready: pulumi.Resource[];
}

/** Name of the region's inline policy on the shared execution role (listed by the role's exclusive policies). */
export const readSecretsPolicyName = (region: string) => `read-secrets-${region}`;

/**
 * One Secrets Manager secret per region (regions deploy independently; a secret lives in one region) holding the
 * `container.secrets` as one JSON document, its value a Pulumi secret. The container definition references each
 * key as `<secret arn>:<KEY>::` — ECS resolves it when the task starts and injects it as an environment variable,
 * so no value is in the task definition (JSON keys need Fargate platform 1.4.0+, the service runs LATEST:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html).
 * The task execution role reads it — `secretsmanager:GetSecretValue` on this secret's ARN only; no `kms:Decrypt`,
 * which is needed only for a customer managed key, and the secret uses the default aws/secretsmanager key
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html#secrets-iam,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html).
 * A value injected at start is not updated in running tasks ("If the secret is subsequently updated or rotated, the
 * container will not receive the updated value automatically", same page): the version id goes into the
 * container's environment, so a new value registers a new task definition and the service rolls its tasks.
 */
export function regionSecrets(ctx: AwsRegionContext): RegionSecrets | undefined {
  const { spec, region, parent, tags } = ctx;
  const keys = Object.keys(spec.secrets).sort();
  if (keys.length === 0) return undefined;
  const base = `${spec.name}-${region.label}`;
  const secret = new aws.secretsmanager.Secret(
    ...withTransform(
      transformsOf<AwsServiceChildren>(spec.transform),
      "secret",
      `${base}-secrets`,
      {
        // A prefix, not a name: a deleted secret keeps its name through the recovery window.
        namePrefix: `${physicalName("awsEcs", spec.name)}-secrets-`,
        description: `container.secrets of MultiRegionService ${spec.name}, injected by ECS at task start`,
        region: region.region,
        tags,
      } satisfies aws.secretsmanager.SecretArgs,
      { parent },
    ),
  );
  const value = new aws.secretsmanager.SecretVersion(
    `${base}-secrets-value`,
    {
      secretId: secret.id,
      secretString: pulumi.secret(pulumi.jsonStringify(pulumi.output(spec.secrets))),
      region: region.region,
    } satisfies aws.secretsmanager.SecretVersionArgs,
    { parent },
  );
  const read = new aws.iam.RolePolicy(
    `${base}-read-secrets`,
    {
      role: ctx.executionRole.name,
      name: readSecretsPolicyName(region.region),
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "ReadOwnSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [secret.arn] },
        ],
      }),
    } satisfies aws.iam.RolePolicyArgs,
    { parent },
  );
  return {
    references: keys.map((name) => ({ name, valueFrom: pulumi.interpolate`${secret.arn}:${name}::` })),
    versionId: value.versionId,
    ready: [value, read],
  };
}
