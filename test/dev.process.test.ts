import * as assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { rawRequest } from "./support/raw-http";

const ROOT = path.resolve(__dirname, "..");

/**
 * `npm run dev` as a user runs it, then stopped the way a terminal multiplexer, an IDE or a CI harness stops it:
 * SIGTERM to npm. npm runs the command under `sh -c`, which dies without passing the signal on; the server must
 * notice and stop (issue #17, defect 8) instead of answering on, orphaned.
 *
 * The test owns everything it starts: npm is spawned in its own process group, and `after` kills that whole group
 * whatever the outcome, so no server outlives the run.
 */
describe("npm run dev: stopping npm stops the server", function () {
  this.timeout(120_000);
  let npm: ChildProcess | undefined;

  after(() => {
    if (npm?.pid === undefined) return;
    try {
      process.kill(-npm.pid, "SIGKILL");
    } catch {
      // The group is already gone: nothing was left running.
    }
  });

  it("answers while npm runs, and refuses connections once npm is stopped", async () => {
    npm = spawn("npm", ["run", "dev", "--", "--stack", "dev", "--port", "0", "--no-watch"], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const port = await new Promise<number>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /ready: http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (m) resolve(Number(m[1]));
      };
      npm!.stdout!.on("data", onData);
      npm!.stderr!.on("data", onData);
      npm!.once("exit", (code) => reject(new Error(`npm run dev exited (${code}) before ready:\n${output}`)));
    });
    const before = await rawRequest(port, `GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    assert.equal(before.status, 404, "the server answers while npm runs");

    const exited = new Promise((resolve) => npm!.once("exit", resolve));
    process.kill(npm.pid!, "SIGTERM");
    await exited;
    // The server notices that its parent went away and closes its port; wait for that, without asserting how fast.
    for (;;) {
      const refused = await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`).then(
        () => false,
        () => true,
      );
      if (refused) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
