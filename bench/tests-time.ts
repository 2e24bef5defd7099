import { spawnSync } from "child_process";
import { ROOT } from "./measure";
import { Row } from "./rows";

export interface TestsTime {
  ms: number;
  passed: boolean;
}

/** Wall time of the project's test suite (`npm run mocha`, i.e. `npm test` without the type-check). */
export function measureTests(): TestsTime {
  const start = process.hrtime.bigint();
  const r = spawnSync("npm", ["run", "--silent", "mocha"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, passed: r.status === 0 };
}

export function testsRows(t: TestsTime | undefined): Row[] {
  if (!t) return [];
  const s = Math.round(t.ms / 100) / 10;
  return [
    {
      figure: "tests",
      name: "npm run mocha (whole suite)",
      unit: "s",
      measured: s,
      goal: "< 90 s",
      ok: s < 90,
      note: t.passed ? "all passed" : "some tests FAILED",
    },
  ];
}
