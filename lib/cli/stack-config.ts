import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { programFromFile } from "../engine/program";
import type { Program, RecordOptions } from "../engine/record";
import { UsageError } from "./args";

/** The project as `Pulumi.yaml` declares it. */
export interface ProjectFile {
  name: string;
  main: string;
  stackConfigDir: string;
  root: string;
}

/** A stack's config as the Pulumi CLI would pass it to the program, with the keys of `secure:` values. */
export interface StackConfig {
  stack: string;
  file: string;
  config: Record<string, unknown>;
  secretKeys: string[];
}

/** Offline stand-in for a `secure:` value: the CLI would decrypt it; we only need it to stay secret. */
export const OFFLINE_SECRET = "offline-secret-placeholder";

/** Reads `Pulumi.yaml` in `root`. */
export function readProject(root: string): ProjectFile {
  const file = path.join(root, "Pulumi.yaml");
  if (!fs.existsSync(file)) throw new UsageError(`no Pulumi.yaml in ${root}`);
  const doc = parseYaml(file) as Record<string, unknown>;
  const name = typeof doc?.name === "string" ? doc.name : undefined;
  if (!name) throw new UsageError(`${file}: "name" is missing`);
  return {
    name,
    main: typeof doc.main === "string" ? doc.main : "index.ts",
    stackConfigDir: typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : ".",
    root,
  };
}

/** The stacks that have a `Pulumi.<stack>.yaml` in the config dir. */
export function listStacks(project: ProjectFile): string[] {
  const dir = path.join(project.root, project.stackConfigDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();
}

/** Reads `Pulumi.<stack>.yaml`; an unknown stack or unreadable YAML is a UsageError (exit 2). */
export function readStackConfig(project: ProjectFile, stack: string): StackConfig {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new UsageError(`invalid stack name "${stack}"`);
  const file = path.join(project.root, project.stackConfigDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    throw new UsageError(
      `unknown stack "${stack}": ${path.relative(process.cwd(), file)} not found (stacks: ${listStacks(project).join(", ") || "none"})`,
    );
  }
  const doc = parseYaml(file);
  if (doc !== null && doc !== undefined && (typeof doc !== "object" || Array.isArray(doc))) {
    throw new UsageError(`${path.relative(process.cwd(), file)}: expected a mapping with a "config:" key`);
  }
  const raw = (doc as Record<string, unknown> | null)?.config ?? {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new UsageError(`${path.relative(process.cwd(), file)}: "config" must be a mapping of keys to values`);
  }
  const config: Record<string, unknown> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const fullKey = key.includes(":") ? key : `${project.name}:${key}`;
    if (value && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
      config[fullKey] = OFFLINE_SECRET;
      secretKeys.push(fullKey);
    } else {
      config[fullKey] = value;
    }
  }
  return { stack, file, config, secretKeys };
}

function parseYaml(file: string): unknown {
  try {
    return YAML.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new UsageError(
      `${path.relative(process.cwd(), file)}: cannot read YAML: ${(err as Error).message.split("\n")[0]}`,
    );
  }
}

/** What evaluating one stack of a project needs: its program and the recording options `pulumi up` would imply. */
export interface StackRecording {
  project: ProjectFile;
  stack: StackConfig;
  program: Program;
  options: RecordOptions;
}

/** The program of the project in `root` (its `Pulumi.yaml` main) with `Pulumi.<stack>.yaml` as its config. */
export function stackRecording(root: string, stackName: string): StackRecording {
  const project = readProject(root);
  const stack = readStackConfig(project, stackName);
  return {
    project,
    stack,
    program: programFromFile(path.join(project.root, project.main)),
    options: { project: project.name, stack: stack.stack, config: stack.config, secretKeys: stack.secretKeys },
  };
}
