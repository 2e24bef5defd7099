import * as pulumi from "@pulumi/pulumi";
import { describe } from "../errors";
import { FunctionHandle } from "../function-handle";
import { Validator } from "../validate";

/**
 * The Cloudflare router reaches each function over a service binding, which names a Worker ("service: Name of Worker
 * to bind to", Workers script upload API) of the router's own account: a Worker of another account is not reachable
 * (https://developers.cloudflare.com/workers/runtime-apis/bindings/service-bindings/). So every routed function is a
 * Worker this program creates (a ServerlessFunction, whose handle carries its resource) in the account of the first
 * one. Account ids given as outputs cannot be compared before deployment (docs/api-gateway.md says so).
 */
export function sameCloudflareAccount(
  v: Validator,
  fn: FunctionHandle,
  first: FunctionHandle | undefined,
  field: string,
): void {
  if (!pulumi.Resource.isInstance(fn.resource))
    v.fail(
      field,
      `function ${describe(fn.name)} has no resource in its handle; a Cloudflare gateway binds only Workers this program creates (a ServerlessFunction), since a service binding names a Worker of the router's own account`,
    );
  const account = fn.cloudflare?.knownAccountId;
  const firstAccount = first?.cloudflare?.knownAccountId;
  if (account !== undefined && firstAccount !== undefined && account !== firstAccount)
    v.fail(
      field,
      `function ${describe(fn.name)} is a Worker of Cloudflare account ${account}, but function ${describe(first!.name)} of this gateway is one of account ${firstAccount}; the router lives in one account and a service binding can only name a Worker of its own account: deploy every function of one gateway to one account`,
    );
}
