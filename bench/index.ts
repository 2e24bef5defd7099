/**
 * `npm run bench [--quick] [--skip-tests]`: the six performance figures of Meridian, each next to a baseline
 * measured in the same run (docs/performance.md explains them). Prints a Markdown table and writes
 * bench/results.json.
 *   --quick       smaller stacks and fewer runs (a smoke run of a minute or two)
 *   --skip-tests  do not time the test suite
 *   --failover    only the failover figure (every front x preset beside the peers' defaults; seconds to run)
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { compileForBench } from "./compile";
import { criticalPathRows, measureCriticalPaths } from "./critical-path";
import { failoverRows, measureFailover } from "./failover";
import { functionRows, measureBundles, measureParallelBuild } from "./functions";
import { loadCostRows, measureLoadCost } from "./load-cost";
import { Row, toMarkdown } from "./rows";
import { measureSynthesis, synthesisRows } from "./synthesis";
import { measureTests, testsRows } from "./tests-time";

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes("--quick");
  const skipTests = argv.includes("--skip-tests");
  const runs = quick ? 1 : 3;
  const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
  const started = Date.now();
  if (argv.includes("--failover")) {
    process.stdout.write(`${toMarkdown(failoverRows(await measureFailover()))}\n`);
    return;
  }

  log("compiling lib/ and bench/ to JavaScript");
  const compiled = compileForBench();
  const rows: Row[] = [];

  log("1/6 synthesis (regions)");
  const regions = measureSynthesis("regions", quick ? [1, 5] : [1, 5, 20], runs, compiled);
  log("1/6 synthesis (functions)");
  const functions = measureSynthesis("functions", quick ? [10, 50] : [10, 100, 500], runs, compiled);
  rows.push(...synthesisRows([...regions, ...functions]));

  log("2/6 load cost");
  const load = measureLoadCost(quick ? 3 : 5, compiled);
  rows.push(...loadCostRows(load));

  log("3/6 critical path");
  const paths = await measureCriticalPaths(["aws", "gcp", "azure"], 5);
  rows.push(...criticalPathRows(paths));

  log("4/6 functions");
  const bundles = measureBundles(quick ? 1 : 3);
  const parallel = await measureParallelBuild(quick ? 10 : 50, compiled);
  rows.push(...functionRows(bundles, parallel));

  log("5/6 failover");
  const failover = await measureFailover();
  rows.push(...failoverRows(failover));

  let tests;
  if (!skipTests) {
    log("6/6 tests (npm run mocha)");
    tests = measureTests();
    rows.push(...testsRows(tests));
  }

  const table = toMarkdown(rows);
  const results = {
    date: new Date().toISOString(),
    quick,
    node: process.version,
    cpus: os.cpus().length,
    load: os.loadavg(),
    seconds: Math.round((Date.now() - started) / 1000),
    rows,
    raw: { synthesis: [...regions, ...functions], load, criticalPaths: paths, bundles, parallel, failover, tests },
  };
  fs.writeFileSync(path.join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `${table}\n\n${rows.filter((r) => r.ok === false).length} goal(s) missed; ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}; bench/results.json written.\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
