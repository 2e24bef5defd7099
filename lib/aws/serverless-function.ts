import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CloudFunctionResult, shellQuote } from "../core/function/result";
import { deliveryAttempts } from "../core/function/retries";
import type { BuiltFunctionSpec } from "../core/backend";
import { FunctionSpec } from "../core/function/validate";
import { physicalName } from "../core/naming";
import { commonTags } from "../core/tags";
import { transformsOf, withTransform } from "../core/transform";
import type { AwsFunctionChildren } from "./children";
import { PolicyStatement, serviceRole } from "./iam";
import { logGroup } from "./log-group";
import { awsFunctionTriggers } from "./function-triggers";

/**
 * AWS expansion of a ServerlessFunction: log group (with retention, before the function), an optional Secrets
 * Manager secret, the execution role with a least-privilege inline policy, the Lambda function, a function URL
 * when `url` is set, and the schedule/queue triggers.
 */
export function createAwsFunction(parent: pulumi.Resource, fn: BuiltFunctionSpec): CloudFunctionResult {
  const name = fn.name;
  const pkg = fn.package;
  const region = fn.placement.region!;
  const tags = commonTags("aws", "ServerlessFunction");
  const functionName = physicalName("awsLambda", name);
  const t = transformsOf<AwsFunctionChildren>(fn.transform);

  const logs = logGroup(`${name}-logs`, {
    logGroupName: `/aws/lambda/${functionName}`,
    region,
    retentionDays: fn.logRetentionDays,
    tags,
    parent,
    transform: t.logGroup,
  });

  let secret: aws.secretsmanager.Secret | undefined;
  let secretValue: aws.secretsmanager.SecretVersion | undefined;
  if (Object.keys(fn.secrets).length > 0) {
    secret = new aws.secretsmanager.Secret(
      ...withTransform(
        t,
        "secret",
        `${name}-secrets`,
        {
          namePrefix: `${functionName}-secrets-`,
          description: `Secret environment of ServerlessFunction ${name}, read by its adapter at cold start`,
          region,
          tags,
        } satisfies aws.secretsmanager.SecretArgs,
        { parent },
      ),
    );
    secretValue = new aws.secretsmanager.SecretVersion(
      `${name}-secrets-value`,
      {
        secretId: secret.id,
        secretString: pulumi.secret(pulumi.jsonStringify(pulumi.output(fn.secrets))),
        region,
      },
      { parent },
    );
  }

  const queue = fn.queue ? createQueues(parent, fn, region, tags) : undefined;

  const statements: PolicyStatement[] = [
    {
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [pulumi.interpolate`${logs.arn}:*`],
    },
  ];
  if (secret)
    statements.push({
      Sid: "ReadOwnSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [secret.arn],
    });
  if (queue) {
    statements.push({
      Sid: "ConsumeOwnQueue",
      Effect: "Allow",
      Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
      Resource: [queue.queue.arn],
    });
  }
  const { role, ready: roleReady } = serviceRole(`${name}-role`, {
    services: ["lambda"],
    region,
    roleName: physicalName("awsIamRole", name, "fn"),
    statements,
    tags,
    parent,
    transform: t.role,
  });

  const variables: Record<string, pulumi.Input<string>> = { ...fn.environment };
  if (secret) variables.MERIDIAN_SECRETS_ARN = secret.arn;
  // The adapter reads the secret once per cold start, so warm instances would keep an old value until they are
  // recycled. The version id is part of the configuration instead: a new value is a new SecretVersion id, the
  // function's configuration changes, and Lambda serves the next invocations from new execution environments
  // (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html;
  // https://docs.aws.amazon.com/secretsmanager/latest/userguide/getting-started.html#term_version).
  if (secretValue) variables.MERIDIAN_SECRETS_VERSION = secretValue.versionId;
  const fnArgs: aws.lambda.FunctionArgs = {
    name: functionName,
    role: role.arn,
    runtime: fn.runtimeInfo.native.aws!,
    handler: fn.source.kind === "entry" ? "index.handler" : fn.source.handler,
    code: new pulumi.asset.FileArchive(pkg.path),
    architectures: [fn.architecture],
    memorySize: fn.memoryMb ?? 1024,
    timeout: fn.timeoutSeconds,
    environment: Object.keys(variables).length ? { variables } : undefined,
    loggingConfig: { logFormat: "JSON", logGroup: logs.name },
    region,
    tags,
  };
  // The adapter reads the secret's current version at cold start: it must exist before anything can invoke.
  const lambda = new aws.lambda.Function(
    ...withTransform(t, "function", `${name}-function`, fnArgs, {
      parent,
      dependsOn: [logs, ...roleReady, ...(secretValue ? [secretValue] : [])],
    }),
  );

  let url: pulumi.Output<string> | undefined;
  if (fn.url) {
    const fnUrl = new aws.lambda.FunctionUrl(
      ...withTransform(
        t,
        "functionUrl",
        `${name}-url`,
        {
          functionName: lambda.name,
          authorizationType: "NONE",
          invokeMode: "BUFFERED",
          region,
        } satisfies aws.lambda.FunctionUrlArgs,
        { parent },
      ),
    );
    // Public function URLs need both permissions (since October 2025); declaring them makes them part of the
    // stack, so they go away with it instead of lingering (the provider adds them on create but never removes them: `lambda.FunctionUrl` docs in pulumi/pulumi-aws).
    new aws.lambda.Permission(
      `${name}-url-invoke-url`,
      {
        function: lambda.name,
        action: "lambda:InvokeFunctionUrl",
        principal: "*",
        functionUrlAuthType: "NONE",
        region,
      },
      { parent },
    );
    new aws.lambda.Permission(
      `${name}-url-invoke`,
      {
        function: lambda.name,
        action: "lambda:InvokeFunction",
        principal: "*",
        invokedViaFunctionUrl: true,
        region,
      },
      { parent },
    );
    url = fnUrl.functionUrl;
  }

  if (queue) {
    new aws.lambda.EventSourceMapping(
      ...withTransform(
        t,
        "eventSourceMapping",
        `${name}-queue-mapping`,
        {
          eventSourceArn: queue.queue.arn,
          functionName: lambda.arn,
          batchSize: fn.queue!.batchSize,
          functionResponseTypes: ["ReportBatchItemFailures"],
          region,
        } satisfies aws.lambda.EventSourceMappingArgs,
        // Creating the mapping checks that the role may receive from the queue: the policy must exist first.
        { parent, dependsOn: roleReady },
      ),
    );
  }
  awsFunctionTriggers(parent, fn, lambda, region, tags);

  const event = JSON.stringify({
    version: "2.0",
    rawPath: "/",
    rawQueryString: "",
    headers: {},
    requestContext: { http: { method: "GET", path: "/" } },
    isBase64Encoded: false,
  });
  return {
    nativeName: lambda.name,
    url,
    queue: queue?.queue.url,
    invokeCommand: pulumi.interpolate`aws lambda invoke --region ${region} --function-name ${lambda.name} --cli-binary-format raw-in-base64-out --payload ${shellQuote(event)} /dev/stdout`,
    logsCommand: pulumi.interpolate`aws logs tail ${logs.name} --follow --region ${region}`,
    handle: { aws: { region, functionName: lambda.name, functionArn: lambda.arn, invokeArn: lambda.invokeArn } },
  };
}

/** The SQS queue a `queue` trigger consumes, with a dead-letter queue after `maxRetries` redeliveries. */
function createQueues(parent: pulumi.Resource, fn: FunctionSpec, region: string, tags: Record<string, string>) {
  const t = transformsOf<AwsFunctionChildren>(fn.transform);
  const dlq = new aws.sqs.Queue(
    ...withTransform(
      t,
      "deadLetterQueue",
      `${fn.name}-dlq`,
      {
        name: physicalName("awsSqs", fn.name, "dlq"),
        messageRetentionSeconds: 1_209_600,
        sqsManagedSseEnabled: true,
        region,
        tags,
      } satisfies aws.sqs.QueueArgs,
      { parent },
    ),
  );
  const queue = new aws.sqs.Queue(
    ...withTransform(
      t,
      "queue",
      `${fn.name}-queue`,
      {
        name: physicalName("awsSqs", fn.name, "queue"),
        // AWS recommends six times the function timeout, so a message is not redelivered while it is processed.
        visibilityTimeoutSeconds: Math.min(43_200, Math.max(30, fn.timeoutSeconds * 6)),
        sqsManagedSseEnabled: true,
        // maxReceiveCount counts the first receive too: maxRetries retries are maxRetries + 1 receives (retries.ts).
        redrivePolicy: pulumi.jsonStringify({
          deadLetterTargetArn: dlq.arn,
          maxReceiveCount: deliveryAttempts(fn.queue!.maxRetries),
        }),
        region,
        tags,
      } satisfies aws.sqs.QueueArgs,
      { parent },
    ),
  );
  return { queue, dlq };
}
