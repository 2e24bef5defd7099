import { describe } from "../errors";
import { Cloud } from "../placement";
import { AWS_REGIONS, AZURE_REGIONS, GCP_REGIONS } from "../regions";
import { Validator } from "../validate";
import { DnsProvider, DnsStrategy } from "./types";

const PROVIDER_CLOUD: Record<DnsProvider, Exclude<Cloud, "cloudflare"> | undefined> = {
  route53: "aws",
  cloudflare: undefined,
  "azure-traffic-manager": "azure",
  "gcp-cloud-dns": "gcp",
};
const REGIONS: Record<Exclude<Cloud, "cloudflare">, readonly string[]> = {
  aws: AWS_REGIONS,
  gcp: GCP_REGIONS,
  azure: AZURE_REGIONS,
};

export function endpointRegion(
  v: Validator,
  provider: DnsProvider,
  strategy: DnsStrategy,
  value: unknown,
  field: string,
): string | undefined {
  const raw = v.string(value, field, { optional: true });
  const cloud = PROVIDER_CLOUD[provider];
  const needed =
    (provider === "route53" && strategy === "latency") ||
    (provider === "azure-traffic-manager" && strategy === "latency");
  if (raw === undefined) {
    if (needed)
      v.fail(
        field,
        `missing; ${provider} latency routing needs each endpoint's ${cloud} region (e.g. ${cloud === "aws" ? '"aws:eu-west-1"' : '"azure:westeurope"'})`,
      );
    return undefined;
  }
  const sep = raw.indexOf(":");
  const [placementCloud, name] = sep < 0 ? [undefined, raw] : [raw.slice(0, sep), raw.slice(sep + 1)];
  if (placementCloud !== undefined && !["aws", "gcp", "azure"].includes(placementCloud)) {
    v.fail(
      field,
      `got ${describe(raw)}; expected a placement ("aws:eu-west-1", "gcp:europe-west1", "azure:westeurope") or a region name`,
    );
  }
  const home =
    (placementCloud as Exclude<Cloud, "cloudflare"> | undefined) ??
    (["aws", "gcp", "azure"] as const).find((c) => REGIONS[c].includes(name));
  if (!home || !REGIONS[home].includes(name))
    v.fail(
      field,
      `got ${describe(raw)}; ${describe(name)} is not a region of ${placementCloud ?? "AWS, Google Cloud or Azure"}`,
    );
  if (cloud && home !== cloud) {
    // The region only matters where the provider uses it; elsewhere any cloud's region is fine (documentation value).
    if (needed)
      v.fail(
        field,
        `got ${describe(raw)}; ${provider} latency routing needs an ${cloud} region (the one nearest the endpoint)`,
      );
    return undefined;
  }
  return name;
}
