import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceRegionAlarmTarget } from "../../core/alarms/targets";
import { physicalName } from "../../core/naming";
import type { RegionSpec, ServiceSpec } from "../../core/service";
import { commonTags } from "../../core/tags";
import { withTransform } from "../../core/transform";
import { GcpApi, enableApis } from "../apis";
import { gcpSecrets } from "../function-secrets";
import { GcpFront, createGcpFront } from "./front";
import { createGcpRegion } from "./region";

export interface GcpServiceResult {
  /** `address` is the run.app host name. */
  endpoints: {
    key: string;
    address: pulumi.Output<string>;
    addressKind: "hostname";
    url: pulumi.Output<string>;
    alarmTarget: ServiceRegionAlarmTarget;
  }[];
  /** The global load balancer, when it is the front. */
  front?: GcpFront;
}

/**
 * Expands the Google Cloud regions: one runtime service account for all regions (IAM is global, and the
 * default compute account is far too broad), the regional Cloud Run services, and, when it is the front, the
 * global load balancer over them.
 */
export function createGcpService(parent: pulumi.Resource, spec: ServiceSpec, regions: RegionSpec[]): GcpServiceResult {
  const labels = commonTags("gcp", "MultiRegionService");
  const behindLoadBalancer = spec.front === "gcp-lb";
  const needed: GcpApi[] = ["run", "iam"];
  if (behindLoadBalancer) needed.push("compute");
  const hasSecrets = Object.keys(spec.secrets).length > 0;
  if (hasSecrets) needed.push("secretManager");
  const apis = enableApis(`MultiRegionService "${spec.name}"`, spec.name, needed, parent, spec.transform);
  const account = new gcp.serviceaccount.Account(
    ...withTransform(
      spec.transform,
      "serviceAccount",
      `${spec.name}-sa`,
      {
        accountId: physicalName("gcpServiceAccount", spec.name),
        displayName: `MultiRegionService ${spec.name} runtime`,
      } satisfies gcp.serviceaccount.AccountArgs,
      { parent, dependsOn: apis },
    ),
  );
  // container.secrets: global secrets (automatic replication) read by the runtime account only; Cloud Run checks
  // that access when it deploys a revision, so every region waits for the grants (global resources, like the account).
  const secrets = hasSecrets
    ? gcpSecrets(
        parent,
        { name: spec.name, secrets: spec.secrets, transform: spec.transform, idPart: "container" },
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
  const front = behindLoadBalancer ? createGcpFront(parent, spec, negs, labels, apis) : undefined;
  return { endpoints, front };
}
