import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { OfflineStandInsError, readOfflineStandIns } from "./offline-config";
import { programFromFile } from "./program";
import type { Program, RecordOptions } from "./record";

/**
 * A project that cannot be evaluated as asked: no `Pulumi.yaml`, an unknown stack, unreadable or malformed YAML.
 * The user's mistake, not the program's: the CLI prints it as one `error:` line and exits 2.
 */
export class ProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProjectError";
  }
}

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
  /** Keys the stack config lacks that the project's offline stand-ins file (meridian.offline.yaml) filled. */
  standIns: string[];
}

/** Offline stand-in for a `secure:` value: the CLI would decrypt it; we only need it to stay secret. */
export const OFFLINE_SECRET = "offline-secret-placeholder";

/** The project file names the Pulumi CLI accepts, in its order. */
const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

/**
 * The folder holding `Pulumi.yaml`: `start` or the nearest folder above it, as the Pulumi CLI looks for it.
 * Undefined when there is none up to the file system's root.
 */
export function findProjectRoot(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (PROJECT_FILES.some((f) => fs.existsSync(path.join(dir, f)))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Reads `Pulumi.yaml` (or `Pulumi.yml`) in `root`. */
export function readProject(root: string): ProjectFile {
  const file = PROJECT_FILES.map((f) => path.join(root, f)).find((f) => fs.existsSync(f));
  if (!file) throw new ProjectError(`no Pulumi.yaml in ${root}`);
  const doc = parseYaml(file) as Record<string, unknown>;
  const name = typeof doc?.name === "string" ? doc.name : undefined;
  if (!name) throw new ProjectError(`${file}: "name" is missing`);
  return {
    name,
    main: programPath(root, typeof doc.main === "string" ? doc.main : "."),
    stackConfigDir: typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : ".",
    root,
  };
}

/**
 * The program file `main` names, relative to the project root, resolved as the Pulumi Node.js host does: a file
 * as given; a folder (the default is the project folder itself) by its package.json `main`, else `index.ts`,
 * else `index.js`.
 */
function programPath(root: string, main: string): string {
  const full = path.resolve(root, main);
  if (fs.existsSync(full) && fs.statSync(full).isFile()) return path.relative(root, full);
  if (fs.existsSync(full) && fs.statSync(full).isDirectory()) {
    const pkgMain = packageMain(full);
    const candidates = [...(pkgMain ? [pkgMain, `${pkgMain}.ts`, `${pkgMain}.js`] : []), "index.ts", "index.js"];
    for (const c of candidates) {
      const file = path.resolve(full, c);
      if (fs.existsSync(file) && fs.statSync(file).isFile()) return path.relative(root, file);
    }
  }
  throw new ProjectError(
    `${path.join(root, "Pulumi.yaml")}: main "${main}" is neither a program file nor a folder with index.ts or index.js`,
  );
}

function packageMain(dir: string): string | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { main?: unknown };
    return typeof pkg.main === "string" ? pkg.main : undefined;
  } catch {
    return undefined;
  }
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

/** Reads `Pulumi.<stack>.yaml`; an unknown stack or unreadable YAML is a ProjectError (exit 2). */
export function readStackConfig(project: ProjectFile, stack: string): StackConfig {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new ProjectError(`invalid stack name "${stack}"`);
  const file = path.join(project.root, project.stackConfigDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    throw new ProjectError(
      `unknown stack "${stack}": ${path.relative(process.cwd(), file)} not found (stacks: ${listStacks(project).join(", ") || "none"})`,
    );
  }
  const doc = parseYaml(file);
  if (doc !== null && doc !== undefined && (typeof doc !== "object" || Array.isArray(doc))) {
    throw new ProjectError(`${path.relative(process.cwd(), file)}: expected a mapping with a "config:" key`);
  }
  const raw = (doc as Record<string, unknown> | null)?.config ?? {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ProjectError(`${path.relative(process.cwd(), file)}: "config" must be a mapping of keys to values`);
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
  const standIns: string[] = [];
  for (const [key, value] of Object.entries(offlineStandIns(project, stack))) {
    if (key in config) continue;
    config[key] = value;
    standIns.push(key);
  }
  return { stack, file, config, secretKeys, standIns };
}

/** The project's offline stand-ins for `stack` (see offline-config.ts); a malformed file is a ProjectError. */
function offlineStandIns(project: ProjectFile, stack: string): Record<string, unknown> {
  try {
    return readOfflineStandIns(path.join(project.root, project.stackConfigDir), project.name, stack);
  } catch (err) {
    if (err instanceof OfflineStandInsError) {
      throw new ProjectError(err.message);
    }
    throw err;
  }
}

function parseYaml(file: string): unknown {
  try {
    return YAML.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new ProjectError(
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
