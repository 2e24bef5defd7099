import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inflateRawSync } from "node:zlib";
import { ServerlessFunction } from "../lib";
import { readCodeTree } from "../lib/bundling/code-tree";
import { isConfigError } from "../lib/core/errors";
import { tryRecordPlan } from "../lib/testing";

/**
 * Native `code` archives (issue #17, defect 5), on real temporary directories removed whatever the outcome.
 *
 * What is packaged follows AWS CDK's safest asset mode, SymlinkFollowMode.BLOCK_EXTERNAL: "Forbids source from having
 * any symlinks pointing outside of the source tree ... If the copy operation runs into an external symlink, it will
 * fail" (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.SymlinkFollowMode.html); `exclude` globs as in CDK's
 * CopyOptions (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.CopyOptions.html). Hidden files stay out
 * unless `include` names them.
 */

const COMPONENT = 'ServerlessFunction "py"';
let scratch: string;

/** A fresh folder with `files` (path → content; content "->target" makes a symbolic link to target). */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(scratch, "code-"));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (content.startsWith("->")) fs.symlinkSync(content.slice(2), file);
    else fs.writeFileSync(file, content);
  }
  return dir;
}

const packaged = (dir: string, include: string[] = [], exclude: string[] = []) =>
  readCodeTree(COMPONENT, { dir, include, exclude }).map((e) => e.path);

function refused(dir: string, pattern: RegExp, include: string[] = [], exclude: string[] = []) {
  assert.throws(
    () => readCodeTree(COMPONENT, { dir, include, exclude }),
    (err: unknown) =>
      isConfigError(err) && err.component === COMPONENT && err.field === "code" && pattern.test(err.message),
  );
}

/** The names in a zip's central directory, and the bytes of one entry. */
function zipEntries(file: string): Map<string, Buffer> {
  const zip = fs.readFileSync(file);
  const out = new Map<string, Buffer>();
  let at = zip.readUInt32LE(zip.length - 22 + 16);
  while (zip.readUInt32LE(at) === 0x02014b50) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(body) : Buffer.from(body));
    at += 46 + nameLength;
  }
  return out;
}

describe("native code archives (issue #17, defect 5)", function () {
  this.timeout(60_000);
  beforeEach(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-code-"))));
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("leaves hidden files and folders out: .env, .git, .aws", () => {
    const dir = tree({
      "main.py": "x",
      ".env": "SECRET=1",
      ".git/config": "x",
      "lib/.aws/credentials": "k",
      "lib/a.py": "a",
    });
    assert.deepEqual(packaged(dir), ["lib/a.py", "main.py"]);
  });

  it("packages a hidden file or folder that include names", () => {
    const dir = tree({ "main.py": "x", ".env": "E", ".well-known/acme": "w", "lib/.npmrc": "n", ".git/config": "g" });
    assert.deepEqual(packaged(dir, [".env"]), [".env", "main.py"]);
    assert.deepEqual(packaged(dir, [".well-known"]), [".well-known/acme", "main.py"]);
    assert.deepEqual(packaged(dir, [".well-known/**", "lib/.npmrc"]), [".well-known/acme", "lib/.npmrc", "main.py"]);
    assert.deepEqual(packaged(dir, ["**"]), ["main.py"], "a wildcard never matches a leading dot");
  });

  it("exclude globs leave files and whole folders out, also included ones", () => {
    const dir = tree({
      "main.py": "x",
      "a.pyc": "c",
      "lib/b.pyc": "c",
      "tests/t.py": "t",
      "lib/tests/u.py": "u",
      ".env": "E",
    });
    assert.deepEqual(packaged(dir, [], ["*.pyc", "tests"]), ["main.py"]);
    assert.deepEqual(packaged(dir, [], ["/tests"]), ["a.pyc", "lib/b.pyc", "lib/tests/u.py", "main.py"]);
    assert.deepEqual(packaged(dir, [".env"], [".*"]), [
      "a.pyc",
      "lib/b.pyc",
      "lib/tests/u.py",
      "main.py",
      "tests/t.py",
    ]);
  });

  it("refuses a symbolic link to a file outside the directory, naming the link", () => {
    const outside = path.join(scratch, "credentials");
    fs.writeFileSync(outside, "aws_secret_access_key=x");
    const dir = tree({ "main.py": "x", creds: `->${outside}` });
    refused(dir, /"creds" is a symbolic link to .*credentials", outside the code directory/);
    assert.deepEqual(packaged(dir, [], ["creds"]), ["main.py"], "an excluded link is never opened");
    const hidden = tree({ "main.py": "x", ".aws": `->${scratch}` });
    assert.deepEqual(packaged(hidden), ["main.py"], "a hidden link that include does not name is never opened");
    const parent = tree({ "main.py": "x", up: "->.." });
    refused(parent, /"up" is a symbolic link to .*, outside the code directory/);
  });

  it("packages a link to a file inside as its content; walks a link to a folder inside", () => {
    const dir = tree({ "main.py": "print(1)", "alias.py": "->main.py", "lib/x.py": "x", shared: "->lib" });
    const entries = readCodeTree(COMPONENT, { dir, include: [], exclude: [] });
    assert.deepEqual(
      entries.map((e) => e.path),
      ["alias.py", "lib/x.py", "main.py", "shared/x.py"],
    );
    assert.equal(Buffer.from(entries[0].data).toString(), "print(1)");
  });

  it("a link loop is a ConfigError, not ELOOP or an endless walk", () => {
    refused(tree({ "main.py": "x", self: "->self" }), /"self" is a symbolic link that loops/);
    refused(
      tree({ "main.py": "x", "sub/back": "->.." }),
      /"sub\/back" is a symbolic link to a folder that contains it/,
    );
    refused(tree({ "main.py": "x", "a/to-b": "->../b", "b/to-a": "->../a" }), /a loop/);
  });

  it("a dangling link, a FIFO and an empty result are ConfigErrors", function () {
    refused(tree({ "main.py": "x", gone: "->nowhere" }), /"gone" is a symbolic link to nothing/);
    refused(tree({ ".env": "x" }), /no file to package/);
    if (process.platform === "win32") return;
    const dir = tree({ "main.py": "x" });
    require("node:child_process").execFileSync("mkfifo", [path.join(dir, "pipe")]);
    refused(dir, /"pipe" is not a regular file/);
  });

  it("an unreadable file is a ConfigError (when not running as root, who reads everything)", function () {
    if (process.getuid?.() === 0 || process.platform === "win32") this.skip();
    const dir = tree({ "main.py": "x", "locked.py": "y" });
    fs.chmodSync(path.join(dir, "locked.py"), 0o000);
    refused(dir, /"locked.py" cannot be read \(EACCES\)/);
  });

  describe("through ServerlessFunction: a ConfigError naming the field, nothing registered", () => {
    const make = (code: unknown, extra: Record<string, unknown> = {}) =>
      tryRecordPlan(
        () =>
          void new ServerlessFunction("py", {
            target: "aws:us-east-1",
            runtime: "python312",
            code,
            handler: "main.handler",
            ...extra,
          } as never),
      );

    it("the zip holds the packaged files only", async () => {
      const dir = tree({ "main.py": "print(1)", ".env": "SECRET=1", "tests/t.py": "t" });
      const { plan, error } = await make({ path: dir, exclude: ["tests"] });
      assert.equal(error, undefined, String(error));
      const fn = plan.resources.find((r) => r.type === "aws:lambda/function:Function")!;
      const archive = JSON.stringify(fn.inputs.code);
      const zipPath = /"path":"([^"]+\.zip)"/.exec(archive)?.[1] ?? /([^"]+\.zip)/.exec(archive)?.[1];
      assert.ok(zipPath, archive);
      assert.deepEqual([...zipEntries(zipPath).keys()], ["main.py"]);
    });

    for (const [what, code, field, pattern] of [
      ["a missing directory", { path: "./no-such-dir" }, "code.path", /no such directory/],
      ["an unknown key", { path: ".", followSymlinks: true }, "code.followSymlinks", /unknown field/],
      ["a pattern with ..", { path: ".", exclude: ["../x"] }, "code.exclude[0]", /inside the code directory/],
      ["a negated pattern", { path: ".", include: ["!x"] }, "code.include[0]", /no "!" negation/],
      ["an unclosed [", { path: ".", exclude: ["a[b"] }, "code.exclude[0]", /without its "]"/],
      ["a number", 5, "code", /expected a directory path or \{ path/],
      ["include not an array", { path: ".", include: ".env" }, "code.include", /expected an array/],
    ] as const) {
      it(what, async () => {
        const { plan, error } = await make(code);
        assert.ok(isConfigError(error), String(error));
        assert.equal(error.component, COMPONENT);
        assert.equal(error.field, field);
        assert.match(error.message, pattern);
        assert.deepEqual(plan.resources, []);
      });
    }

    it("a link escaping the directory", async () => {
      fs.writeFileSync(path.join(scratch, "secret"), "x");
      const { plan, error } = await make(tree({ "main.py": "x", s: `->${path.join(scratch, "secret")}` }));
      assert.ok(isConfigError(error), String(error));
      assert.equal(error.field, "code");
      assert.match(error.message, /outside the code directory/);
      assert.deepEqual(plan.resources, []);
    });

    it("a Cloudflare main module that is hidden or excluded", async () => {
      const dir = tree({ "worker.js": "export default {}", "other.js": "x" });
      const { plan, error } = await tryRecordPlan(
        () =>
          void new ServerlessFunction("cf", {
            target: "cloudflare",
            cloudflare: { accountId: "0123456789abcdef0123456789abcdef" },
            code: { path: dir, exclude: ["worker.js"] },
            handler: "worker.js",
          } as never),
      );
      assert.ok(isConfigError(error), String(error));
      assert.equal(error.field, "handler");
      assert.deepEqual(plan.resources, []);
    });
  });
});
