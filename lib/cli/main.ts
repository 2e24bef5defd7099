#!/usr/bin/env node
/**
 * `meridian <command> [options]`: the executable (package.json `bin`). Dispatches to plan, dev, graph and policy,
 * prints `--help` per command and `--version`, and runs inside any Pulumi project: the project is the folder
 * holding `Pulumi.yaml` at or above the working directory, its program TypeScript or JavaScript.
 * Exit codes are the commands' own; 2 for an unknown command.
 */
import * as fs from "fs";
import * as path from "path";
import type { CommandContext } from "./project-root";
import { registerTypeScript } from "./typescript";

interface Command {
  summary: string;
  load(): { HELP: string; main(argv: string[], context?: CommandContext): Promise<number> };
}

// Each command loads only when it runs: `meridian --help` does not load the Pulumi SDK.
const COMMANDS: Record<string, Command> = {
  plan: { summary: "print what `pulumi up` would create, offline (and --json, --diff)", load: () => require("./plan") },
  dev: { summary: "serve the stack's APIs and function URLs on localhost", load: () => require("./dev") },
  graph: { summary: "draw the stack (Mermaid, DOT or SVG)", load: () => require("./graph") },
  policy: { summary: "check a plan against Meridian's policies", load: () => require("./policy") },
};

/** package.json's version: two folders up from both lib/cli (this repository) and dist/cli (the package). */
export function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    "Usage: meridian <command> [options]",
    "",
    "Run inside a Pulumi project (the folder with Pulumi.yaml, or below it). Commands:",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "  meridian <command> --help   options and exit codes of a command",
    "  meridian --version          the installed version",
  ].join("\n");
}

/** Runs one command line (without `node meridian`); returns the exit code. */
export async function run(argv: string[], context: CommandContext = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    if (topic && COMMANDS[topic]) {
      console.log(COMMANDS[topic].load().HELP);
      return 0;
    }
    (name === undefined ? console.error : console.log)(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    console.log(version());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`error: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const mod = command.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(mod.HELP);
    return 0;
  }
  registerTypeScript();
  return mod.main(rest, context);
}

if (require.main === module) {
  run(process.argv.slice(2), { chdir: true }).then(
    // Exit now, as `pulumi` does when the program is done: Pulumi's mock runtime may keep handles open.
    (code) => process.exit(code),
    (err) => {
      console.error(`error: ${(err as Error)?.stack ?? String(err)}`);
      process.exit(1);
    },
  );
}
