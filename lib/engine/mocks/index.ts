import * as pulumi from "@pulumi/pulumi";
import { MockContext, autoName, hex } from "./context";
import { awsResource } from "./aws";
import { awsCall } from "./aws-calls";
import { azureCall, azureResource } from "./azure";
import { cloudflareCall, cloudflareResource } from "./cloudflare";
import { gcpCall, gcpResource } from "./gcp";
import type { MockOutputs } from "./aws";
import { cloudOfTokenPackage } from "../../core/cloud-sdk";
import type { Cloud } from "../../core/placement";

/** One cloud's mocks of resources and functions (invokes). */
interface CloudMocks {
  resource(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    ctx: MockContext,
    provider?: string,
  ): MockOutputs;
  call(
    token: string,
    inputs: Record<string, unknown>,
    ctx: MockContext,
    provider?: string,
  ): Record<string, unknown> | undefined;
}

/** Each cloud's mocks, a table the compiler checks: a new cloud must bring its own (or say it needs none). */
const CLOUD_MOCKS: Record<Cloud, CloudMocks> = {
  aws: { resource: awsResource, call: awsCall },
  gcp: { resource: gcpResource, call: gcpCall },
  azure: { resource: azureResource, call: azureCall },
  cloudflare: { resource: cloudflareResource, call: cloudflareCall },
};

export { MockContext } from "./context";

/**
 * Pulumi mocks whose outputs look like the real clouds' (ARNs in the right partition, GCP ids and self-links,
 * ARM ids, Cloudflare ids, hostnames and URLs), deterministic from the type and logical name.
 * State = inputs overlaid with the computed outputs, as a provider would return.
 */
export function realisticMocks(ctx: MockContext): pulumi.runtime.Mocks {
  return {
    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
      const inputs = (args.inputs ?? {}) as Record<string, unknown>;
      if (args.type.startsWith("pulumi:providers:")) {
        const id = `${args.name}-${hex(args.type + args.name, 8)}`;
        ctx.providers.set(id, inputs);
        return { id, state: inputs };
      }
      const pkg = args.type.split(":")[0];
      let result: { id: string; outputs: Record<string, unknown> };
      if (args.custom === false) result = { id: "", outputs: {} };
      else if (args.type === "pulumi-nodejs:dynamic:Resource" && args.name.endsWith("-name-seed")) {
        // lib/core/global-name.ts NameSeed: the real one draws random bytes once; here a stable stand-in per stack.
        const value = hex(`${ctx.project}/${ctx.stack}/${args.name}`, 32);
        result = { id: value, outputs: { value } };
      } else {
        const cloud = cloudOfTokenPackage(pkg);
        result = cloud
          ? CLOUD_MOCKS[cloud].resource(args.type, args.name, inputs, ctx, args.provider)
          : { id: autoName(args.name, args.type), outputs: {} };
      }
      const outputs: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(result.outputs)) if (v !== undefined) outputs[k] = v;
      return { id: args.id || result.id, state: { ...inputs, ...outputs } };
    },
    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
      const inputs = (args.inputs ?? {}) as Record<string, unknown>;
      const pkg = args.token.split(":")[0];
      const cloud = cloudOfTokenPackage(pkg);
      const answer = cloud ? CLOUD_MOCKS[cloud].call(args.token, inputs, ctx, args.provider) : undefined;
      // An unmodelled function echoes its arguments: programs keep running and the plan still records them.
      return answer ?? { id: hex(args.token + JSON.stringify(inputs), 16), ...inputs };
    },
  };
}
