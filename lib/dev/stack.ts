import * as pulumi from "@pulumi/pulumi";
import type { AuthSpec, CorsSpec, HttpMethod } from "../core/api/model";
import type { PathSegment } from "../core/api/routes";
import type { Cloud } from "../core/placement";
import { collectingRegistrations, registry } from "../core/registry";
import { Program, RecordOptions, tryRecordPlan } from "../engine/record";

/** A function as the dev server runs it. */
export interface DevFunction {
  readonly name: string;
  readonly cloud: Cloud;
  readonly region?: string;
  /** Absolute path of the portable handler; undefined for a native `code` + `handler` function. */
  readonly entry?: string;
  /** Plain environment variables, resolved (values that stay unknown offline are left out and named in `unresolved`). */
  readonly environment: Record<string, string>;
  readonly unresolved: readonly string[];
  /** Secret variables the function declares: the dev server reads their values from `.env`. */
  readonly secretNames: readonly string[];
}

/** An ApiGateway as the dev server serves it. */
export interface DevApi {
  readonly name: string;
  readonly cloud: Cloud;
  readonly title: string;
  readonly routes: readonly {
    readonly method: HttpMethod;
    readonly path: string;
    readonly segments: readonly PathSegment[];
    readonly fn: string;
  }[];
  readonly cors?: CorsSpec;
  readonly auth?: AuthSpec;
}

/** What a stack declares that can be served locally: its APIs and its functions with a public URL. */
export interface DevStack {
  readonly apis: readonly DevApi[];
  /** Names of the functions with `url: true`, in declaration order. */
  readonly urlFunctions: readonly string[];
  readonly functions: ReadonlyMap<string, DevFunction>;
}

/**
 * Evaluates a program on the recording engine and reads what its ApiGateways and ServerlessFunctions
 * registered. Environment values that are Outputs are resolved while the engine is still live.
 * @throws whatever the program throws (a ConfigError for bad input).
 */
export async function evaluateForDev(program: Program, options: RecordOptions): Promise<DevStack> {
  let stack: DevStack | undefined;
  const recording = await collectingRegistrations(() =>
    tryRecordPlan(async () => {
      const result = await program();
      stack = await snapshot();
      return result;
    }, options),
  );
  if (recording.error !== undefined) throw recording.error;
  return stack!;
}

async function snapshot(): Promise<DevStack> {
  const reg = registry();
  const functions = new Map<string, DevFunction>();
  const urlFunctions: string[] = [];
  const handles = [...reg.functions.map((f) => f.handle), ...reg.apis.flatMap((a) => a.functions)];
  for (const handle of handles) {
    if (functions.has(handle.name)) continue;
    const keys = Object.keys(handle.environment).sort();
    const values = await Promise.all(keys.map((key) => resolve(handle.environment[key])));
    const environment: Record<string, string> = {};
    const unresolved: string[] = [];
    keys.forEach((key, i) => {
      if (values[i] === undefined) unresolved.push(key);
      else environment[key] = values[i]!;
    });
    functions.set(handle.name, {
      name: handle.name,
      cloud: handle.placement.cloud,
      region: handle.placement.region,
      entry: handle.entry,
      environment,
      unresolved,
      secretNames: handle.secretNames ?? [],
    });
  }
  for (const f of reg.functions) if (f.url && !urlFunctions.includes(f.handle.name)) urlFunctions.push(f.handle.name);
  const apis: DevApi[] = reg.apis.map((a) => ({
    name: a.name,
    cloud: a.cloud,
    title: a.info.title,
    routes: a.routes.map((r) => ({ method: r.method, path: r.path, segments: r.segments, fn: r.fn.name })),
    cors: a.cors,
    auth: a.auth,
  }));
  return { apis, urlFunctions, functions };
}

/** The value of an Input<string>, or undefined when it stays unknown (an output the mocks cannot know). */
function resolve(value: pulumi.Input<string>): Promise<string | undefined> {
  if (typeof value === "string") return Promise.resolve(value);
  return new Promise((done) => {
    const timer = setTimeout(() => done(undefined), 2000);
    pulumi.output(value).apply((v) => {
      clearTimeout(timer);
      done(typeof v === "string" ? v : v === undefined ? undefined : String(v));
      return v;
    });
  });
}
