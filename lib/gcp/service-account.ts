import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../core/naming";
import { Transform, withTransform } from "../core/transform";

/** A dedicated service account (no roles of its own): each workload gets one, so grants stay per workload. */
export function serviceAccount(
  name: string,
  args: {
    parts: string[];
    displayName: string;
    parent: pulumi.Resource;
    /** What must exist first (the IAM API). @default [] */
    dependsOn?: pulumi.Resource[];
    transform?: Transform<gcp.serviceaccount.AccountArgs>;
  },
): gcp.serviceaccount.Account {
  return new gcp.serviceaccount.Account(
    ...withTransform(
      { serviceAccount: args.transform },
      "serviceAccount",
      name,
      {
        accountId: physicalName("gcpServiceAccount", ...args.parts),
        displayName: args.displayName.slice(0, 100),
      } satisfies gcp.serviceaccount.AccountArgs,
      { parent: args.parent, dependsOn: args.dependsOn ?? [] },
    ),
  );
}
