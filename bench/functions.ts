import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { bundleFunction, clearBundleCache } from "../lib/bundling/bundle";
import type { Cloud } from "../lib/core/placement";
import { COMPILED_LIB } from "./compile";
import { ROOT, runChildAsync } from "./measure";
import { Row, median, ratio } from "./rows";

export const EXAMPLE_HANDLERS = [
  "examples/serverless-hello/handler.ts",
  "examples/http-api/handlers/users.ts",
  "examples/http-api/handlers/health.ts",
];
export const CLOUDS: Cloud[] = ["aws", "gcp", "azure", "cloudflare"];

export interface BundlePoint {
  handler: string;
  cloud: Cloud;
  /** Minified bytes with the adapter (what Meridian deploys) and of plain esbuild of the handler alone. */
  bytes: number;
  plainBytes: number;
  gzipBytes: number;
  plainGzipBytes: number;
  ms: number;
  plainMs: number;
}

/** Bundle size and cold build time of each example handler per cloud, with and without the adapter (median of `runs`). */
export function measureBundles(runs: number, handlers = EXAMPLE_HANDLERS, clouds = CLOUDS): BundlePoint[] {
  const out: BundlePoint[] = [];
  for (const handler of handlers) {
    const entry = path.join(ROOT, handler);
    for (const cloud of clouds) {
      const build = (adapter: boolean) => {
        const times: number[] = [];
        let code = "";
        for (let i = 0; i < runs; i++) {
          clearBundleCache();
          const t = process.hrtime.bigint();
          code = bundleFunction({ entry, cloud, adapter }).code;
          times.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        return { bytes: Buffer.byteLength(code), gzip: gzipSync(code).length, ms: median(times) };
      };
      const a = build(true);
      const p = build(false);
      out.push({
        handler,
        cloud,
        bytes: a.bytes,
        plainBytes: p.bytes,
        gzipBytes: a.gzip,
        plainGzipBytes: p.gzip,
        ms: a.ms,
        plainMs: p.ms,
      });
    }
  }
  clearBundleCache();
  return out;
}

export interface ParallelBuild {
  functions: number;
  workers: number;
  coldMs: number;
  plainColdMs: number;
  warmMs: number;
  rebuilt: number;
}

/**
 * Builds `count` distinct handlers for AWS from a cold cache, spread over one process per core, then builds
 * them again unchanged in the same processes (which must rebuild nothing). Baseline: plain esbuild of the
 * same handlers, laid out the same way.
 */
export async function measureParallelBuild(count: number, compiledRoot: string): Promise<ParallelBuild> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-handlers-"));
  try {
    const source = fs.readFileSync(path.join(__dirname, "fixtures", "handler.ts"), "utf8");
    const entries = Array.from({ length: count }, (_, i) => {
      const file = path.join(dir, `h${i}.ts`);
      fs.writeFileSync(file, `${source}\nexport const id = ${i};\n`);
      return file;
    });
    const workers = Math.max(1, Math.min(os.cpus().length, count));
    const run = async (mode: "adapter" | "plain") => {
      clearBundleCache(); // memory and node_modules/.cache/meridian/bundles: the workers must start cold
      const start = process.hrtime.bigint();
      const shards = Array.from({ length: workers }, (_, w) => entries.filter((_e, i) => i % workers === w));
      const results = await Promise.all(
        shards.map((s) => runChildAsync("build", [COMPILED_LIB, "aws", mode, ...s], { compiledRoot })),
      );
      return { wall: Number(process.hrtime.bigint() - start) / 1e6, results };
    };
    const plain = await run("plain");
    const adapter = await run("adapter");
    clearBundleCache();
    // The cold pass of each worker runs in parallel with the others: the slowest worker is the wall time.
    const cold = (r: typeof adapter) => Math.max(...r.results.map((x) => x.coldMs as number));
    return {
      functions: count,
      workers,
      coldMs: cold(adapter),
      plainColdMs: cold(plain),
      warmMs: Math.max(...adapter.results.map((x) => x.warmMs as number)),
      rebuilt: adapter.results.reduce((n, x) => n + (x.rebuilt as number), 0),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function functionRows(bundles: BundlePoint[], parallel: ParallelBuild | undefined): Row[] {
  const rows: Row[] = [];
  for (const b of bundles) {
    const overhead = b.bytes - b.plainBytes;
    const short = b.handler.replace(/^examples\//, "");
    rows.push({
      figure: "functions",
      name: `${short} on ${b.cloud}: bundle`,
      unit: "B",
      measured: b.bytes,
      baseline: b.plainBytes,
      ratio: ratio(b.bytes, b.plainBytes),
      goal: "adapter < 5 KB",
      ok: overhead < 5 * 1024,
      note: `adapter +${overhead} B minified, gzip ${b.gzipBytes} vs ${b.plainGzipBytes} B`,
    });
    rows.push({
      figure: "functions",
      name: `${short} on ${b.cloud}: cold build`,
      unit: "ms",
      measured: round1(b.ms),
      baseline: round1(b.plainMs),
      ratio: ratio(b.ms, b.plainMs),
    });
  }
  if (parallel) {
    rows.push({
      figure: "functions",
      name: `${parallel.functions} functions, cold cache, ${parallel.workers} parallel workers`,
      unit: "ms",
      measured: Math.round(parallel.coldMs),
      baseline: Math.round(parallel.plainColdMs),
      ratio: ratio(parallel.coldMs, parallel.plainColdMs),
      note: "baseline: plain esbuild, same layout",
    });
    rows.push({
      figure: "functions",
      name: `${parallel.functions} functions, second build with no change`,
      unit: "ms",
      measured: round1(parallel.warmMs),
      goal: "no rebuild",
      ok: parallel.rebuilt === 0,
      note: `${parallel.rebuilt} of ${parallel.functions} rebuilt: content-hash cache`,
    });
  }
  return rows;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
