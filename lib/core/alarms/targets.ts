import * as pulumi from "@pulumi/pulumi";

/**
 * What each cloud's expansion hands to the alarms: the native ids the metrics are filtered by. Kept here, with
 * no SDK type, so components pass them from their cloud expansion to `lib/<cloud>/alarms.ts`.
 */
export interface ApiAlarmTarget {
  readonly aws?: { readonly region: string; readonly apiId: pulumi.Output<string> };
  readonly gcp?: { readonly project: pulumi.Input<string>; readonly gatewayId: pulumi.Input<string> };
  readonly azure?: {
    readonly region: string;
    readonly resourceGroupName: pulumi.Input<string>;
    readonly insightsId: pulumi.Input<string>;
  };
}

/** One region of a MultiRegionService. */
export interface ServiceRegionAlarmTarget {
  /** Placement label used in child names, e.g. `use1`. */
  readonly label: string;
  readonly aws?: {
    readonly region: string;
    readonly loadBalancerArnSuffix: pulumi.Output<string>;
    readonly targetGroupArnSuffix: pulumi.Output<string>;
  };
  readonly gcp?: {
    readonly region: string;
    readonly project: pulumi.Input<string>;
    readonly serviceName: pulumi.Input<string>;
  };
  readonly azure?: { readonly region: string };
}

/** The health-checked endpoints of a FailoverDns. */
export interface DnsAlarmTarget {
  readonly route53?: { readonly id: string; readonly healthCheckId: pulumi.Output<string> }[];
  readonly cloudflare?: { readonly accountId: pulumi.Input<string>; readonly poolIds: pulumi.Input<string>[] };
  readonly trafficManager?: {
    readonly resourceGroupName: pulumi.Input<string>;
    /** Location of the shared action group's resource group if this component creates it. */
    readonly location: string;
    readonly profileId: pulumi.Input<string>;
    readonly endpoints: { readonly id: string; readonly name: string }[];
  };
  readonly gcp?: {
    readonly project: pulumi.Input<string>;
    readonly endpoints: {
      readonly id: string;
      readonly host: pulumi.Input<string>;
      readonly path: string;
      readonly port: number;
      readonly protocol: "HTTPS" | "HTTP" | "TCP";
      readonly validateSsl: boolean;
    }[];
  };
}

/** The global front of a MultiRegionService when it is not DNS (whose health FailoverDns alarms on). */
export interface ServiceFrontAlarmTarget {
  /** Google's global external load balancer: its URL map's request metrics. */
  readonly gcp?: { readonly project: pulumi.Input<string>; readonly urlMapName: pulumi.Input<string> };
  /** Azure Front Door: the profile's metrics. */
  readonly azure?: {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly profileId: pulumi.Input<string>;
    readonly origins: { readonly id: string; readonly name: pulumi.Input<string> }[];
  };
}
