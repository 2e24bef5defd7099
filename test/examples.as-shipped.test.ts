import * as assert from "node:assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { listStacks, readProject, readStackConfig } from "../lib/engine/project";
import { OFFLINE_STAND_INS_FILE } from "../lib/engine/offline-config";
import { programFromFile } from "../lib/engine/program";
import { tryRecordPlan } from "../lib/testing";
import { specialAddressRange } from "../lib/core/special-addresses";
import { EXAMPLES, EXAMPLES_DIR } from "./support/examples";
import { reportError } from "../lib/cli/args";

/**
 * Every shipped example, and the app stack, deploys as shipped: its stack configs hold nothing a cloud refuses.
 * The per-user facts (a zone you own, its ids, your project, your servers' addresses) are not shipped at all: the
 * program stops on them with the `pulumi config set` to run, the stack file lists them, and the offline plan reads
 * stand-ins from meridian.offline.yaml, which the Pulumi CLI never reads.
 */

/**
 * Names that never resolve to anyone's service: IANA's Special-Use Domain Names registry (RFC 6761: example.,
 * example.com/.net/.org, invalid., localhost., test.; RFC 6762 local.; RFC 7686 onion.; RFC 8375 home.arpa.;
 * RFC 9476 alt.), https://www.iana.org/assignments/special-use-domain-names/. ACM cannot validate a certificate
 * for them and Route 53 / Cloudflare / Cloud DNS hold no zone of yours by those names.
 */
const SPECIAL_USE =
  /(^|\.)(example|example\.com|example\.net|example\.org|invalid|localhost|test|local|onion|home\.arpa|alt)\.?$/i;
/** Stand-in ids the team used to ship: a zone id or account id of nobody, a project that is not yours. */
const PLACEHOLDER_IDS = [/^Z0123456789/, /^0123456789abcdef/, /^fedcba9876543210/, /^my-project$/];

const ROOT = path.resolve(__dirname, "..");
const PROJECTS = [...EXAMPLES.map((e) => path.join(EXAMPLES_DIR, e)), ROOT];
const label = (root: string) => path.relative(ROOT, root) || "the app stack";

/** Every string in a parsed YAML value (config values may be lists or objects). */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** Why a shipped config value would be refused by a cloud, or undefined. */
function refusal(value: string): string | undefined {
  for (const word of value.split(/[\s,;"'@/]+/)) {
    const host = word.replace(/^https?:\/\//, "").replace(/[:/].*$/, "");
    if (host.includes(".") && SPECIAL_USE.test(host)) return `${host} is a special-use name`;
    const special = specialAddressRange(host);
    if (special) return `${host} is ${special.name} (${special.rfc})`;
  }
  if (PLACEHOLDER_IDS.some((p) => p.test(value))) return `${value} is a placeholder id`;
  return undefined;
}

describe("examples and the app stack deploy as shipped", () => {
  for (const root of PROJECTS) {
    const project = readProject(root);
    const configDir = path.join(root, project.stackConfigDir);
    const stackFiles = listStacks(project).map((s) => path.join(configDir, `Pulumi.${s}.yaml`));

    it(`${label(root)}: no stack config value is one a cloud refuses`, () => {
      for (const file of [path.join(root, "Pulumi.yaml"), ...stackFiles]) {
        const doc = (YAML.parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
        for (const [key, value] of Object.entries(doc.config ?? {})) {
          for (const s of strings(value)) assert.strictEqual(refusal(s), undefined, `${file}: ${key}`);
        }
      }
    });

    it(`${label(root)}: every offline stand-in is a key its stack files tell the user to set`, () => {
      const file = path.join(configDir, OFFLINE_STAND_INS_FILE);
      if (!fs.existsSync(file)) return;
      const shipped = stackFiles.map((f) => fs.readFileSync(f, "utf8")).join("\n");
      for (const stack of listStacks(project)) {
        for (const key of readStackConfig(project, stack).standIns) {
          const bare = key.startsWith(`${project.name}:`) ? key.slice(project.name.length + 1) : key;
          assert.match(
            shipped,
            new RegExp(`config set[^\\n]*\\b${bare.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`),
            key,
          );
        }
      }
    });

    it(`${label(root)}: without the per-user values it stops, naming the key and how to set it`, async () => {
      const stack = readStackConfig(project, listStacks(project)[0]);
      const shipped = Object.fromEntries(Object.entries(stack.config).filter(([k]) => !stack.standIns.includes(k)));
      const recording = await tryRecordPlan(programFromFile(path.join(root, project.main)), {
        project: project.name,
        stack: stack.stack,
        config: shipped,
        secretKeys: stack.secretKeys,
      });
      if (stack.standIns.length === 0) {
        assert.strictEqual(recording.error, undefined, "needs nothing of the user: it records as shipped");
        return;
      }
      const message = String((recording.error as Error | undefined)?.message);
      assert.match(message, /pulumi config set/);
      assert.ok(
        stack.standIns.some((k) => message.includes(k.slice(k.indexOf(":") + 1))),
        `the error names a key the user sets: ${message}`,
      );
    });
  }

  it("example programs default no endpoint, zone or domain to a special-use name or address", () => {
    for (const example of EXAMPLES) {
      const source = fs.readFileSync(path.join(EXAMPLES_DIR, example, "index.ts"), "utf8");
      for (const [, literal] of source.matchAll(/"([^"\n]*)"/g)) {
        assert.strictEqual(refusal(literal), undefined, `examples/${example}/index.ts: "${literal}"`);
      }
    }
  });
});

describe("meridian plan on a missing per-user value", () => {
  it("prints Pulumi's config.require message on one line and exits 2 (the user's mistake, not the program's)", () => {
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => lines.push(line);
    try {
      const err = Object.assign(
        new Error(
          "Missing required configuration variable 'demo:zone'\n\tplease set a value using the command `pulumi config set demo:zone <value>`",
        ),
        { key: "demo:zone" },
      );
      assert.strictEqual(reportError(err), 2);
    } finally {
      console.error = original;
    }
    assert.deepStrictEqual(lines, [
      "error: Missing required configuration variable 'demo:zone': please set a value using the command `pulumi config set demo:zone <value>`",
    ]);
  });
});
