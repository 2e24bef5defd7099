import { GCP_PROJECT_NUMBER, MockContext, alnum, autoName, hex, ipv4, providerInputs, str } from "./context";
import type { MockOutputs } from "./aws";

function gcpProject(ctx: MockContext, inputs: Record<string, unknown>, provider?: string): string {
  return (
    str(inputs.project) ?? str(providerInputs(ctx, provider)?.project) ?? ctx.config["gcp:project"] ?? "meridian-test"
  );
}

function gcpLocation(ctx: MockContext, inputs: Record<string, unknown>, provider?: string): string {
  return (
    str(inputs.location) ??
    str(inputs.region) ??
    str(providerInputs(ctx, provider)?.region) ??
    ctx.config["gcp:region"] ??
    "us-central1"
  );
}

/** Cloud Run's short region code in `*.a.run.app` hostnames (a stable stand-in per region). */
function runRegionCode(location: string): string {
  return `${location.replace(/[^a-z]/g, "").slice(0, 2)}`;
}

/**
 * Compute Engine resources by Pulumi type-token kind: global or regional, and the REST collection of their ids
 * (`projects/{project}/global/{collection}/{name}`, `projects/{project}/regions/{region}/{collection}/{name}`:
 * https://cloud.google.com/compute/docs/reference/rest/v1, the same ids as the pulumi-gcp "Import" sections). The
 * collection cannot be derived from the token (`sSLPolicy`, `uRLMap`, `managedSslCertificate` is an sslCertificate).
 */
const COMPUTE: Record<string, { global: boolean; collection: string }> = {
  globalAddress: { global: true, collection: "addresses" },
  address: { global: false, collection: "addresses" },
  backendService: { global: true, collection: "backendServices" },
  regionBackendService: { global: false, collection: "backendServices" },
  uRLMap: { global: true, collection: "urlMaps" },
  targetHttpsProxy: { global: true, collection: "targetHttpsProxies" },
  targetHttpProxy: { global: true, collection: "targetHttpProxies" },
  globalForwardingRule: { global: true, collection: "forwardingRules" },
  forwardingRule: { global: false, collection: "forwardingRules" },
  healthCheck: { global: true, collection: "healthChecks" },
  managedSslCertificate: { global: true, collection: "sslCertificates" },
  sSLCertificate: { global: true, collection: "sslCertificates" },
  sSLPolicy: { global: true, collection: "sslPolicies" },
  securityPolicy: { global: true, collection: "securityPolicies" },
  network: { global: true, collection: "networks" },
  firewall: { global: true, collection: "firewalls" },
  regionNetworkEndpointGroup: { global: false, collection: "networkEndpointGroups" },
  subnetwork: { global: false, collection: "subnetworks" },
  router: { global: false, collection: "routers" },
};

/** A lowercase id made from a display name, as Cloud Monitoring derives uptime check ids. */
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Mocked outputs for `gcp:*` resources: ids, self-links, service-account emails and run.app URLs. */
export function gcpResource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  ctx: MockContext,
  provider?: string,
): MockOutputs {
  const project = gcpProject(ctx, inputs, provider);
  const location = gcpLocation(ctx, inputs, provider);
  const seed = `${type}/${name}`;
  const physical = str(inputs.name) ?? autoName(name, seed);
  const [mod, rest] = type.split(":")[1].split("/");
  const kind = rest.split(":")[0];
  switch (type) {
    case "gcp:cloudfunctionsv2/function:Function": {
      const uri = `https://${physical}-${alnum(seed, 10)}-${runRegionCode(location)}.a.run.app`;
      return {
        id: `projects/${project}/locations/${location}/functions/${physical}`,
        outputs: {
          name: physical,
          project,
          location,
          state: "ACTIVE",
          url: `https://${location}-${project}.cloudfunctions.net/${physical}`,
          environment: "GEN_2",
          serviceConfig: {
            ...(inputs.serviceConfig as object),
            uri,
            service: `projects/${project}/locations/${location}/services/${physical}`,
            gcfUri: uri,
          },
        },
      };
    }
    case "gcp:cloudrunv2/service:Service": {
      const uri = `https://${physical}-${alnum(seed, 10)}-${runRegionCode(location)}.a.run.app`;
      return {
        id: `projects/${project}/locations/${location}/services/${physical}`,
        outputs: { name: physical, project, location, uri, urls: [uri], uid: hex(seed, 32) },
      };
    }
    case "gcp:serviceaccount/account:Account": {
      const accountId = str(inputs.accountId) ?? physical;
      const email = `${accountId}@${project}.iam.gserviceaccount.com`;
      return {
        id: `projects/${project}/serviceAccounts/${email}`,
        outputs: {
          email,
          name: `projects/${project}/serviceAccounts/${email}`,
          member: `serviceAccount:${email}`,
          uniqueId: String(BigInt(`0x${hex(seed, 15)}`)),
          project,
        },
      };
    }
    case "gcp:storage/bucket:Bucket":
      return {
        id: physical,
        outputs: {
          name: physical,
          url: `gs://${physical}`,
          selfLink: `https://www.googleapis.com/storage/v1/b/${physical}`,
          project,
        },
      };
    case "gcp:storage/bucketObject:BucketObject": {
      const bucket = str(inputs.bucket) ?? "bucket";
      return {
        id: `${bucket}-${physical}`,
        outputs: {
          name: physical,
          outputName: physical,
          md5hash: Buffer.from(hex(seed, 32), "hex").toString("base64"),
          crc32c: "AAAAAA==",
          generation: String(parseInt(hex(seed, 12), 16)),
          selfLink: `https://www.googleapis.com/storage/v1/b/${bucket}/o/${encodeURIComponent(physical)}`,
          mediaLink: `https://storage.googleapis.com/download/storage/v1/b/${bucket}/o/${encodeURIComponent(physical)}?alt=media`,
        },
      };
    }
    case "gcp:compute/globalAddress:GlobalAddress":
      return {
        id: `projects/${project}/global/addresses/${physical}`,
        outputs: {
          name: physical,
          address: ipv4(seed),
          selfLink: `https://www.googleapis.com/compute/v1/projects/${project}/global/addresses/${physical}`,
        },
      };
    case "gcp:apigateway/api:Api": {
      const apiId = str(inputs.apiId) ?? physical;
      return {
        id: `projects/${project}/locations/global/apis/${apiId}`,
        outputs: {
          name: `projects/${project}/locations/global/apis/${apiId}`,
          managedService: `${apiId}-${alnum(seed, 14)}.apigateway.${project}.cloud.goog`,
        },
      };
    }
    case "gcp:apigateway/apiConfig:ApiConfig": {
      const id = str(inputs.apiConfigId) ?? physical;
      return {
        id: `projects/${project}/locations/global/apis/${str(inputs.api)}/configs/${id}`,
        outputs: {
          name: `projects/${project}/locations/global/apis/${str(inputs.api)}/configs/${id}`,
          serviceConfigId: `${id}-${alnum(seed, 6)}`,
        },
      };
    }
    case "gcp:apigateway/gateway:Gateway": {
      const id = str(inputs.gatewayId) ?? physical;
      const region = str(inputs.region) ?? location;
      return {
        id: `projects/${project}/locations/${region}/gateways/${id}`,
        outputs: {
          name: `projects/${project}/locations/${region}/gateways/${id}`,
          defaultHostname: `${id}-${alnum(seed, 8)}.${runRegionCode(region)}.gateway.dev`,
        },
      };
    }
    case "gcp:dns/managedZone:ManagedZone":
      return {
        id: `projects/${project}/managedZones/${physical}`,
        outputs: {
          name: physical,
          managedZoneId: String(parseInt(hex(seed, 12), 16)),
          nameServers: ["ns-cloud-a1.googledomains.com.", "ns-cloud-a2.googledomains.com."],
        },
      };
    case "gcp:secretmanager/secret:Secret": {
      const secretId = str(inputs.secretId) ?? physical;
      return {
        id: `projects/${project}/secrets/${secretId}`,
        outputs: { secretId, name: `projects/${GCP_PROJECT_NUMBER}/secrets/${secretId}`, project },
      };
    }
    case "gcp:secretmanager/secretVersion:SecretVersion":
      return {
        id: `${str(inputs.secret)}/versions/1`,
        outputs: { name: `${str(inputs.secret)}/versions/1`, version: "1" },
      };
    case "gcp:pubsub/topic:Topic":
      return { id: `projects/${project}/topics/${physical}`, outputs: { name: physical } };
    case "gcp:pubsub/subscription:Subscription":
      return { id: `projects/${project}/subscriptions/${physical}`, outputs: { name: physical } };
  }
  if (mod === "compute") {
    const known = COMPUTE[kind];
    const fallback = `${kind[0].toLowerCase()}${kind.slice(1)}s`.replace(/^global/, "").replace(/^region/, "");
    const coll = known?.collection ?? fallback[0].toLowerCase() + fallback.slice(1);
    const scope = known?.global ? "global" : `regions/${location}`;
    const id = `projects/${project}/${scope}/${coll}/${physical}`;
    return { id, outputs: { name: physical, selfLink: `https://www.googleapis.com/compute/v1/${id}`, project } };
  }
  if (mod === "monitoring") {
    // Cloud Monitoring names: projects/{project}/notificationChannels/{number}, .../alertPolicies/{number},
    // .../uptimeCheckConfigs/{id} with the check id derived from its display name
    // (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.uptimeCheckConfigs).
    const number = String(BigInt(`0x${hex(seed, 15)}`));
    if (kind === "uptimeCheckConfig") {
      const uptimeCheckId = `${slug(str(inputs.displayName) ?? name)}-${alnum(seed, 10).toLowerCase()}`;
      const full = `projects/${project}/uptimeCheckConfigs/${uptimeCheckId}`;
      return { id: full, outputs: { name: full, uptimeCheckId, project } };
    }
    const full = `projects/${project}/${kind}s/${number}`;
    return { id: full, outputs: { name: full, project } };
  }
  if (mod === "logging") {
    // Cloud Logging ids (the pulumi-gcp "Import" sections): buckets by location, sinks and exclusions by name.
    if (kind === "projectBucketConfig") {
      const full = `projects/${project}/locations/${location}/buckets/${str(inputs.bucketId) ?? physical}`;
      return { id: full, outputs: { name: full, project, lifecycleState: "ACTIVE" } };
    }
    if (kind === "projectSink")
      return {
        id: `projects/${project}/sinks/${physical}`,
        outputs: {
          name: physical,
          project,
          writerIdentity: `serviceAccount:service-${GCP_PROJECT_NUMBER}@gcp-sa-logging.iam.gserviceaccount.com`,
        },
      };
    if (kind === "projectExclusion")
      return { id: `projects/${project}/exclusions/${physical}`, outputs: { name: physical, project } };
  }
  if (
    kind.endsWith("IamMember") ||
    kind.endsWith("IamBinding") ||
    kind.endsWith("IAMMember") ||
    kind.endsWith("IAMBinding")
  ) {
    return {
      id: `${str(inputs.name) ?? str(inputs.project) ?? project}/${str(inputs.role)}/${str(inputs.member) ?? ""}`,
      outputs: { etag: `BwY${alnum(seed, 8)}` },
    };
  }
  const collection = `${kind[0].toLowerCase()}${kind.slice(1)}s`;
  return {
    id: `projects/${project}/locations/${location}/${collection}/${physical}`,
    outputs: { name: physical, project },
  };
}

/** Mocked answers for `gcp:*` provider functions. */
export function gcpCall(
  token: string,
  inputs: Record<string, unknown>,
  ctx: MockContext,
  provider?: string,
): Record<string, unknown> | undefined {
  const project = gcpProject(ctx, inputs, provider);
  switch (token) {
    case "gcp:organizations/getProject:getProject":
      return { id: `projects/${project}`, projectId: project, number: GCP_PROJECT_NUMBER, name: project, labels: {} };
    case "gcp:organizations/getClientConfig:getClientConfig":
      return {
        id: `projects/${project}/regions/${gcpLocation(ctx, inputs, provider)}`,
        project,
        region: gcpLocation(ctx, inputs, provider),
        zone: `${gcpLocation(ctx, inputs, provider)}-a`,
        accessToken: "ya29.mock-access-token",
      };
    case "gcp:dns/getManagedZone:getManagedZone":
      return {
        id: `projects/${project}/managedZones/${str(inputs.name)}`,
        name: str(inputs.name),
        dnsName: `${str(inputs.name)?.replace(/-/g, ".")}.`,
        project,
        nameServers: ["ns-cloud-a1.googledomains.com."],
        managedZoneId: 1234,
      };
  }
  return undefined;
}
