import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

/**
 * The file of offline stand-ins, beside the stack configs (`stackConfigDir`). It holds the per-user facts a
 * program needs and a shipped stack config must not carry — your DNS zone, its hosted zone id, your account id —
 * so that `meridian plan` (and the tests, which load projects the same way) can evaluate a project that a user
 * deploys only after `pulumi config set`-ting their own values. The Pulumi CLI never reads this file, so a stand-in
 * can never reach a cloud: `pulumi up` without the real value fails on the program's `config.require`.
 *
 * ```yaml
 * config:            # every stack
 *   zone: example.com
 * stacks:            # one stack's own
 *   prod:
 *     domain: www.example.com
 * ```
 * A stand-in only fills a key the stack config lacks; keys without a namespace get the project's.
 */
export const OFFLINE_STAND_INS_FILE = "meridian.offline.yaml";

/** A stand-ins file that is not the mapping described above. */
export class OfflineStandInsError extends Error {}

/** The stand-ins for `stack` (fully qualified keys), or none when the project has no stand-ins file. */
export function readOfflineStandIns(configDir: string, projectName: string, stack: string): Record<string, unknown> {
  const full = path.join(configDir, OFFLINE_STAND_INS_FILE);
  if (!fs.existsSync(full)) return {};
  const file = path.relative(process.cwd(), full) || full;
  let doc: unknown;
  try {
    doc = YAML.parse(fs.readFileSync(full, "utf8"));
  } catch (err) {
    throw new OfflineStandInsError(`${file}: cannot read YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const root = mapping(doc ?? {}, file, "the file");
  const shared = mapping(root.config ?? {}, file, '"config"');
  const stacks = mapping(root.stacks ?? {}, file, '"stacks"');
  const own = mapping(stacks[stack] ?? {}, file, `"stacks.${stack}"`);
  const standIns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...shared, ...own })) {
    if (value && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
      throw new OfflineStandInsError(`${file}: "${key}" is a secure value; stand-ins are never secrets`);
    }
    standIns[key.includes(":") ? key : `${projectName}:${key}`] = value;
  }
  return standIns;
}

function mapping(value: unknown, file: string, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new OfflineStandInsError(`${file}: ${what} must be a mapping of keys to values`);
  }
  return value as Record<string, unknown>;
}
