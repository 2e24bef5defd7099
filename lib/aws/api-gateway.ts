import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ApiSpec } from "../core/api";
import { physicalName } from "../core/naming";
import { commonTags } from "../core/tags";
import { TransformsOf, transformsOf, withTransform } from "../core/transform";
import type { AwsApiChildren } from "./children";
import { validatedCertificate } from "./certificate";
import { logGroup } from "./log-group";
import type { ApiAlarmTarget } from "../core/alarms/targets";

/**
 * Access-log line of the HTTP API: one JSON object per request. `$context.requestId` is mandatory for API Gateway;
 * the integration error and latency fields make failing Lambda calls diagnosable.
 */
export const HTTP_API_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  ip: "$context.identity.sourceIp",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  routeKey: "$context.routeKey",
  path: "$context.path",
  status: "$context.status",
  protocol: "$context.protocol",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integrationLatency",
  integrationStatus: "$context.integrationStatus",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
});

/**
 * An AWS HTTP API (apigatewayv2) in front of Lambda functions: explicit Integration and Route resources (clear
 * per-route diffs; no OpenAPI `body`, which would fight them), the `$default` stage with auto-deploy, access logs
 * to a log group with retention, default route throttling, one `lambda.Permission` per function for
 * `${executionArn}/*\/*`, a JWT authorizer, CORS, and with a domain the ACM certificate (validated in Route 53),
 * the regional domain name (TLS 1.2), the API mapping and an alias record.
 */
export function createAwsApiGateway(
  parent: pulumi.Resource,
  model: ApiSpec,
): { url: pulumi.Output<string>; alarmTarget: ApiAlarmTarget } {
  const transforms = transformsOf<AwsApiChildren>(model.transform);
  const name = model.name;
  const region = model.placement.region!;
  const tags = commonTags("aws", "ApiGateway");
  const opts = (): pulumi.CustomResourceOptions => ({ parent });

  const cors = model.cors;
  const api = new aws.apigatewayv2.Api(
    ...withTransform(
      transforms,
      "api",
      `${name}-api`,
      {
        name: physicalName("awsApi", name),
        protocolType: "HTTP",
        description: `${model.info.title} ${model.info.version}`,
        version: model.info.version,
        corsConfiguration: cors
          ? {
              allowOrigins: [...cors.allowOrigins],
              allowMethods: [...cors.allowMethods],
              allowHeaders: [...cors.allowHeaders],
              maxAge: cors.maxAgeSeconds,
            }
          : undefined,
        region,
        tags,
      } satisfies aws.apigatewayv2.ApiArgs,
      opts(),
    ),
  );

  const authorizer =
    model.auth?.kind === "jwt"
      ? new aws.apigatewayv2.Authorizer(
          ...withTransform(
            transforms,
            "authorizer",
            `${name}-jwt`,
            {
              apiId: api.id,
              authorizerType: "JWT",
              name: "jwt",
              identitySources: ["$request.header.Authorization"],
              jwtConfiguration: { issuer: model.auth.issuer, audiences: [...model.auth.audiences] },
              region,
            } satisfies aws.apigatewayv2.AuthorizerArgs,
            opts(),
          ),
        )
      : undefined;

  const integrations = model.functions.map((fn) => {
    const lambda = fn.aws!;
    const integration = new aws.apigatewayv2.Integration(
      ...withTransform(
        transforms,
        "integration",
        `${name}-${fn.name}-integration`,
        {
          apiId: api.id,
          integrationType: "AWS_PROXY",
          integrationMethod: "POST",
          integrationUri: lambda.invokeArn,
          payloadFormatVersion: "2.0",
          timeoutMilliseconds: 30000,
          region,
        } satisfies aws.apigatewayv2.IntegrationArgs,
        opts(),
      ),
    );
    // `/*/*` (stage/method-path) also covers the `$default` route; `/*/*/*` would not (terraform-aws-modules/terraform-aws-apigateway-v2#41: `/*/*/*` makes
    // the `$default` route answer 500 "doesn't have permissions to call the integration").
    new aws.lambda.Permission(
      ...withTransform(
        transforms,
        "permission",
        `${name}-${fn.name}-permission`,
        {
          action: "lambda:InvokeFunction",
          function: lambda.functionName,
          principal: "apigateway.amazonaws.com",
          sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
          region,
        } satisfies aws.lambda.PermissionArgs,
        opts(),
      ),
    );
    return integration;
  });

  const routes = model.routes.map(
    (route) =>
      new aws.apigatewayv2.Route(
        ...withTransform(
          transforms,
          "route",
          `${name}-route-${route.operationId}`,
          {
            apiId: api.id,
            routeKey: route.key,
            target: pulumi.interpolate`integrations/${integrations[route.functionIndex].id}`,
            operationName: route.operationId,
            authorizationType: authorizer ? "JWT" : "NONE",
            authorizerId: authorizer?.id,
            region,
          } satisfies aws.apigatewayv2.RouteArgs,
          opts(),
        ),
      ),
  );

  routes.push(...preflightRoutes(parent, model, api, integrations, transforms));

  const logs = model.accessLogs.enabled
    ? logGroup(`${name}-access-logs`, {
        logGroupName: `/aws/apigateway/${physicalName("awsLogGroupPart", name)}`,
        region,
        retentionDays: model.accessLogs.retentionDays!,
        tags,
        parent,
        transform: transforms.logGroup,
      })
    : undefined;

  const stage = new aws.apigatewayv2.Stage(
    ...withTransform(
      transforms,
      "stage",
      `${name}-stage`,
      {
        apiId: api.id,
        name: "$default",
        autoDeploy: true,
        accessLogSettings: logs ? { destinationArn: logs.arn, format: HTTP_API_ACCESS_LOG_FORMAT } : undefined,
        // Route settings only when throttling is asked for: any `defaultRouteSettings` block makes the provider send
        // throttling limits of 0, and the API answers 429 to every request (pulumi/pulumi-aws#2363,
        // hashicorp/terraform-provider-aws#14742). Without the block the account-level limits apply.
        defaultRouteSettings: model.throttle
          ? { throttlingRateLimit: model.throttle.ratePerSecond, throttlingBurstLimit: model.throttle.burst }
          : undefined,
        region,
        tags,
      } satisfies aws.apigatewayv2.StageArgs,
      { parent, dependsOn: routes },
    ),
  );

  const alarmTarget = { aws: { region, apiId: api.id } };
  if (!model.domain) return { url: api.apiEndpoint, alarmTarget };

  const domain = model.domain;
  // A configured hosted zone id is used as is; only without one is the public zone looked up by name.
  const zoneId =
    domain.zoneId !== undefined
      ? pulumi.output(domain.zoneId)
      : aws.route53.getZoneOutput({ name: domain.zone, privateZone: false }, { parent }).zoneId;
  const { validation } = validatedCertificate(name, {
    domainName: domain.name,
    zoneId,
    region,
    tags,
    parent,
  });
  const domainName = new aws.apigatewayv2.DomainName(
    ...withTransform(
      transforms,
      "domainName",
      `${name}-domain`,
      {
        domainName: domain.name,
        domainNameConfiguration: {
          certificateArn: validation.certificateArn,
          endpointType: "REGIONAL",
          securityPolicy: "TLS_1_2",
        },
        region,
        tags,
      } satisfies aws.apigatewayv2.DomainNameArgs,
      opts(),
    ),
  );
  new aws.apigatewayv2.ApiMapping(
    ...withTransform(
      transforms,
      "apiMapping",
      `${name}-mapping`,
      {
        apiId: api.id,
        domainName: domainName.id,
        stage: stage.id,
        region,
      } satisfies aws.apigatewayv2.ApiMappingArgs,
      opts(),
    ),
  );
  new aws.route53.Record(
    ...withTransform(
      transforms,
      "record",
      `${name}-record`,
      {
        zoneId,
        name: domain.name,
        type: "A",
        aliases: [
          {
            name: domainName.domainNameConfiguration.targetDomainName,
            zoneId: domainName.domainNameConfiguration.hostedZoneId,
            evaluateTargetHealth: false,
          },
        ],
      } satisfies aws.route53.RecordArgs,
      opts(),
    ),
  );
  return { url: pulumi.output(`https://${domain.name}`), alarmTarget };
}

/**
 * Unauthenticated `OPTIONS` routes for CORS preflights, where CORS and a JWT authorizer are both set. API Gateway
 * answers preflights itself only when no route matches `OPTIONS`; an `ANY` route matches it, so the browser's
 * preflight (which carries no token) reaches the authorizer and gets 401. AWS's guidance is an `OPTIONS` route
 * without authorization, with an integration (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html;
 * an explicit method outranks `ANY` on the same path, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
 * The portable adapter answers such a preflight with 204; API Gateway adds the configured CORS headers.
 */
function preflightRoutes(
  parent: pulumi.Resource,
  model: ApiSpec,
  api: aws.apigatewayv2.Api,
  integrations: aws.apigatewayv2.Integration[],
  transforms: TransformsOf<AwsApiChildren>,
): aws.apigatewayv2.Route[] {
  if (!model.cors || model.auth?.kind !== "jwt") return [];
  const region = model.placement.region!;
  const explicitOptions = new Set(model.routes.filter((r) => r.method === "OPTIONS").map((r) => r.path));
  const seen = new Set<string>();
  const out: aws.apigatewayv2.Route[] = [];
  for (const route of model.routes) {
    if (route.method !== "ANY" || explicitOptions.has(route.path) || seen.has(route.path)) continue;
    seen.add(route.path);
    out.push(
      new aws.apigatewayv2.Route(
        ...withTransform(
          transforms,
          "route",
          `${model.name}-preflight-${route.operationId}`,
          {
            apiId: api.id,
            routeKey: `OPTIONS ${route.path}`,
            target: pulumi.interpolate`integrations/${integrations[route.functionIndex].id}`,
            operationName: `preflight-${route.operationId}`,
            authorizationType: "NONE",
            region,
          } satisfies aws.apigatewayv2.RouteArgs,
          { parent },
        ),
      ),
    );
  }
  return out;
}
