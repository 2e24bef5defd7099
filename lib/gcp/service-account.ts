import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../core/naming";
import { Transform, withTransform } from "../core/transform";

/**
 * A service account's display name within IAM's limit: "The maximum length is 100 UTF-8 bytes"
 * (https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts, displayName). Display names carry
 * a component name of up to 63 characters, so a longer sentence around it must be cut.
 */
export function accountDisplayName(text: string): string {
  let out = text;
  while (Buffer.byteLength(out, "utf8") > 100) out = out.slice(0, -1);
  return out;
}

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
        displayName: accountDisplayName(args.displayName),
      } satisfies gcp.serviceaccount.AccountArgs,
      { parent: args.parent, dependsOn: args.dependsOn ?? [] },
    ),
  );
}
