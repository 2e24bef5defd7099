import * as fs from "fs";
import * as path from "path";
import * as esbuild from "esbuild";
import { ConfigError } from "../core/errors";
import { sha256, stableStringify } from "../core/hash";
import { Cloud } from "../core/placement";
import { cacheDir } from "./cache-dir";

/** How to bundle one portable handler. */
export interface BundleOptions {
  /** Absolute path of the handler module. */
  entry: string;
  /** The cloud the bundle is for: picks the adapter, format and externals. */
  cloud: Cloud;
  /**
   * The adapter and module layout when the cloud has more than one host: `"gcp-cloud-run"` is Google's Cloud Run
   * without a build, where the bundle serves HTTP itself (ServerlessFunction `gcp.platform`).
   * @default the cloud's own layout
   */
  layout?: BundleLayout;
  /** esbuild target for Node clouds, e.g. `node22` (Cloudflare always targets es2022). */
  target?: string;
  /** Minify (default true). */
  minify?: boolean;
  /** Wrap in the cloud's adapter (default true). False bundles the handler alone: the baseline the benchmark compares with. */
  adapter?: boolean;
  /** For error messages. */
  component?: string;
}

/** The bundled function: one module, its archive file name and a content hash. */
export interface FunctionBundle {
  /** File name of the module inside the archive (`index.mjs` on AWS, `index.js` elsewhere). */
  readonly fileName: string;
  readonly code: string;
  /** Hex SHA-256 of `code`. */
  readonly sha256: string;
  /** The source files esbuild read (absolute paths), for cache checks. */
  readonly inputs: readonly string[];
}

interface Layout {
  fileName: string;
  format: esbuild.Format;
  platform: esbuild.Platform;
  external: string[];
  wrap: (entry: string, adapter: string) => string;
  conditions?: string[];
}

const ADAPTERS = path.join(__dirname, "adapters");

/** A cloud's layout, or a second host of one cloud (each has an adapter file `adapters/<layout>.ts`). */
export type BundleLayout = Cloud | "gcp-cloud-run";

/**
 * Per cloud: file name, module format, and what the runtime already provides (left external).
 * AWS: ESM `.mjs`, `@aws-sdk/*` from the Node runtime (CDK's default for Node ≥ 18). GCP and Azure: CommonJS
 * `index.js` (Functions Framework `require`s it; Azure's worker provides `@azure/functions-core`).
 * Cloudflare: ESM for `mainModule`, browser/worker conditions.
 */
const LAYOUTS: Record<BundleLayout, Layout> = {
  aws: {
    fileName: "index.mjs",
    format: "esm",
    platform: "node",
    external: ["@aws-sdk/*"],
    wrap: (e, a) =>
      `import h from ${q(e)};\nimport { lambdaHandler } from ${q(a)};\nexport const handler = lambdaHandler(h);\n`,
  },
  gcp: {
    fileName: "index.js",
    format: "cjs",
    platform: "node",
    external: [],
    wrap: (e, a) =>
      `import h from ${q(e)};\nimport { gcpHandler } from ${q(a)};\nexport const handler = gcpHandler(h);\n`,
  },
  // Cloud Run without a build starts `node index.js` on the Node.js base image: the bundle is the server.
  "gcp-cloud-run": {
    fileName: "index.js",
    format: "cjs",
    platform: "node",
    external: [],
    wrap: (e, a) => `import h from ${q(e)};\nimport { serveCloudRun } from ${q(a)};\nserveCloudRun(h);\n`,
  },
  azure: {
    fileName: "index.js",
    format: "cjs",
    platform: "node",
    external: ["@azure/functions-core"],
    wrap: (e, a) => `import h from ${q(e)};\nimport { registerAzure } from ${q(a)};\nregisterAzure(h);\n`,
  },
  cloudflare: {
    fileName: "index.js",
    format: "esm",
    platform: "neutral",
    external: ["cloudflare:*", "node:*"],
    conditions: ["workerd", "worker", "browser"],
    wrap: (e, a) => `import h from ${q(e)};\nimport { workerModule } from ${q(a)};\nexport default workerModule(h);\n`,
  },
};

const q = (s: string) => JSON.stringify(s);

interface CacheEntry {
  key: string;
  inputs: { file: string; hash: string }[];
  bundle: FunctionBundle;
}
const cache = new Map<string, CacheEntry>();

/**
 * Bundles a portable handler for a cloud with esbuild, synchronously (a component computes the content hash in
 * its constructor). Deterministic: no timestamps, no absolute paths in the output, sorted inputs, no source
 * maps; the same sources always give the same bytes. Cached by the content of every input file, so a second
 * build of unchanged sources does no esbuild work.
 * @throws ConfigError (field `entry`) when esbuild cannot build the handler.
 */
export function bundleFunction(options: BundleOptions): FunctionBundle {
  const layoutName = options.layout ?? options.cloud;
  const layout = LAYOUTS[layoutName];
  const adapter = options.adapter ?? true;
  const minify = options.minify ?? true;
  const target = options.cloud === "cloudflare" ? "es2022" : (options.target ?? "node22");
  const key = stableStringify({
    entry: options.entry,
    cloud: options.cloud,
    layout: layoutName,
    adapter,
    minify,
    target,
  });
  const hit = cache.get(key) ?? readDiskCache(key);
  if (hit && hit.inputs.every((i) => fileHash(i.file) === i.hash)) {
    cache.set(key, hit);
    return hit.bundle;
  }

  const adapterFile = path.join(ADAPTERS, `${layoutName}.ts`);
  let result: esbuild.BuildResult<{ metafile: true; write: false }>;
  try {
    result = esbuild.buildSync({
      stdin: adapter
        ? {
            contents: layout.wrap(options.entry, adapterFile),
            resolveDir: path.dirname(options.entry),
            sourcefile: "meridian-entry.ts",
            loader: "ts",
          }
        : undefined,
      entryPoints: adapter ? undefined : [options.entry],
      bundle: true,
      write: false,
      metafile: true,
      minify,
      format: layout.format,
      platform: layout.platform,
      target,
      external: layout.external,
      conditions: layout.conditions,
      mainFields: layout.platform === "neutral" ? ["browser", "module", "main"] : ["module", "main"],
      outfile: layout.fileName,
      sourcemap: false,
      legalComments: "none",
      charset: "utf8",
      logLevel: "silent",
      absWorkingDir: path.dirname(options.entry),
    });
  } catch (err) {
    const failure = err as { errors?: esbuild.Message[] };
    const first = failure.errors?.[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line})` : "";
    throw new ConfigError(
      options.component ?? "bundle",
      "entry",
      `esbuild could not bundle ${options.entry}: ${first?.text ?? String(err)}${where}`,
    );
  }
  const code = result.outputFiles[0].text;
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.startsWith("<"))
    .map((f) => path.resolve(path.dirname(options.entry), f))
    .sort();
  const bundle: FunctionBundle = { fileName: layout.fileName, code, sha256: sha256(code), inputs };
  const entry: CacheEntry = { key, inputs: inputs.map((file) => ({ file, hash: fileHash(file) })), bundle };
  cache.set(key, entry);
  writeDiskCache(entry);
  return bundle;
}

/** Forgets every cached bundle, in memory and on disk (tests and the benchmark use it to force a cold build). */
export function clearBundleCache(): void {
  cache.clear();
  hashes.clear();
  fs.rmSync(diskCacheDir(), { recursive: true, force: true });
}

/**
 * The cache also lives on disk (`node_modules/.cache/meridian/bundles`, next to the artifacts), so the next `pulumi preview` of an
 * unchanged handler skips esbuild entirely — esbuild's start-up alone is most of a small program's extra cost
 * (npm run bench, "load cost"). An entry is used only when every input file still has the recorded hash.
 */
function diskCacheDir(): string {
  return cacheDir("bundles");
}

function diskCacheFile(key: string): string {
  return path.join(diskCacheDir(), `${sha256(key).slice(0, 32)}.json`);
}

function readDiskCache(key: string): CacheEntry | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(diskCacheFile(key), "utf8")) as CacheEntry;
    return entry.key === key && typeof entry.bundle?.code === "string" && Array.isArray(entry.inputs)
      ? entry
      : undefined;
  } catch {
    return undefined;
  }
}

function writeDiskCache(entry: CacheEntry): void {
  const file = diskCacheFile(entry.key);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(entry));
    fs.renameSync(tmp, file);
  } catch {
    // A read-only or vanished directory only costs the next run a rebuild.
    fs.rmSync(tmp, { force: true });
  }
}

// Content hashes of input files, remembered with the size and mtime they were read at: a stack with many
// functions over the same sources checks its cache with one stat per file instead of one read and hash.
const hashes = new Map<string, { size: number; mtimeMs: number; hash: string }>();

function fileHash(file: string): string {
  try {
    const stat = fs.statSync(file);
    const known = hashes.get(file);
    if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.hash;
    const hash = sha256(fs.readFileSync(file));
    hashes.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, hash });
    return hash;
  } catch {
    return "missing";
  }
}
