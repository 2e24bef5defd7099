/**
 * Typical creation times per resource type and the deployment critical path of a plan.
 *
 * Sources:
 * terraform-aws-acm#123 and terraform-aws-apigateway-v2#33 (ACM validation), nathanpeck.com "speeding up ECS
 * deployments" (ECS steady state: default target-group checks 5 × 30 s ⇒ ≥ 2.5 min, 30-60 s when tuned),
 * microsoft/azure-container-apps #433/#1208/#868 (Container Apps environments: minutes, sometimes far more),
 * MicrosoftDocs azure-docs d1e5b7f front-door-faq.yml (Front Door: up to 20 min per operation to propagate;
 * ARM returns earlier) and the Cloudflare load-balancing quickstart. Rows marked [unverified] (VPC,
 * NAT, ALB, Cloud Run, GCP LB pieces, Container App) are estimates from general knowledge: the table uses the
 * middle of the range those sources give. These are estimates for planning and benchmarks, not guarantees.
 */

/** Seconds until the provider reports a resource of this type created (middle of the range the sources give). */
export const TYPICAL_CREATE_SECONDS: Readonly<Record<string, number>> = {
  // AWS network: "seconds-1 min" [unverified]; NAT 1-3 min [unverified].
  "aws:ec2/vpc:Vpc": 15,
  "aws:ec2/subnet:Subnet": 10,
  "aws:ec2/internetGateway:InternetGateway": 10,
  "aws:ec2/routeTable:RouteTable": 5,
  "aws:ec2/route:Route": 5,
  "aws:ec2/routeTableAssociation:RouteTableAssociation": 3,
  "aws:ec2/securityGroup:SecurityGroup": 10,
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 3,
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 3,
  "aws:ec2/eip:Eip": 5,
  "aws:ec2/natGateway:NatGateway": 120,
  // ALB to active: 2-4 min [unverified].
  "aws:lb/loadBalancer:LoadBalancer": 180,
  "aws:lb/targetGroup:TargetGroup": 10,
  "aws:lb/listener:Listener": 5,
  "aws:lb/listenerCertificate:ListenerCertificate": 5,
  // ACM: certificate request is quick; DNS validation "a few minutes once the CNAME exists" (terraform-aws-acm#123).
  "aws:acm/certificate:Certificate": 10,
  "aws:acm/certificateValidation:CertificateValidation": 180,
  // ECS: steady state with tuned checks ~30-60 s plus image pull; default checks ≥ 2.5 min (nathanpeck.com).
  "aws:ecs/cluster:Cluster": 10,
  "aws:ecs/taskDefinition:TaskDefinition": 3,
  "aws:ecs/service:Service": 120,
  "aws:cloudwatch/logGroup:LogGroup": 2,
  "aws:iam/role:Role": 5,
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 3,
  // Route 53: ~1 min to INSYNC [unverified].
  "aws:route53/record:Record": 60,
  "aws:route53/healthCheck:HealthCheck": 30,
  // GCP: Cloud Run 0.5-2 min [unverified]; LB pieces "tens of seconds each, chained" [unverified];
  // ManagedSslCertificate returns immediately (then provisions for 15-60 min outside the deployment).
  "gcp:cloudrunv2/service:Service": 75,
  "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": 10,
  "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup": 20,
  "gcp:compute/globalAddress:GlobalAddress": 15,
  "gcp:compute/backendService:BackendService": 30,
  "gcp:compute/uRLMap:URLMap": 20,
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy": 20,
  "gcp:compute/targetHttpProxy:TargetHttpProxy": 20,
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": 30,
  "gcp:compute/managedSslCertificate:ManagedSslCertificate": 10,
  "gcp:compute/sSLPolicy:SSLPolicy": 10,
  "gcp:serviceaccount/account:Account": 10,
  // Azure: environment 3-8 min (azure-container-apps #433/#1208/#868); app 1-2 min [unverified];
  // Front Door ARM operations return in minutes, edge propagation up to 20 min (front-door-faq.yml).
  "azure-native:resources:ResourceGroup": 5,
  "azure-native:operationalinsights:Workspace": 30,
  "azure-native:app:ManagedEnvironment": 330,
  "azure-native:app:ContainerApp": 90,
  "azure-native:cdn:Profile": 60,
  "azure-native:cdn:AFDEndpoint": 60,
  "azure-native:cdn:AFDOriginGroup": 60,
  "azure-native:cdn:AFDOrigin": 60,
  "azure-native:cdn:Route": 120,
  // Cloudflare: API calls return in seconds (quickstart).
  "cloudflare:index/loadBalancer:LoadBalancer": 5,
  "cloudflare:index/loadBalancerPool:LoadBalancerPool": 5,
  "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor": 5,
  "cloudflare:index/dnsRecord:DnsRecord": 5,
};

/** Seconds assumed for a provider resource type missing from the table. */
export const DEFAULT_CREATE_SECONDS = 10;

/** The part of a plan the critical path needs (structurally a `Plan` from lib/testing). */
export interface PlanGraph {
  resources: ReadonlyArray<{
    urn: string;
    type: string;
    custom: boolean;
    parent: string;
    dependencies: readonly string[];
  }>;
}

/** The estimated critical path of a deployment: its length and the resources on it, first to last. */
export interface CriticalPath {
  seconds: number;
  urns: string[];
}

/**
 * The longest chain of creation times through the plan's dependency graph: how long `pulumi up` of a fresh
 * stack takes when independent resources run in parallel (Pulumi's default parallelism is 4 × CPUs; this
 * estimate assumes enough slots). Components take no time, and a dependency on a component means a dependency
 * on everything below it (that is how Pulumi waits on `dependsOn: component`).
 *
 * @example
 * const plan = await recordPlan(program);
 * criticalPathSeconds(plan) // 545
 */
export function criticalPathSeconds(
  plan: PlanGraph,
  table: Readonly<Record<string, number>> = TYPICAL_CREATE_SECONDS,
): number {
  return criticalPath(plan, table).seconds;
}

/** Like `criticalPathSeconds`, with the resources on the path (to explain what dominates). */
export function criticalPath(
  plan: PlanGraph,
  table: Readonly<Record<string, number>> = TYPICAL_CREATE_SECONDS,
): CriticalPath {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const children = new Map<string, string[]>();
  for (const r of plan.resources) {
    if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
  }
  const customBelow = (urn: string, out: string[] = []): string[] => {
    for (const child of children.get(urn) ?? []) {
      if (byUrn.get(child)?.custom) out.push(child);
      customBelow(child, out);
    }
    return out;
  };
  const finish = new Map<string, { seconds: number; via?: string }>();
  const visiting = new Set<string>();
  const visit = (urn: string): { seconds: number; via?: string } => {
    const done = finish.get(urn);
    if (done) return done;
    const r = byUrn.get(urn);
    if (!r) return { seconds: 0 };
    if (visiting.has(urn)) throw new Error(`dependency cycle through ${urn}`);
    visiting.add(urn);
    let start = 0;
    let via: string | undefined;
    for (const dep of r.dependencies) {
      const targets = byUrn.get(dep)?.custom === false ? customBelow(dep) : [dep];
      for (const t of targets) {
        const f = visit(t).seconds;
        if (f > start) {
          start = f;
          via = t;
        }
      }
    }
    const own = r.custom ? (table[r.type] ?? DEFAULT_CREATE_SECONDS) : 0;
    const result = { seconds: start + own, via };
    visiting.delete(urn);
    finish.set(urn, result);
    return result;
  };
  let end: string | undefined;
  let total = 0;
  for (const r of plan.resources) {
    const f = visit(r.urn).seconds;
    if (f > total) {
      total = f;
      end = r.urn;
    }
  }
  const urns: string[] = [];
  for (let at = end; at; at = finish.get(at)?.via) urns.unshift(at);
  return { seconds: total, urns };
}
