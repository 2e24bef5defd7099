import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run, usage, version } from "../lib/cli/main";
import { findProjectRoot, ProjectError, readProject } from "../lib/engine/project";

const ROOT = path.resolve(__dirname, "..");

/** `meridian …` in-process, with console output captured. */
async function meridian(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  try {
    const code = await run(args);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

describe("the meridian command", () => {
  it("prints the package version with --version", async () => {
    const r = await meridian(["--version"]);
    assert.equal(r.code, 0);
    assert.equal(r.out, JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
    assert.equal(version(), r.out);
  });

  it("lists its commands with --help (exit 0) and without arguments (exit 2)", async () => {
    const help = await meridian(["--help"]);
    assert.equal(help.code, 0);
    for (const c of ["plan", "dev", "graph", "policy"]) assert.match(help.out, new RegExp(`^  ${c} `, "m"));
    const bare = await meridian([]);
    assert.equal(bare.code, 2);
    assert.equal(bare.err, usage());
  });

  it("prints each command's options with --help, without running it", async () => {
    for (const c of ["plan", "dev", "graph", "policy"]) {
      for (const args of [
        [c, "--help"],
        [c, "--stack", "dev", "-h"],
        ["help", c],
      ]) {
        const r = await meridian(args);
        assert.equal(r.code, 0, args.join(" "));
        assert.match(r.out, new RegExp(`^Usage: meridian ${c} `), args.join(" "));
        assert.match(r.out, /Exit codes:/);
      }
    }
  });

  it("refuses an unknown command with exit 2", async () => {
    const r = await meridian(["deploy"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^error: unknown command "deploy"/);
  });
});

describe("reading a Pulumi project (lib/engine/project)", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-project-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const project = (dir: string, yaml: string, files: Record<string, string>) => {
    fs.mkdirSync(path.join(tmp, dir), { recursive: true });
    fs.writeFileSync(path.join(tmp, dir, "Pulumi.yaml"), yaml);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(tmp, dir, file)), { recursive: true });
      fs.writeFileSync(path.join(tmp, dir, file), text);
    }
    return path.join(tmp, dir);
  };

  it("finds Pulumi.yaml at or above a folder, as the Pulumi CLI does", () => {
    const root = project("found", "name: found\n", { "index.ts": "", "src/deep/x.ts": "" });
    assert.equal(findProjectRoot(path.join(root, "src", "deep")), root);
    assert.equal(findProjectRoot(root), root);
  });

  it("resolves main like the Node.js host: a file, a folder's package.json main, else index.ts, else index.js", () => {
    assert.equal(
      readProject(project("file", "name: a\nmain: app/main.ts\n", { "app/main.ts": "" })).main,
      "app/main.ts",
    );
    assert.equal(readProject(project("default-ts", "name: b\n", { "index.ts": "" })).main, "index.ts");
    assert.equal(readProject(project("default-js", "name: c\n", { "index.js": "" })).main, "index.js");
    const pkg = project("pkg-main", "name: d\n", { "package.json": '{"main":"src/app.js"}', "src/app.js": "" });
    assert.equal(readProject(pkg).main, path.join("src", "app.js"));
    const dir = project("dir-main", "name: e\nmain: infra/\n", { "infra/index.ts": "" });
    assert.equal(readProject(dir).main, path.join("infra", "index.ts"));
  });

  it("says which main is missing as a ProjectError (exit 2), not a crash", () => {
    const root = project("missing", "name: f\nmain: nowhere.ts\n", {});
    assert.throws(
      () => readProject(root),
      (e: unknown) => e instanceof ProjectError && /main "nowhere.ts"/.test(String(e)),
    );
  });
});

describe("layering", () => {
  it("nothing in lib outside lib/cli imports lib/cli", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (full !== path.join(ROOT, "lib", "cli")) walk(full);
        } else if (entry.name.endsWith(".ts")) {
          const text = fs.readFileSync(full, "utf8");
          for (const m of text.matchAll(/(?:from|require\()\s*"(\.[^"]+)"/g)) {
            const target = path.resolve(path.dirname(full), m[1]);
            if (target === path.join(ROOT, "lib", "cli") || target.startsWith(path.join(ROOT, "lib", "cli") + path.sep))
              offenders.push(`${path.relative(ROOT, full)} imports ${m[1]}`);
          }
        }
      }
    };
    walk(path.join(ROOT, "lib"));
    assert.deepEqual(offenders, []);
  });
});
