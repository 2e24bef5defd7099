import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../../core/naming";
import { PUBLIC_ACCESS_LABEL } from "../../core/tags";
import type { RegionSpec, ServiceSpec } from "../../core/service";
import { transformsOf, withTransform } from "../../core/transform";
import type { GcpServiceChildren } from "../children";
import { dedicatedLogBucket } from "../log-bucket";
import type { GcpSecretRef } from "../function-secrets";

/**
 * Tries a starting container gets: at least 6 (or the health threshold when higher), but Cloud Run gives a startup
 * probe at most 240 s, "calculated as failureThreshold * periodSeconds"
 * (https://cloud.google.com/run/docs/configuring/workerpools/healthchecks, https://cloud.google.com/run/docs/configuring/
 * jobs/healthchecks; for services: PolicyEngine/policyengine-api#3764). The period is the user's interval (1-240 s).
 */
export const STARTUP_WINDOW_MAX_SECONDS = 240;
function startupFailureThreshold(periodSeconds: number, failureThreshold: number): number {
  return Math.max(1, Math.min(Math.max(failureThreshold, 6), Math.floor(STARTUP_WINDOW_MAX_SECONDS / periodSeconds)));
}

export interface GcpRegion {
  service: gcp.cloudrunv2.Service;
  /** Serverless NEG: how the global load balancer reaches this region (undefined with a DNS front). */
  neg?: gcp.compute.RegionNetworkEndpointGroup;
}

/**
 * One region on Cloud Run: the v2 service (startup, readiness and liveness probes on the health path; at least
 * `count` warm instances so the region reports health), public invocation through the disabled invoker IAM check
 * (no allUsers grant; the platform still enforces the ingress setting), and with the global load balancer a serverless NEG, while ingress admits only the load
 * balancer. With a DNS front (Cloudflare) the service takes traffic on its run.app URL instead.
 */
export function createGcpRegion(
  parent: pulumi.Resource,
  spec: ServiceSpec,
  region: RegionSpec,
  serviceAccount: pulumi.Output<string>,
  labels: Record<string, string>,
  behindLoadBalancer: boolean,
  after: pulumi.Resource[],
  secrets: GcpSecretRef[] = [],
): GcpRegion {
  const base = `${spec.name}-${region.label}`;
  const t = transformsOf<GcpServiceChildren>(spec.transform);
  const hc = spec.healthCheck;
  const httpGet = { path: hc.path, port: spec.port };
  const envs = Object.entries(region.environment)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]): gcp.types.input.cloudrunv2.ServiceTemplateContainerEnv => ({ name, value }));
  // container.secrets: references to Secret Manager versions, resolved by Cloud Run at instance start
  // (https://cloud.google.com/run/docs/configuring/services/secrets#env-var); no value is in the service.
  for (const ref of secrets) {
    envs.push({ name: ref.key, valueSource: { secretKeyRef: { secret: ref.secret, version: ref.version } } });
  }

  const service = new gcp.cloudrunv2.Service(
    ...withTransform(
      t,
      "cloudRunService",
      `${base}-run`,
      {
        name: physicalName("gcpResource", spec.name),
        location: region.region,
        ingress: behindLoadBalancer ? "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" : "INGRESS_TRAFFIC_ALL",
        // Public invocation without an allUsers grant: Domain Restricted Sharing (iam.allowedPolicyMemberDomains, one
        // of Google's secure-by-default organisation policies) refuses allUsers, and Google's "Allowing public access"
        // recommends disabling the invoker IAM check instead (https://cloud.google.com/run/docs/securing/managing-access
        // #invoker_check, https://cloud.google.com/run/docs/authenticating/public#disable-invoker). Ingress still limits
        // who reaches it (only the load balancer, behind one).
        invokerIamDisabled: true,
        deletionProtection: false,
        // Taking traffic on its run.app URL (a DNS front), the service is public on purpose: the label says so.
        labels: behindLoadBalancer ? labels : { ...labels, [PUBLIC_ACCESS_LABEL.key]: PUBLIC_ACCESS_LABEL.value },
        template: {
          serviceAccount,
          // Cloud Run's maximum instances go up to 1,000 (https://cloud.google.com/run/docs/configuring/max-instances):
          // the 10x headroom is capped there (count itself is at most 1,000).
          scaling: {
            minInstanceCount: region.count,
            maxInstanceCount: Math.min(1000, Math.max(10, region.count * 10)),
          },
          maxInstanceRequestConcurrency: 80,
          containers: [
            {
              name: "app",
              image: spec.image,
              commands: spec.command,
              ports: { containerPort: spec.port },
              envs,
              resources: {
                limits: { cpu: String(region.cpu), memory: `${region.memoryMb}Mi` },
                cpuIdle: true,
                startupCpuBoost: true,
              },
              startupProbe: {
                httpGet,
                periodSeconds: hc.intervalSeconds,
                timeoutSeconds: hc.timeoutSeconds,
                failureThreshold: startupFailureThreshold(hc.intervalSeconds, hc.failureThreshold),
              },
              readinessProbe: {
                httpGet,
                periodSeconds: hc.intervalSeconds,
                timeoutSeconds: hc.timeoutSeconds,
                failureThreshold: hc.failureThreshold,
              },
              livenessProbe: {
                httpGet,
                periodSeconds: hc.intervalSeconds * 3,
                timeoutSeconds: hc.timeoutSeconds,
                failureThreshold: hc.failureThreshold,
              },
            },
          ],
        },
      } satisfies gcp.cloudrunv2.ServiceArgs,
      { parent, dependsOn: after },
    ),
  );

  // Retention: without logRetentionDays the region's logs stay in the project's _Default bucket (30 days); given, in a
  // bucket of their own with exactly that retention, and only there (see dedicatedLogBucket).
  if (spec.logRetentionGiven)
    dedicatedLogBucket({
      name: spec.name,
      parts: [region.label],
      project: service.project,
      region: region.region,
      retentionDays: spec.logRetentionDays,
      filter: pulumi.interpolate`resource.type="cloud_run_revision" AND resource.labels.service_name="${service.name}" AND resource.labels.location="${region.region}"`,
      description: `Logs of MultiRegionService ${spec.name} in ${region.region}`,
      parent,
      dependsOn: after,
      transform: t,
    });

  if (!behindLoadBalancer) return { service };
  const neg = new gcp.compute.RegionNetworkEndpointGroup(
    ...withTransform(
      t,
      "neg",
      `${base}-neg`,
      {
        name: physicalName("gcpResource", spec.name, region.region),
        region: region.region,
        networkEndpointType: "SERVERLESS",
        cloudRun: { service: service.name },
      } satisfies gcp.compute.RegionNetworkEndpointGroupArgs,
      { parent, dependsOn: after },
    ),
  );
  return { service, neg };
}
