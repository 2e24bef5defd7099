import * as assert from "node:assert/strict";
import { Plan, dependsOn, findResources, getResource, hasResource, recordPlan, resourceCountIs } from "../lib/testing";
import { assertOpenApiOutput, usersApi } from "./support/api-program";

describe("ApiGateway on AWS (HTTP API)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(usersApi("aws:us-east-1", { throttle: { ratePerSecond: 100, burst: 200 } }));
  });

  it("creates an HTTP API with CORS", () => {
    hasResource(plan, "aws:apigatewayv2/api:Api", {
      protocolType: "HTTP",
      name: "meridian-dev-users",
      region: "us-east-1",
      corsConfiguration: { allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"] },
    });
    assert.equal(
      getResource(plan, "aws:apigatewayv2/api:Api").inputs.body,
      undefined,
      "no OpenAPI body next to Route/Integration resources",
    );
  });

  it("one AWS_PROXY integration per function, payload format 2.0", () => {
    resourceCountIs(plan, "aws:apigatewayv2/integration:Integration", 2);
    for (const i of findResources(plan, "aws:apigatewayv2/integration:Integration")) {
      assert.equal(i.inputs.integrationType, "AWS_PROXY");
      assert.equal(i.inputs.payloadFormatVersion, "2.0");
      assert.match(
        String(i.inputs.integrationUri),
        /^arn:aws:apigateway:us-east-1:lambda:path\/2015-03-31\/functions\/arn:aws:lambda:.*\/invocations$/,
      );
    }
  });

  it("one route per route key, with the JWT authorizer, targeting the right integration", () => {
    resourceCountIs(plan, "aws:apigatewayv2/route:Route", 3);
    const route = hasResource(plan, "aws:apigatewayv2/route:Route", {
      routeKey: "GET /users/{id}",
      authorizationType: "JWT",
    });
    const integ = getResource(plan, "aws:apigatewayv2/integration:Integration", "users-get-integration");
    assert.ok(dependsOn(plan, route, integ));
    const authorizer = hasResource(plan, "aws:apigatewayv2/authorizer:Authorizer", {
      authorizerType: "JWT",
      identitySources: ["$request.header.Authorization"],
      jwtConfiguration: { issuer: "https://auth.example.com/", audiences: ["users-api"] },
    });
    assert.ok(dependsOn(plan, route, authorizer));
  });

  it("$default stage with auto-deploy, access logs with retention and default throttling", () => {
    const stage = hasResource(plan, "aws:apigatewayv2/stage:Stage", {
      name: "$default",
      autoDeploy: true,
      defaultRouteSettings: { throttlingRateLimit: 100, throttlingBurstLimit: 200 },
    });
    const logs = hasResource(plan, "aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 30 });
    const settings = stage.inputs.accessLogSettings as any;
    assert.match(settings.destinationArn, /^arn:aws:logs:us-east-1:\d+:log-group:\/aws\/apigateway\//);
    assert.match(settings.format, /\$context\.requestId/);
    assert.ok(dependsOn(plan, stage, logs));
  });

  it("lambda permissions for apigateway.amazonaws.com with sourceArn executionArn/*/*", () => {
    resourceCountIs(plan, "aws:lambda/permission:Permission", 2);
    for (const p of findResources(plan, "aws:lambda/permission:Permission")) {
      assert.equal(p.inputs.principal, "apigateway.amazonaws.com");
      assert.equal(p.inputs.action, "lambda:InvokeFunction");
      assert.match(String(p.inputs.sourceArn), /^arn:aws:execute-api:us-east-1:\d+:[a-z0-9]+\/\*\/\*$/);
    }
  });

  it("domain chain: DNS-validated certificate, TLS 1.2 regional domain, API mapping, alias record", () => {
    hasResource(plan, "aws:acm/certificate:Certificate", {
      domainName: "api.example.com",
      validationMethod: "DNS",
      region: "us-east-1",
    });
    const validation = getResource(plan, "aws:acm/certificateValidation:CertificateValidation");
    const domain = hasResource(plan, "aws:apigatewayv2/domainName:DomainName", {
      domainName: "api.example.com",
      domainNameConfiguration: { endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
    });
    assert.ok(dependsOn(plan, domain, validation), "the domain waits for the issued certificate");
    const mapping = hasResource(plan, "aws:apigatewayv2/apiMapping:ApiMapping", {
      domainName: "api.example.com",
      stage: "$default",
    });
    assert.ok(dependsOn(plan, mapping, getResource(plan, "aws:apigatewayv2/stage:Stage")));
    const record = hasResource(plan, "aws:route53/record:Record", { name: "api.example.com", type: "A" });
    assert.match((record.inputs.aliases as any)[0].name, /^d-[a-z0-9]+\.execute-api\.us-east-1\.amazonaws\.com$/);
    assert.equal(plan.outputs.url, "https://api.example.com");
  });

  it("children are parented to the component; openapi output validates", async () => {
    const component = getResource(plan, "meridian:index:ApiGateway");
    for (const r of plan.resources.filter((x) => x.type.startsWith("aws:")))
      assert.equal(r.parent, component.urn, r.urn);
    await assertOpenApiOutput(plan);
  });
});
