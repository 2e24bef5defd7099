/**
 * Bench child: bundles handlers with the library's bundler, twice. The first pass starts from a cold cache
 * (a fresh process); the second, with no source change, must take every bundle from the content-hash cache
 * (the very same object back: no esbuild run).
 *   build.ts <lib> <cloud> <adapter: "adapter" | "plain"> <entry>...
 */
import { libModule } from "../stacks";
import { report } from "../measure";

const [lib, cloud, adapter, ...entries] = process.argv.slice(2);
const { bundleFunction } = libModule<typeof import("../../lib/bundling/bundle")>(lib, "bundling/bundle");

const start = process.hrtime.bigint();
const pass = () => {
  const t = process.hrtime.bigint();
  const bundles = entries.map((entry) =>
    bundleFunction({ entry, cloud: cloud as "aws", adapter: adapter === "adapter" }),
  );
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, bundles };
};
const cold = pass();
const warm = pass();
report(start, {
  coldMs: Math.round(cold.ms * 10) / 10,
  warmMs: Math.round(warm.ms * 10) / 10,
  functions: entries.length,
  rebuilt: warm.bundles.filter((b, i) => b !== cold.bundles[i]).length,
});
