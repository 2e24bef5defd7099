import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ApiSpec } from "../core/api";
import { shortHash, stableStringify } from "../core/hash";
import { physicalName } from "../core/naming";
import { commonTags } from "../core/tags";
import { transformsOf, withTransform } from "../core/transform";
import type { GcpApiChildren } from "./children";
import { buildGoogleSwagger } from "../openapi/swagger2";
import { GcpApi, enableApis } from "./apis";
import { managedCertificateName } from "./certificate-name";
import { dedicatedLogBucket } from "./log-bucket";
import { accountDisplayName } from "./service-account";
import type { ApiResult } from "../core/backend";

/** The Cloud DNS managed zone Meridian expects for a DNS zone: its name with dots as dashes (`example.com` → `example-com`). */
export function cloudDnsZoneName(zone: string): string {
  return zone.replace(/\./g, "-");
}

/**
 * Google API Gateway in front of Cloud Functions (2nd gen): a gateway service account that is the only invoker
 * of each function's Cloud Run service (functions stay private), the Api, an ApiConfig fed the generated Swagger
 * 2.0 (its id carries the document's hash: configs are immutable, so a changed document creates a new config
 * before the old one is deleted), and the Gateway in the target region. API keys enable the API's managed
 * service. A domain adds a global external Application Load Balancer with a serverless NEG on the gateway, a
 * Google-managed certificate, a TLS 1.2 SSL policy and an A record in the zone's Cloud DNS managed zone.
 */
export function createGcpApiGateway(parent: pulumi.Resource, model: ApiSpec): ApiResult {
  const transforms = transformsOf<GcpApiChildren>(model.transform);
  const name = model.name;
  const region = model.placement.region!;
  const labels = commonTags("gcp", "ApiGateway");
  const project = model.functions[0].gcp!.project;
  const needed: GcpApi[] = ["apiGateway", "serviceManagement", "serviceControl", "iam"];
  if (model.domain) needed.push("compute", "dns");
  // accessLogs.retentionDays: a log bucket, sink and _Default exclusion, Cloud Logging API calls.
  if (model.accessLogs.retentionDays !== undefined) needed.push("logging");
  const apis = enableApis(`ApiGateway "${name}"`, name, needed, parent, transforms, project);
  const opts = (): pulumi.CustomResourceOptions => ({ parent, dependsOn: apis });

  const account = new gcp.serviceaccount.Account(
    ...withTransform(
      transforms,
      "serviceAccount",
      `${name}-gateway-sa`,
      {
        accountId: physicalName("gcpServiceAccount", name, "gw"),
        displayName: accountDisplayName(`API Gateway ${name}: invokes the API's functions`),
        project,
      } satisfies gcp.serviceaccount.AccountArgs,
      opts(),
    ),
  );

  const invokers = model.functions.map(
    (fn) =>
      new gcp.cloudrunv2.ServiceIamMember(
        ...withTransform(
          transforms,
          "invoker",
          `${name}-${fn.name}-invoker`,
          {
            name: fn.gcp!.serviceName,
            location: fn.gcp!.region,
            project: fn.gcp!.project,
            role: "roles/run.invoker",
            member: account.member,
          } satisfies gcp.cloudrunv2.ServiceIamMemberArgs,
          opts(),
        ),
      ),
  );

  const apiId = physicalName("gcpApiId", name);
  const api = new gcp.apigateway.Api(
    ...withTransform(
      transforms,
      "api",
      `${name}-api`,
      {
        apiId,
        displayName: model.info.title,
        project,
        labels,
      } satisfies gcp.apigateway.ApiArgs,
      opts(),
    ),
  );

  const swagger = pulumi
    .all(model.functions.map((fn) => fn.gcp!.uri))
    .apply((uris) => stableStringify(buildGoogleSwagger(model, uris), 2));
  const configPrefix = physicalName("gcpApiId", name, "cfg").slice(0, 54).replace(/-+$/, "");
  const config = new gcp.apigateway.ApiConfig(
    ...withTransform(
      transforms,
      "apiConfig",
      `${name}-config`,
      {
        api: api.apiId,
        apiConfigId: swagger.apply((doc) => `${configPrefix}-${shortHash(doc)}`),
        displayName: `${model.info.title} ${model.info.version}`,
        openapiDocuments: [
          { document: { path: "openapi.yaml", contents: swagger.apply((doc) => Buffer.from(doc).toString("base64")) } },
        ],
        gatewayConfig: { backendConfig: { googleServiceAccount: account.email } },
        project,
        labels,
      } satisfies gcp.apigateway.ApiConfigArgs,
      opts(),
    ),
  );

  const dependsOn: pulumi.Resource[] = [...apis, ...invokers];
  if (model.auth?.kind === "apiKey") {
    // API keys are checked against the API's managed service, which must be enabled in the project.
    dependsOn.push(
      new gcp.projects.Service(
        ...withTransform(
          transforms,
          "service",
          `${name}-managed-service`,
          {
            service: api.managedService,
            project,
            disableOnDestroy: false,
          } satisfies gcp.projects.ServiceArgs,
          opts(),
        ),
      ),
    );
  }

  const gateway = new gcp.apigateway.Gateway(
    ...withTransform(
      transforms,
      "gateway",
      `${name}-gateway`,
      {
        gatewayId: physicalName("gcpApiId", name, "gw"),
        apiConfig: config.id,
        region,
        displayName: model.info.title,
        project,
        labels,
      } satisfies gcp.apigateway.GatewayArgs,
      { parent, dependsOn },
    ),
  );

  // accessLogs.retentionDays: the gateway's platform logs (requests, JWKS and Service Control queries, all under the
  // Gateway resource: https://cloud.google.com/api-gateway/docs/platform-logging) kept for exactly that long, once.
  if (model.accessLogs.retentionDays !== undefined)
    dedicatedLogBucket({
      name,
      project: gateway.project,
      region,
      retentionDays: model.accessLogs.retentionDays,
      filter: pulumi.interpolate`resource.type="apigateway.googleapis.com/Gateway" AND resource.labels.gateway_id="${gateway.gatewayId}" AND resource.labels.location="${region}"`,
      description: `Logs of ApiGateway ${name}`,
      parent,
      dependsOn: apis,
      transform: transforms,
    });

  const alarmTarget = { gcp: { project: gateway.project, gatewayId: gateway.gatewayId } };
  if (!model.domain) return { url: pulumi.interpolate`https://${gateway.defaultHostname}`, alarmTarget };

  const domain = model.domain;
  const address = new gcp.compute.GlobalAddress(
    ...withTransform(
      transforms,
      "address",
      `${name}-ip`,
      {
        name: physicalName("gcpResource", name, "ip"),
        project,
        labels,
      } satisfies gcp.compute.GlobalAddressArgs,
      opts(),
    ),
  );
  const neg = new gcp.compute.RegionNetworkEndpointGroup(
    ...withTransform(
      transforms,
      "neg",
      `${name}-neg`,
      {
        name: physicalName("gcpResource", name, "neg"),
        region,
        networkEndpointType: "SERVERLESS",
        serverlessDeployment: { platform: "apigateway.googleapis.com", resource: gateway.gatewayId },
        project,
      } satisfies gcp.compute.RegionNetworkEndpointGroupArgs,
      opts(),
    ),
  );
  const backend = new gcp.compute.BackendService(
    ...withTransform(
      transforms,
      "backendService",
      `${name}-backend`,
      {
        name: physicalName("gcpResource", name, "backend"),
        loadBalancingScheme: "EXTERNAL_MANAGED",
        protocol: "HTTPS",
        backends: [{ group: neg.id }],
        logConfig: { enable: true, sampleRate: 1 },
        project,
      } satisfies gcp.compute.BackendServiceArgs,
      opts(),
    ),
  );
  const urlMap = new gcp.compute.URLMap(
    ...withTransform(
      transforms,
      "urlMap",
      `${name}-urlmap`,
      {
        name: physicalName("gcpResource", name, "urlmap"),
        defaultService: backend.id,
        project,
      } satisfies gcp.compute.URLMapArgs,
      opts(),
    ),
  );
  const certificate = new gcp.compute.ManagedSslCertificate(
    ...withTransform(
      transforms,
      "certificate",
      `${name}-cert`,
      {
        name: managedCertificateName(name, [domain.name]),
        managed: { domains: [domain.name] },
        project,
      } satisfies gcp.compute.ManagedSslCertificateArgs,
      opts(),
    ),
  );
  const sslPolicy = new gcp.compute.SSLPolicy(
    ...withTransform(
      transforms,
      "sslPolicy",
      `${name}-tls`,
      {
        name: physicalName("gcpResource", name, "tls"),
        minTlsVersion: "TLS_1_2",
        profile: "MODERN",
        project,
      } satisfies gcp.compute.SSLPolicyArgs,
      opts(),
    ),
  );
  const proxy = new gcp.compute.TargetHttpsProxy(
    ...withTransform(
      transforms,
      "proxy",
      `${name}-https-proxy`,
      {
        name: physicalName("gcpResource", name, "https"),
        urlMap: urlMap.id,
        sslCertificates: [certificate.id],
        sslPolicy: sslPolicy.id,
        project,
      } satisfies gcp.compute.TargetHttpsProxyArgs,
      opts(),
    ),
  );
  new gcp.compute.GlobalForwardingRule(
    ...withTransform(
      transforms,
      "forwardingRule",
      `${name}-https`,
      {
        name: physicalName("gcpResource", name, "https"),
        target: proxy.id,
        ipAddress: address.address,
        portRange: "443",
        ipProtocol: "TCP",
        loadBalancingScheme: "EXTERNAL_MANAGED",
        project,
        labels,
      } satisfies gcp.compute.GlobalForwardingRuleArgs,
      opts(),
    ),
  );
  new gcp.dns.RecordSet(
    ...withTransform(
      transforms,
      "record",
      `${name}-record`,
      {
        managedZone: cloudDnsZoneName(domain.zone),
        name: `${domain.name}.`,
        type: "A",
        ttl: 300,
        rrdatas: [address.address],
        project,
      } satisfies gcp.dns.RecordSetArgs,
      opts(),
    ),
  );
  return { url: pulumi.output(`https://${domain.name}`), alarmTarget };
}
