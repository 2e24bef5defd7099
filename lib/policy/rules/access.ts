import type { PolicyContext, PolicyResource, PolicyRule } from "../model";
import { PUBLIC_ACCESS_LABEL } from "../../core/tags";
import { anyOpaque, cannotCheck, get, isKnown, isObject, jsonDoc, list, opacity, str } from "../values";

/** The label (GCP) a component sets on a function or service it means to be reachable by anyone (defined in lib/core/tags.ts, where the components take it from). */
export const PUBLIC_LABEL = PUBLIC_ACCESS_LABEL;

const EVERYONE = ["allUsers", "allAuthenticatedUsers"];

/** IAM types that grant on a Cloud Run service or a Cloud Function, and the input naming the target. */
const GCP_INVOKER_GRANTS: Record<string, string> = {
  "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": "name",
  "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding": "name",
  "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy": "name",
  "gcp:cloudrun/iamMember:IamMember": "service",
  "gcp:cloudrun/iamBinding:IamBinding": "service",
  "gcp:cloudrun/iamPolicy:IamPolicy": "service",
  "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember": "cloudFunction",
  "gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding": "cloudFunction",
  "gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy": "cloudFunction",
  "gcp:cloudfunctions/functionIamMember:FunctionIamMember": "cloudFunction",
  "gcp:cloudfunctions/functionIamBinding:FunctionIamBinding": "cloudFunction",
  "gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy": "cloudFunction",
};

/** Where each invocable GCP type keeps its labels, and whether its ingress admits only internal + GCLB traffic. */
const GCP_TARGETS: Record<string, { labels: string; internalIngress: (i: Record<string, unknown>) => boolean }> = {
  "gcp:cloudrunv2/service:Service": {
    labels: "labels",
    internalIngress: (i) =>
      i.ingress === "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" || i.ingress === "INGRESS_TRAFFIC_INTERNAL_ONLY",
  },
  "gcp:cloudfunctionsv2/function:Function": {
    labels: "labels",
    internalIngress: (i) =>
      ["ALLOW_INTERNAL_AND_GCLB", "ALLOW_INTERNAL_ONLY"].includes(str(get(i, "serviceConfig.ingressSettings")) ?? ""),
  },
  "gcp:cloudfunctions/function:Function": {
    labels: "labels",
    internalIngress: (i) => ["ALLOW_INTERNAL_AND_GCLB", "ALLOW_INTERNAL_ONLY"].includes(str(i.ingressSettings) ?? ""),
  },
  "gcp:cloudrun/service:Service": {
    labels: "metadata.labels",
    internalIngress: (i) =>
      ["internal-and-cloud-load-balancing", "internal"].includes(
        str(get(i, "metadata.annotations.run.googleapis.com/ingress")) ?? "",
      ),
  },
};

function publicMembers(r: PolicyResource): string[] {
  if (r.type.endsWith("Policy")) {
    const doc = jsonDoc(r.inputs.policyData);
    return isObject(doc)
      ? list(doc.bindings)
          .flatMap((b) => list(get(b, "members")))
          .map(str)
          .filter((m): m is string => !!m && EVERYONE.includes(m))
      : [];
  }
  return [r.inputs.member, ...list(r.inputs.members)].map(str).filter((m): m is string => !!m && EVERYONE.includes(m));
}

/** Same name, or a full resource path ending in `/name`. */
function sameName(ref: string, name: unknown): boolean {
  return typeof name === "string" && name !== "" && (ref === name || ref.endsWith(`/${name}`));
}

function gcpInvoker(r: PolicyResource, ctx: PolicyContext): string[] {
  const hidden = anyOpaque([r.inputs.member, r.inputs.members, ...list(r.inputs.members), r.inputs.policyData]);
  if (hidden) return cannotCheck("member", hidden, ctx);
  const members = publicMembers(r);
  if (members.length === 0) return [];
  const ref = r.inputs[GCP_INVOKER_GRANTS[r.type]];
  if (!isKnown(ref)) return [];
  const refName = str(ref) ?? "";
  const targets = ctx.resources.filter(
    (t) => GCP_TARGETS[t.type] && (r.dependencies.includes(t.urn) || sameName(refName, t.inputs.name)),
  );
  if (targets.length === 0)
    return [
      `grants ${members.join(", ")} on ${refName || "a service"} that is not in this stack, so nothing shows it is meant to be public`,
    ];
  const explained = targets.some((t) => {
    const spec = GCP_TARGETS[t.type];
    const labels = get(t.inputs, spec.labels);
    return spec.internalIngress(t.inputs) || (isObject(labels) && labels[PUBLIC_LABEL.key] === PUBLIC_LABEL.value);
  });
  return explained
    ? []
    : [
        `grants ${members.join(", ")} invoke on ${refName}, which is neither labelled ${PUBLIC_LABEL.key}=${PUBLIC_LABEL.value} nor limited to internal + load balancer ingress`,
      ];
}

function awsPermission(r: PolicyResource, ctx: PolicyContext): string[] {
  const principal = r.inputs.principal;
  if (opacity(principal)) return cannotCheck("principal", principal, ctx);
  if (principal !== "*") return [];
  if (r.inputs.sourceArn || r.inputs.sourceAccount || r.inputs.principalOrgId) return [];
  const viaUrl = r.inputs.functionUrlAuthType === "NONE" || r.inputs.invokedViaFunctionUrl === true;
  const fn = r.inputs.function;
  if (!isKnown(fn)) return [];
  const hasPublicUrl = ctx.resources.some(
    (u) =>
      u.type === "aws:lambda/functionUrl:FunctionUrl" &&
      u.inputs.authorizationType === "NONE" &&
      (u.inputs.functionName === fn ||
        (typeof fn === "string" &&
          typeof u.inputs.functionName === "string" &&
          fn.endsWith(`:${u.inputs.functionName}`))),
  );
  if (viaUrl && hasPublicUrl) return [];
  return viaUrl
    ? [
        "grants everyone (`*`) invoke through a function URL, but the function has no public (authorizationType NONE) FunctionUrl in this stack",
      ]
    : ["grants everyone (`*`) lambda invoke with no sourceArn, sourceAccount or principalOrgId"];
}

/**
 * A Cloud Run service with the invoker IAM check disabled is invocable by anyone, exactly as with an allUsers
 * run.invoker grant: "you can disable the Cloud Run invoker IAM check ... for a service, which makes it public"
 * (https://cloud.google.com/run/docs/securing/managing-access#invoker_check,
 * https://cloud.google.com/run/docs/authenticating/public#disable-invoker). So it needs the same intent.
 */
function gcpInvokerCheckDisabled(r: PolicyResource, ctx: PolicyContext): string[] {
  const disabled = r.inputs.invokerIamDisabled;
  if (opacity(disabled)) return cannotCheck("invokerIamDisabled", disabled, ctx);
  if (disabled !== true) return [];
  const spec = GCP_TARGETS[r.type];
  const labels = get(r.inputs, spec.labels);
  if (spec.internalIngress(r.inputs) || (isObject(labels) && labels[PUBLIC_LABEL.key] === PUBLIC_LABEL.value))
    return [];
  return [
    `disables the invoker IAM check (invokerIamDisabled: true), so anyone may invoke it, but it is neither labelled ${PUBLIC_LABEL.key}=${PUBLIC_LABEL.value} nor limited to internal + load balancer ingress`,
  ];
}

export const publicInvokerOnlyWhenPublic: PolicyRule = {
  name: "public-invoker-only-when-public",
  description: `Invocation by everyone must be intended. GCP: a grant to allUsers/allAuthenticatedUsers on a Cloud Run service or Cloud Function (run.invoker, cloudfunctions.invoker, any role), or a Cloud Run service with the invoker IAM check disabled (invokerIamDisabled: true, which makes it public just the same), is allowed only when the target, in this stack, carries the label ${PUBLIC_LABEL.key}=${PUBLIC_LABEL.value} (set by a component that means it public, e.g. a function with \`url\`) or admits only internal and load-balancer ingress (the load balancer is then the public entry). AWS: a Lambda permission for principal "*" must be scoped to a source (sourceArn/sourceAccount/principalOrgId) or be the function-URL permission of a function whose FunctionUrl (authorizationType NONE) is in the stack. Why: a function behind an API gateway or a private backend must not also be callable by anyone directly, bypassing auth, throttling and logs.`,
  clouds: ["gcp", "aws"],
  scope: "stack",
  types: [...Object.keys(GCP_INVOKER_GRANTS), "gcp:cloudrunv2/service:Service", "aws:lambda/permission:Permission"],
  check(r, ctx) {
    if (r.type === "aws:lambda/permission:Permission") return awsPermission(r, ctx);
    if (r.type === "gcp:cloudrunv2/service:Service") return gcpInvokerCheckDisabled(r, ctx);
    return gcpInvoker(r, ctx);
  },
};
