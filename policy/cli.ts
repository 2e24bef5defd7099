/**
 * `npm run policy -- --plan FILE [--json]`: the `meridian policy` command (lib/cli/policy.ts), kept at this path
 * for the scripts and tests that call it.
 */
import { runCli } from "../lib/cli/policy";

export { runCli };

if (require.main === module) {
  const result = runCli(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
