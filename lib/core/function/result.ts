import * as pulumi from "@pulumi/pulumi";
import { FunctionHandle } from "../function-handle";

/** The deployable package of a function, as lib/bundling builds it. */
export interface FunctionPackage {
  /** Hex SHA-256 of the zip (or of the Worker module): names objects and blobs so a change redeploys. */
  readonly hash: string;
  /** Absolute path of the deterministic zip on disk (Cloudflare: of the main module). */
  readonly path: string;
  readonly zippedBytes: number;
  readonly gzippedBytes: number;
  /** Main module file name (Cloudflare `mainModule`). */
  readonly mainModule: string;
}

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
