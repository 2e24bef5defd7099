import * as path from "path";
import { findProjectRoot } from "../engine/project";

/** How a command runs: from the `meridian` executable, or in-process (tests call `main` directly). */
export interface CommandContext {
  /**
   * Change into the project folder before evaluating the program, as `pulumi up` runs it there (relative
   * `entry` paths resolve against it). The executable does; in-process callers keep their working directory.
   * @default false
   */
  chdir?: boolean;
}

/**
 * The project folder a command works on: `--root` as given, else the folder holding `Pulumi.yaml` at or above the
 * working directory (as the Pulumi CLI finds it), else the working directory (readProject then says there is no
 * Pulumi.yaml). Resolve every file argument to an absolute path before calling this: it may change directory.
 */
export function enterProject(root: string | true | undefined, context: CommandContext = {}): string {
  const start = path.resolve(typeof root === "string" ? root : ".");
  const dir = typeof root === "string" ? start : (findProjectRoot(start) ?? start);
  if (context.chdir && dir !== process.cwd()) process.chdir(dir);
  return dir;
}
