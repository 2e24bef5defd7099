import type { PolicyRule } from "../model";
import { cannotCheck, get, jsonDoc, isObject, ofType, opacity, str } from "../values";

function positive(v: unknown): boolean {
  return typeof v === "number" && v > 0;
}

export const logRetention: PolicyRule = {
  name: "log-retention",
  description:
    "Every log store sets a retention: CloudWatch log groups retentionInDays > 0 (0 or unset = never expire), Log Analytics workspaces retentionInDays, Application Insights components retentionInDays or a workspace (workspaceResourceId, whose retention then applies), Cloud Logging buckets retentionDays. Why: logs kept forever cost money and keep personal data past any legitimate need; logs with no set retention are a compliance finding.",
  clouds: ["aws", "azure", "gcp"],
  scope: "resource",
  types: [
    "aws:cloudwatch/logGroup:LogGroup",
    "azure-native:operationalinsights:Workspace",
    "azure-native:applicationinsights:Component",
    "gcp:logging/projectBucketConfig:ProjectBucketConfig",
  ],
  check(r, ctx) {
    const field = {
      "aws:cloudwatch/logGroup:LogGroup": "retentionInDays",
      "azure-native:operationalinsights:Workspace": "retentionInDays",
      "azure-native:applicationinsights:Component": "retentionInDays",
      "gcp:logging/projectBucketConfig:ProjectBucketConfig": "retentionDays",
    }[r.type]!;
    const v = r.inputs[field];
    if (opacity(v)) return cannotCheck(field, v, ctx);
    if (positive(v)) return [];
    if (r.type === "azure-native:applicationinsights:Component" && r.inputs.workspaceResourceId !== undefined)
      return [];
    return [`${field} is ${v === undefined ? "unset" : String(v)}: logs never expire`];
  },
};

/** The log group a Lambda function writes to: `loggingConfig.logGroup`, else `/aws/lambda/<name>`. */
function lambdaLogGroup(inputs: Record<string, unknown>): unknown {
  const custom = get(inputs, "loggingConfig.logGroup");
  if (custom !== undefined) return custom;
  return typeof inputs.name === "string" ? `/aws/lambda/${inputs.name}` : inputs.name;
}

export const awsLogGroupsManaged: PolicyRule = {
  name: "aws-log-groups-managed",
  description:
    "Every Lambda function's log group (loggingConfig.logGroup, else /aws/lambda/<name>) and every ECS container's awslogs-group must be a LogGroup of the stack, and ECS must not set awslogs-create-group. Why: a log group the service creates implicitly never expires and escapes the log-retention policy.",
  clouds: ["aws"],
  scope: "stack",
  types: ["aws:lambda/function:Function", "aws:ecs/taskDefinition:TaskDefinition"],
  check(r, ctx) {
    const groups = new Set(
      ofType(ctx.resources, "aws:cloudwatch/logGroup:LogGroup")
        .map((g) => g.inputs.name)
        .filter((n): n is string => typeof n === "string"),
    );
    if (r.type === "aws:lambda/function:Function") {
      const group = lambdaLogGroup(r.inputs);
      if (group === undefined)
        return [
          "function has no fixed name and no loggingConfig.logGroup, so Lambda creates its log group implicitly (no retention)",
        ];
      if (typeof group !== "string") return [];
      return groups.has(group)
        ? []
        : [`log group ${group} is not created by the stack; Lambda would create it with no retention`];
    }
    if (opacity(r.inputs.containerDefinitions))
      return cannotCheck("containerDefinitions", r.inputs.containerDefinitions, ctx);
    const defs = jsonDoc(r.inputs.containerDefinitions);
    const out: string[] = [];
    for (const c of Array.isArray(defs) ? defs : []) {
      const cfg = get(c, "logConfiguration");
      if (!isObject(cfg) || cfg.logDriver !== "awslogs") continue;
      const opts = cfg.options;
      const name = str(get(c, "name")) ?? "?";
      if (str(get(opts, "awslogs-create-group")) === "true")
        out.push(`container ${name} sets awslogs-create-group: the group would be created with no retention`);
      const group = str(get(opts, "awslogs-group"));
      if (group !== undefined && !groups.has(group))
        out.push(`container ${name} logs to ${group}, which is not a LogGroup of the stack`);
    }
    return out;
  },
};

const APIM_SERVICE = "azure-native:apimanagement:ApiManagementService";

export const apiAccessLogs: PolicyRule = {
  name: "api-access-logs",
  description:
    "APIs log every request: API Gateway stages (HTTP/WebSocket apigatewayv2.Stage, REST apigateway.Stage) set accessLogSettings with a destinationArn and a format; an Azure API Management service has a Logger and a Diagnostic or ApiDiagnostic in the stack. Why: access logs are the audit trail of who called what; without them an incident cannot be investigated. (GCP API Gateway logs to Cloud Logging by itself.)",
  clouds: ["aws", "azure"],
  scope: "stack",
  types: ["aws:apigatewayv2/stage:Stage", "aws:apigateway/stage:Stage", APIM_SERVICE],
  check(r, ctx) {
    if (r.type === APIM_SERVICE) {
      const dependents = ctx.resources.filter((x) => x.dependencies.includes(r.urn));
      const hasLogger = dependents.some((x) => x.type === "azure-native:apimanagement:Logger");
      const hasDiagnostic = ctx.resources.some(
        (x) =>
          (x.type === "azure-native:apimanagement:ApiDiagnostic" ||
            x.type === "azure-native:apimanagement:Diagnostic") &&
          (x.dependencies.includes(r.urn) || dependents.some((d) => x.dependencies.includes(d.urn))),
      );
      return hasLogger && hasDiagnostic
        ? []
        : ["API Management service has no Logger with a Diagnostic/ApiDiagnostic: requests are not logged"];
    }
    const settings = r.inputs.accessLogSettings;
    if (opacity(settings)) return cannotCheck("accessLogSettings", settings, ctx);
    const dest = get(settings, "destinationArn");
    const format = get(settings, "format");
    if (dest === undefined || dest === "" || format === undefined || format === "")
      return ["stage has no accessLogSettings (destinationArn and format): requests are not logged"];
    return [];
  },
};
