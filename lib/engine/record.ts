import * as pulumi from "@pulumi/pulumi";
import type { Alias } from "@pulumi/pulumi/proto/alias_pb";
import type { RegisterResourceRequest, RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import { stableStringify } from "../core/hash";
import { resetRegistry } from "../core/registry";
import { duplicateUrnCheck } from "./duplicate-urns";
import { useLightPromises } from "./light-promises";
import { realisticMocks } from "./mocks";
import { Plan, PlanResource } from "./plan";
import { toPlanValue } from "./serialize";

/** A Pulumi program: what `pulumi up` would run. Its return value (if any) becomes the plan's outputs. */
export type Program = () => unknown;

export interface RecordOptions {
  /**
   * Project name, as `Pulumi.yaml` `name` would give it.
   * @default "meridian"
   */
  project?: string;
  /**
   * Stack name.
   * @default "dev"
   */
  stack?: string;
  /**
   * Stack config. Keys without a namespace get the project's (`regions` → `meridian:regions`); non-string
   * values are stored as JSON, as `pulumi config set --path` would. Replaces all config of earlier recordings.
   * @default {} (no config)
   */
  config?: Record<string, unknown>;
  /**
   * Config keys whose values are secrets (read back with `requireSecret`).
   * @default [] (none)
   */
  secretKeys?: string[];
  /**
   * Preview mode. Kept false by default: under mocks a preview leaves outputs unknown, so `apply` callbacks
   * never run and programs that chain outputs hang.
   * @default false
   */
  preview?: boolean;
}

/** The result of `tryRecordPlan`: what was registered, and the error the program raised, if any. */
export interface Recording {
  plan: Plan;
  error?: unknown;
}

interface Captured {
  urn: string;
  type: string;
  name: string;
  parent: string;
  provider: string;
  custom: boolean;
  inputs: unknown;
  dependencies: string[];
  protect: boolean;
  retainOnDelete: boolean;
  aliases: string[];
  ignoreChanges: string[];
  replaceOnChanges: string[];
  deleteBeforeReplace: boolean;
  additionalSecretOutputs: string[];
}

// Recordings share process-global engine state, so they run one at a time.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `program` on Pulumi's mock engine and records every registration: the offline `pulumi preview`.
 * Each call starts a fresh engine with only its own config; same program, same plan (byte for byte).
 *
 * @example
 * const plan = await recordPlan(() => new ServerlessFunction("hello", { target: "aws:us-east-1", entry: "./h.ts" }));
 * hasResource(plan, "aws:lambda/function:Function", { architectures: ["arm64"] });
 * @throws whatever the program throws (a ConfigError for bad input), after the engine has settled.
 */
export async function recordPlan(program: Program, options: RecordOptions = {}): Promise<Plan> {
  const { plan, error } = await tryRecordPlan(program, options);
  if (error !== undefined) throw error;
  return plan;
}

/** Like `recordPlan`, but returns the partial plan together with the error instead of throwing: bad-input tests use it to prove that nothing was registered. */
export function tryRecordPlan(program: Program, options: RecordOptions = {}): Promise<Recording> {
  const run = queue.then(() => record(program, options));
  queue = run.catch(() => undefined);
  return run;
}

async function record(program: Program, options: RecordOptions): Promise<Recording> {
  const project = options.project ?? "meridian";
  const stack = options.stack ?? "dev";
  const config = namespacedConfig(project, options.config ?? {});
  useLightPromises();
  resetRegistry();
  pulumi.runtime.setAllConfig(
    config,
    (options.secretKeys ?? []).map((k) => (k.includes(":") ? k : `${project}:${k}`)),
  );
  await pulumi.runtime.setMocks(
    realisticMocks({ project, stack, config, providers: new Map() }),
    project,
    stack,
    options.preview ?? false,
  );

  const captured: Captured[] = [];
  const errors: unknown[] = [];
  wrapMonitor(captured, errors, project, stack);
  const onRejection = (reason: unknown) => errors.push(reason);
  process.on("unhandledRejection", onRejection);

  let outputs: Record<string, unknown> = {};
  let error: unknown;
  try {
    const result = await program();
    await settle();
    outputs = await resolveOutputs(result);
    await settle();
  } catch (err) {
    error = err;
    await settle().catch(() => undefined);
  } finally {
    // Let rejections raised during the last turn be reported before the listener goes.
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", onRejection);
  }
  if (error === undefined && errors.length > 0) error = errors[0];
  return { plan: buildPlan(project, stack, captured, outputs), error };
}

/** Config keys namespaced, values as strings, exactly as the Pulumi CLI passes them to a program. */
export function namespacedConfig(project: string, config: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    out[key.includes(":") ? key : `${project}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

// Not in the SDK's typings, but the runtime's own "wait for outstanding RPCs" (settings.waitForRPCs) reads it. The
// same in every @pulumi/pulumi of the peer range; should a future SDK move it, settle() falls back to public API.

function rpcDone(): Promise<unknown> | undefined {
  try {
    const state = require("@pulumi/pulumi/runtime/state") as { getStore?(): { settings?: { rpcDone?: unknown } } };
    const done = state.getStore?.().settings?.rpcDone;
    return done instanceof Promise ? done : undefined;
  } catch {
    return undefined;
  }
}

/** Waits until every registration the program started has reached the monitor, as the real runtime does before exit. */
async function settle(): Promise<void> {
  for (let rounds = 0; rounds < 10_000; rounds++) {
    const done = rpcDone();
    if (done === undefined) return settleByTurns();
    await done;
    await new Promise((resolve) => setImmediate(resolve));
    if (done === rpcDone()) return;
  }
}

/**
 * The fallback without the SDK's RPC bookkeeping: the mock monitor answers in the same process, so registrations
 * are done once the event loop has turned a number of times with no new registration reaching it.
 */
async function settleByTurns(): Promise<void> {
  let seen = -1;
  for (let quiet = 0; quiet < 20;) {
    await new Promise((resolve) => setImmediate(resolve));
    quiet = registrations === seen ? quiet + 1 : 0;
    seen = registrations;
  }
}

/** Registrations that reached the monitor in this process (settleByTurns' progress signal). */
let registrations = 0;

/** The one monitor call we wrap: the mock monitor takes a request and a Node-style callback. */
interface RegisteringMonitor {
  registerResource(
    req: RegisterResourceRequest,
    callback: (err: unknown, resp: RegisterResourceResponse) => void,
  ): unknown;
}

function wrapMonitor(captured: Captured[], errors: unknown[], project: string, stack: string): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as RegisteringMonitor;
  const register = monitor.registerResource.bind(monitor);
  const duplicate = duplicateUrnCheck();
  monitor.registerResource = (req, callback) => {
    registrations++;
    return register(req, (err, resp) => {
      registrations++;
      const refused = err ? undefined : duplicate(resp.getUrn());
      if (err || refused) errors.push(err ?? refused);
      else captured.push(capture(req, resp.getUrn(), project, stack));
      callback(err, resp);
    });
  };
}

function capture(req: RegisterResourceRequest, urn: string, project: string, stack: string): Captured {
  const parent: string = req.getParent() ?? "";
  const provider: string = req.getProvider() ?? "";
  return {
    urn,
    type: req.getType(),
    name: req.getName(),
    parent,
    provider: provider.includes("::") ? provider.slice(0, provider.lastIndexOf("::")) : provider,
    custom: req.getCustom(),
    inputs: req.getObject()?.toJavaScript() ?? {},
    dependencies: [...new Set<string>(req.getDependenciesList())].sort(),
    protect: req.getProtect() ?? false,
    retainOnDelete: req.getRetainondelete() ?? false,
    aliases: req
      .getAliasesList()
      .map((a) => aliasUrn(a, req, project, stack))
      .sort(),
    ignoreChanges: [...req.getIgnorechangesList()].sort(),
    replaceOnChanges: [...req.getReplaceonchangesList()].sort(),
    deleteBeforeReplace: req.getDeletebeforereplace() ?? false,
    additionalSecretOutputs: [...req.getAdditionalsecretoutputsList()].sort(),
  };
}

/** An alias as the URN it stands for, computed like the mock engine computes URNs. */
function aliasUrn(alias: Alias, req: RegisterResourceRequest, project: string, stack: string): string {
  if (alias.getUrn && alias.getUrn()) return alias.getUrn();
  const spec = alias.getSpec();
  if (!spec) throw new Error(`alias of ${req.getName()} has neither a URN nor a spec`);
  const parent: string = spec.getNoparent() ? "" : spec.getParenturn() || req.getParent() || "";
  let type: string = spec.getType() || req.getType();
  if (parent) type = `${parent.split("::")[2].split("$").pop()}$${type}`;
  return `urn:pulumi:${spec.getStack() || stack}::${spec.getProject() || project}::${type}::${spec.getName() || req.getName()}`;
}

async function resolveOutputs(result: unknown): Promise<Record<string, unknown>> {
  if (result === undefined || result === null || typeof result !== "object" || pulumi.Resource.isInstance(result))
    return {};
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result as Record<string, unknown>)) {
    if (!pulumi.Resource.isInstance(value) && typeof value !== "function") plain[key] = value;
  }
  const serialized = await pulumi.runtime.serializeProperties("outputs", plain as pulumi.Inputs, {
    keepOutputValues: false,
  });
  return toPlanValue(serialized) as Record<string, unknown>;
}

function buildPlan(project: string, stack: string, captured: Captured[], outputs: Record<string, unknown>): Plan {
  const resources: PlanResource[] = captured
    .map((c) => ({ ...c, inputs: toPlanValue(c.inputs) as Record<string, unknown> }))
    .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  return { project, stack, resources, outputs };
}

/** The plan as JSON text: sorted keys, two-space indent, trailing newline. Byte-identical for the same program. */
export function planToJson(plan: Plan): string {
  return `${stableStringify(plan, 2)}\n`;
}
