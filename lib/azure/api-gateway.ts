import * as azure from "@pulumi/azure-native";
import * as pulumi from "@pulumi/pulumi";
import { ApiSpec } from "../core/api";
import { shortHash, stableStringify } from "../core/hash";
import { globalName } from "../core/global-name";
import { physicalName } from "../core/naming";
import { commonTags } from "../core/tags";
import { transformsOf, withTransform } from "../core/transform";
import type { AzureApiChildren } from "./children";
import { API_KEY_HEADER, buildOpenApi } from "../openapi/document";
import { apimBackendIds, azureApiPolicy } from "./apim-policy";
import { monitoring } from "./monitoring";
import { azureGlobalNameScope } from "./global-names";
import type { ApiAlarmTarget } from "../core/alarms/targets";
import type { ApiResult } from "../core/backend";

/**
 * Azure API Management (Consumption tier: pay per call, no idle cost) in front of function apps: the API imported
 * from the generated OpenAPI document (as 3.0.3, the version APIM imports; the document uses nothing 3.1-only),
 * one Backend per function app, an API policy with CORS, `validate-jwt`, the rate limit and per-operation backend
 * selection, each app's host key as a secret named value sent by its backend, a subscription for API keys,
 * access logs through Application Insights into a Log Analytics workspace with retention, and with a domain the
 * gateway hostname with an APIM-managed certificate after its CNAME.
 */
export function createAzureApiGateway(parent: pulumi.Resource, model: ApiSpec): ApiResult {
  const transforms = transformsOf<AzureApiChildren>(model.transform);
  const name = model.name;
  const location = model.placement.region!;
  const tags = commonTags("azure", "ApiGateway");
  const opts = (): pulumi.CustomResourceOptions => ({ parent });

  const group = new azure.resources.ResourceGroup(
    ...withTransform(
      transforms,
      "resourceGroup",
      `${name}-rg`,
      {
        resourceGroupName: physicalName("azureResourceGroup", name, "api"),
        location,
        tags,
      } satisfies azure.resources.ResourceGroupArgs,
      opts(),
    ),
  );

  // API Management names are worldwide (the service is <name>.azure-api.net) and kept 48 hours after deletion by
  // soft delete (https://learn.microsoft.com/azure/api-management/soft-delete): lib/core/global-name.ts.
  const serviceName = globalName("azureApim", azureGlobalNameScope(name, parent), name);
  const domain = model.domain;
  const dependsOn: pulumi.Resource[] = [];
  if (domain?.zoneResourceGroup) {
    // APIM checks that the hostname is a CNAME to its default host before it accepts it; that host is known
    // from the service name, so the record is created first.
    // Never the apex: the managed certificate refuses root domain names (lib/core/api/validate.ts).
    const relative = domain.name.slice(0, -(domain.zone.length + 1));
    // The managed certificate also needs the domain's ownership shown by a TXT record apimuid.<host> holding the
    // subscription's domain ownership identifier ("Get Domain Ownership Identifier", subscription-wide, so it is known
    // before the service exists: https://learn.microsoft.com/azure/api-management/configure-custom-domain#txt-record).
    const ownership = azure.apimanagement.getApiManagementServiceDomainOwnershipIdentifierOutput({ parent });
    dependsOn.push(
      new azure.dns.RecordSet(
        ...withTransform(
          transforms,
          "ownershipRecord",
          `${name}-ownership-record`,
          {
            resourceGroupName: domain.zoneResourceGroup,
            zoneName: domain.zone,
            relativeRecordSetName: `apimuid.${relative}`,
            recordType: "TXT",
            ttl: 300,
            txtRecords: [{ value: [ownership.domainOwnershipIdentifier] }],
          } satisfies azure.dns.RecordSetArgs,
          opts(),
        ),
      ),
    );
    dependsOn.push(
      new azure.dns.RecordSet(
        ...withTransform(
          transforms,
          "record",
          `${name}-record`,
          {
            resourceGroupName: domain.zoneResourceGroup,
            zoneName: domain.zone,
            relativeRecordSetName: relative,
            recordType: "CNAME",
            ttl: 300,
            cnameRecord: { cname: pulumi.interpolate`${serviceName}.azure-api.net` },
          } satisfies azure.dns.RecordSetArgs,
          opts(),
        ),
      ),
    );
  }

  const service = new azure.apimanagement.ApiManagementService(
    ...withTransform(
      transforms,
      "service",
      `${name}-apim`,
      {
        serviceName,
        resourceGroupName: group.name,
        location,
        sku: { name: "Consumption", capacity: 0 },
        publisherName: model.info.title,
        publisherEmail: `api-admin@${domain?.zone ?? "example.com"}`,
        identity: { type: "SystemAssigned" },
        // Microsoft: the managed certificate "can only be configured when updating an existing API Management instance,
        // not when creating an instance" (MicrosoftDocs/azure-docs articles/api-management/configure-custom-domain.md,
        // Managed tab, Limitations): a new gateway with `domain` needs two deploys (docs/api-gateway.md, Limits).
        hostnameConfigurations: domain
          ? [
              {
                type: "Proxy",
                hostName: domain.name,
                certificateSource: "Managed",
                defaultSslBinding: true,
                negotiateClientCertificate: false,
              },
            ]
          : undefined,
        tags,
      } satisfies azure.apimanagement.ApiManagementServiceArgs,
      { parent, dependsOn },
    ),
  );

  const backendIds = apimBackendIds(model);
  // A function app that is not public answers only with a function key (auth level "function"): the gateway
  // sends the app's default host key, kept in a secret named value, on every backend call. Read after the app
  // exists (host keys are missing until the host has started: pulumi/pulumi-azure-native#3884, Azure/azure-functions-host#5722); the master key is never used.
  const keyIds = backendIds.map((id) => `${id}-key`.slice(0, 80));
  const keys = model.functions.map((fn, i) => {
    const hostKeys = azure.web.listWebAppHostKeysOutput(
      { name: fn.azure!.appName, resourceGroupName: fn.azure!.resourceGroupName },
      { parent, dependsOn: [fn.resource] },
    );
    const namedValueId = keyIds[i];
    return new azure.apimanagement.NamedValue(
      ...withTransform(
        transforms,
        "namedValue",
        `${name}-${fn.name}-key`,
        {
          namedValueId,
          displayName: namedValueId,
          serviceName: service.name,
          resourceGroupName: group.name,
          secret: true,
          value: pulumi.secret(
            hostKeys.apply((k) => {
              const key = k.functionKeys?.["default"];
              if (!key)
                throw new Error(
                  `function app of "${fn.name}" has no default host key yet; run \`pulumi up\` again once the app has started`,
                );
              return key;
            }),
          ),
        } satisfies azure.apimanagement.NamedValueArgs,
        opts(),
      ),
    );
  });
  const backends = model.functions.map(
    (fn, i) =>
      new azure.apimanagement.Backend(
        ...withTransform(
          transforms,
          "backend",
          `${name}-${fn.name}-backend`,
          {
            backendId: backendIds[i],
            serviceName: service.name,
            resourceGroupName: group.name,
            title: fn.name,
            protocol: "http",
            url: fn.azure!.baseUrl,
            resourceId: pulumi.interpolate`https://management.azure.com${fn.azure!.appId}`,
            tls: { validateCertificateChain: true, validateCertificateName: true },
            credentials: { header: { "x-functions-key": [`{{${keyIds[i]}}}`] } },
          } satisfies azure.apimanagement.BackendArgs,
          { parent, dependsOn: [keys[i]] },
        ),
      ),
  );

  // With cors, `ANY` brings no OPTIONS operation: the API-scope cors policy answers preflights
  // (https://learn.microsoft.com/azure/api-management/cors-policy), and an imported OPTIONS operation would send them
  // on to the backend past it, where a private function app answers 401 without its key (issue 15 item 11).
  const preflightByGateway = model.cors !== undefined;
  const document = { ...buildOpenApi(model, undefined, { preflightByGateway }), openapi: "3.0.3" };
  const apiId = "api";
  const api = new azure.apimanagement.Api(
    ...withTransform(
      transforms,
      "api",
      `${name}-api`,
      {
        apiId,
        serviceName: service.name,
        resourceGroupName: group.name,
        displayName: model.info.title,
        description: `Imported from the generated OpenAPI document (sha ${shortHash(stableStringify(document))})`,
        path: "",
        protocols: ["https"],
        format: "openapi+json",
        value: stableStringify(document),
        serviceUrl: model.functions[0].azure!.baseUrl,
        subscriptionRequired: model.auth?.kind === "apiKey",
        subscriptionKeyParameterNames: { header: API_KEY_HEADER, query: "api-key" },
      } satisfies azure.apimanagement.ApiArgs,
      opts(),
    ),
  );

  new azure.apimanagement.ApiPolicy(
    ...withTransform(
      transforms,
      "policy",
      `${name}-policy`,
      {
        apiId: api.name,
        serviceName: service.name,
        resourceGroupName: group.name,
        policyId: "policy",
        format: "rawxml",
        value: azureApiPolicy(model),
      } satisfies azure.apimanagement.ApiPolicyArgs,
      { parent, dependsOn: backends },
    ),
  );

  if (model.auth?.kind === "apiKey") {
    new azure.apimanagement.Subscription(
      ...withTransform(
        transforms,
        "subscription",
        `${name}-key`,
        {
          sid: "default",
          serviceName: service.name,
          resourceGroupName: group.name,
          displayName: `${model.info.title} default key`,
          scope: pulumi.interpolate`/apis/${api.name}`,
          state: "active",
        } satisfies azure.apimanagement.SubscriptionArgs,
        opts(),
      ),
    );
  }

  let alarmTarget: ApiAlarmTarget = {};
  if (model.accessLogs.enabled) {
    // The same workspace and Application Insights as a function's (lib/azure/monitoring.ts): one retention rule.
    const { insights } = monitoring(name, {
      parts: [name],
      resourceGroupName: group.name,
      location,
      retentionDays: model.accessLogs.retentionDays!,
      tags,
      parent,
      transform: transforms,
    });
    const logger = new azure.apimanagement.Logger(
      ...withTransform(
        transforms,
        "logger",
        `${name}-logger`,
        {
          loggerId: "appinsights",
          serviceName: service.name,
          resourceGroupName: group.name,
          loggerType: "applicationInsights",
          resourceId: insights.id,
          credentials: { connectionString: pulumi.secret(insights.connectionString) },
        } satisfies azure.apimanagement.LoggerArgs,
        opts(),
      ),
    );
    new azure.apimanagement.ApiDiagnostic(
      ...withTransform(
        transforms,
        "diagnostic",
        `${name}-diagnostic`,
        {
          diagnosticId: "applicationinsights",
          apiId: api.name,
          serviceName: service.name,
          resourceGroupName: group.name,
          loggerId: logger.id,
          alwaysLog: "allErrors",
          logClientIp: true,
          httpCorrelationProtocol: "W3C",
          verbosity: "information",
          sampling: { samplingType: "fixed", percentage: 100 },
        } satisfies azure.apimanagement.ApiDiagnosticArgs,
        opts(),
      ),
    );
    // Every request is in this Application Insights: the request alarms query it.
    alarmTarget = { azure: { region: location, resourceGroupName: group.name, insightsId: insights.id } };
  }

  const url = domain ? pulumi.output(`https://${domain.name}`) : service.gatewayUrl;
  return { url, alarmTarget };
}
