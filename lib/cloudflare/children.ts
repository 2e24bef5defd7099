import type * as cloudflare from "@pulumi/cloudflare";
import { childKeys } from "../core/transform";

/**
 * The Cloudflare children of each component, keyed as `transform` names them, with the args type of each. Only
 * types come from the SDK here (`import type`), so loading this file does not load `@pulumi/cloudflare`.
 */

/** ServerlessFunction on Workers. */
export interface CloudflareFunctionChildren {
  script: cloudflare.WorkersScriptArgs;
  subdomain: cloudflare.WorkersScriptSubdomainArgs;
  customDomain: cloudflare.WorkersCustomDomainArgs;
  cronTrigger: cloudflare.WorkersCronTriggerArgs;
  queue: cloudflare.QueueArgs;
  deadLetterQueue: cloudflare.QueueArgs;
  consumer: cloudflare.QueueConsumerArgs;
}

/** ApiGateway as a generated router Worker. */
export interface CloudflareApiChildren {
  router: cloudflare.WorkersScriptArgs;
  subdomain: cloudflare.WorkersScriptSubdomainArgs;
  customDomain: cloudflare.WorkersCustomDomainArgs;
}

/** `alarms` on FailoverDns: a load-balancing health notification policy, and the notify's webhook destination. */
export interface CloudflareHealthAlarmChildren {
  alarmWebhook: cloudflare.NotificationPolicyWebhooksArgs;
  alarmHealth: cloudflare.NotificationPolicyArgs;
}

/** FailoverDns on Cloudflare Load Balancing. */
export interface CloudflareDnsChildren extends CloudflareHealthAlarmChildren {
  monitor: cloudflare.LoadBalancerMonitorArgs;
  pool: cloudflare.LoadBalancerPoolArgs;
  loadBalancer: cloudflare.LoadBalancerArgs;
}

/**
 * The Cloudflare-zone children of a MultiRegionService whose name is in a Cloudflare zone (its regions run on other
 * clouds): the public name pointing at AWS Global Accelerator.
 */
export interface CloudflareServiceChildren {
  acceleratorRecord: cloudflare.DnsRecordArgs;
}

declare module "../core/children" {
  interface FunctionChildrenByCloud {
    cloudflare: CloudflareFunctionChildren;
  }
  interface ApiChildrenByCloud {
    cloudflare: CloudflareApiChildren;
  }
  interface DnsChildrenByProvider {
    cloudflare: CloudflareDnsChildren;
  }
  interface ServiceChildrenByCloud {
    cloudflare: CloudflareServiceChildren;
  }
}

export const CLOUDFLARE_FUNCTION_CHILDREN = childKeys<CloudflareFunctionChildren>({
  script: true,
  subdomain: true,
  customDomain: true,
  cronTrigger: true,
  queue: true,
  deadLetterQueue: true,
  consumer: true,
});

export const CLOUDFLARE_API_CHILDREN = childKeys<CloudflareApiChildren>({
  router: true,
  subdomain: true,
  customDomain: true,
});

export const CLOUDFLARE_DNS_CHILDREN = childKeys<CloudflareDnsChildren>({
  monitor: true,
  pool: true,
  loadBalancer: true,
  alarmWebhook: true,
  alarmHealth: true,
});

export const CLOUDFLARE_SERVICE_CHILDREN = childKeys<CloudflareServiceChildren>({ acceleratorRecord: true });
