import * as pulumi from "@pulumi/pulumi";
import { Cloud } from "./placement";

/**
 * The tags every Meridian resource carries, in each cloud's own format: AWS tags and Azure tags keep
 * their case; GCP labels must be lowercase `[a-z0-9_-]`, at most 63 characters; Cloudflare resources
 * have no tags, so it gets an empty map (callers simply do not set one).
 *
 * @example
 * commonTags("gcp", "ServerlessFunction") // { app: "meridian", stack: "dev", component: "serverlessfunction", "managed-by": "meridian" }
 */
export function commonTags(cloud: Cloud, component: string): Record<string, string> {
  return TAG_FORMAT[cloud]({
    app: pulumi.getProject(),
    stack: pulumi.getStack(),
    component,
    "managed-by": "meridian",
  });
}

/**
 * Each cloud's tag format, a table the compiler checks: a new cloud must say how it tags.
 * GCP: https://cloud.google.com/resource-manager/docs/labels-overview#requirements
 */
const TAG_FORMAT: Record<Cloud, (tags: Record<string, string>) => Record<string, string>> = {
  aws: (tags) => tags,
  azure: (tags) => tags,
  gcp: (tags) => Object.fromEntries(Object.entries(tags).map(([k, v]) => [gcpLabel(k), gcpLabel(v)])),
  cloudflare: () => ({}),
};

/** A GCP label key or value: lowercase letters, digits, `_` and `-`, at most 63 characters. */
export function gcpLabel(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "_")
    .slice(0, 63);
}

/**
 * The GCP label a component puts on a Cloud Run service or function it means to be invocable by anyone
 * (`allUsers`): a function with `url: true`, a service whose ingress admits all traffic. The
 * `public-invoker-only-when-public` policy reads it, so a public grant without it is flagged as unintended.
 */
export const PUBLIC_ACCESS_LABEL = { key: "meridian-access", value: "public" } as const;
