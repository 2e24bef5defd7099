import { awsDnsSuffix, awsPartition } from "../../core/regions";
import { AWS_ACCOUNT_ID, MockContext, alnum, str } from "./context";
import { awsRegion } from "./aws";

/** Mocked answers for `aws:*` provider functions. */
export function awsCall(
  token: string,
  inputs: Record<string, unknown>,
  ctx: MockContext,
  provider?: string,
): Record<string, unknown> | undefined {
  const region = awsRegion(ctx, inputs, provider);
  const partition = awsPartition(region);
  switch (token) {
    case "aws:index/getRegion:getRegion":
      return {
        id: region,
        name: region,
        region,
        endpoint: `ec2.${region}.${awsDnsSuffix(region)}`,
        description: region,
      };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        id: AWS_ACCOUNT_ID,
        accountId: AWS_ACCOUNT_ID,
        arn: `arn:${partition}:iam::${AWS_ACCOUNT_ID}:user/meridian-test`,
        userId: "AIDAMERIDIANTEST0001",
      };
    case "aws:index/getPartition:getPartition":
      return {
        id: partition,
        partition,
        dnsSuffix: awsDnsSuffix(region),
        reverseDnsPrefix: partition === "aws-cn" ? "cn.com.amazonaws" : "com.amazonaws",
      };
    case "aws:index/getAvailabilityZones:getAvailabilityZones": {
      // An account that opted into a Local Zone sees it listed as "available" next to the regular zones unless the
      // call filters on opt-in-status = opt-in-not-required
      // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html): the mock
      // lists one first, so a program that forgets the filter puts a subnet in it.
      const filters = Array.isArray(inputs.filters) ? (inputs.filters as { name?: string; values?: string[] }[]) : [];
      const regularOnly = filters.some(
        (f) => f.name === "opt-in-status" && f.values?.length === 1 && f.values[0] === "opt-in-not-required",
      );
      const letters = ["a", "b", "c"];
      const names = letters.map((l) => `${region}${l}`);
      const zoneIds = letters.map((_, i) => `${region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`);
      if (!regularOnly) {
        names.unshift(`${region}-lz-1a`);
        zoneIds.unshift(`${region.replace(/-/g, "").slice(0, 4)}-lz1-az1`);
      }
      return {
        id: region,
        names,
        zoneIds,
        groupNames: [region],
        state: "available",
      };
    }
    case "aws:route53/getZone:getZone": {
      const zoneName = (str(inputs.name) ?? "example.com").replace(/\.$/, "");
      const zoneId = str(inputs.zoneId) ?? `Z${alnum(zoneName, 20).toUpperCase()}`;
      return {
        id: zoneId,
        zoneId,
        name: zoneName,
        arn: `arn:${partition}:route53:::hostedzone/${zoneId}`,
        nameServers: [`ns-1.awsdns-01.net`, `ns-2.awsdns-02.org`],
        privateZone: false,
        resourceRecordSetCount: 2,
      };
    }
  }
  return undefined;
}
