import * as pulumi from "@pulumi/pulumi";
import { FunctionHandle } from "../function-handle";

/** What each cloud's expansion hands back to the ServerlessFunction component. */
export interface CloudFunctionResult {
  readonly nativeName: pulumi.Output<string>;
  readonly url?: pulumi.Output<string>;
  readonly invokeCommand: pulumi.Output<string>;
  readonly logsCommand: pulumi.Output<string>;
  /** The queue a `queue` trigger consumes (SQS URL, Pub/Sub topic id, Storage queue name, Cloudflare queue name). */
  readonly queue?: pulumi.Output<string>;
  /** The cloud-specific part of the FunctionHandle. */
  readonly handle: Pick<FunctionHandle, "aws" | "gcp" | "azure" | "cloudflare">;
}

/** Quotes a value for a POSIX shell command line. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
