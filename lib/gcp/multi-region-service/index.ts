import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../../core/naming";
import type { ServiceResult } from "../../core/backend";
import type { ServiceCloudSpec } from "../../core/service";
import { commonTags } from "../../core/tags";
import { transformsOf, withTransform } from "../../core/transform";
import { GcpApi, enableApis } from "../apis";
import { gcpSecrets } from "../function-secrets";
import { accountDisplayName } from "../service-account";
import type { GcpServiceChildren } from "../children";
import { createGcpFront } from "./front";
import { createGcpRegion } from "./region";

/**
 * Expands the Google Cloud regions: one runtime service account for all regions (IAM is global, and the
 * default compute account is far too broad), the regional Cloud Run services, and, when it is the front, the
 * global load balancer over them.
 */
export function createGcpService(parent: pulumi.Resource, { service: spec, regions }: ServiceCloudSpec): ServiceResult {
  const labels = commonTags("gcp", "MultiRegionService");
  const behindLoadBalancer = spec.front === "gcp-lb";
  const needed: GcpApi[] = ["run", "iam"];
  if (behindLoadBalancer) needed.push("compute");
  const hasSecrets = Object.keys(spec.secrets).length > 0;
  if (hasSecrets) needed.push("secretManager");
  // logRetentionDays gives each region a log bucket, sink and _Default exclusion: Cloud Logging API calls
  // (https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.locations.buckets), which fail while the API is
  // disabled (https://cloud.google.com/service-usage/docs/enable-disable).
  if (spec.logRetentionGiven) needed.push("logging");
  const t = transformsOf<GcpServiceChildren>(spec.transform);
  const apis = enableApis(`MultiRegionService "${spec.name}"`, spec.name, needed, parent, t);
  const account = new gcp.serviceaccount.Account(
    ...withTransform(
      t,
      "serviceAccount",
      `${spec.name}-sa`,
      {
        accountId: physicalName("gcpServiceAccount", spec.name),
        displayName: accountDisplayName(`MultiRegionService ${spec.name} runtime`),
      } satisfies gcp.serviceaccount.AccountArgs,
      { parent, dependsOn: apis },
    ),
  );
  // container.secrets: global secrets (automatic replication) read by the runtime account only; Cloud Run checks
  // that access when it deploys a revision, so every region waits for the grants (global resources, like the account).
  const secrets = hasSecrets
    ? gcpSecrets(
        parent,
        { name: spec.name, secrets: spec.secrets, transform: t, idPart: "container" },
        account.member,
        labels,
        apis,
      )
    : { refs: [], grants: [] };
  const negs = new Map<string, gcp.compute.RegionNetworkEndpointGroup>();
  const endpoints = regions.map((region) => {
    const { service, neg } = createGcpRegion(
      parent,
      spec,
      region,
      account.email,
      labels,
      behindLoadBalancer,
      [...apis, ...secrets.grants],
      secrets.refs,
    );
    if (neg) negs.set(region.key, neg);
    const host = service.uri.apply((u) => u.replace(/^https:\/\//, "").replace(/\/$/, ""));
    return {
      key: region.key,
      address: host,
      addressKind: "hostname" as const,
      url: service.uri,
      alarmTarget: {
        label: region.label,
        gcp: { region: region.region, project: service.project, serviceName: service.name },
      },
    };
  });
  if (!behindLoadBalancer) return { endpoints };
  const front = createGcpFront(parent, spec, negs, labels, apis);
  // The load balancer is the front; the service's DNS name only maps to its anycast address (an A record).
  return {
    endpoints,
    front: {
      url: front.url,
      failoverSeconds: front.failoverSeconds,
      dns: { address: front.address.address, addressKind: front.addressKind },
      alarmTarget: front.alarmTarget,
    },
  };
}
