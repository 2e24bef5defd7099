import * as fs from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { sha256 } from "../core/hash";
import type { FunctionPackage } from "../core/function/result";
import { Cloud } from "../core/placement";
import { ArchiveEntry, deterministicZip } from "./zip";
import { BundleLayout, bundleFunction } from "./bundle";
import { deterministicTarGz } from "./tar";
import { cacheDir } from "./cache-dir";
import type { CodeSource } from "../core/function/code-source";
import { ConfigError, describe } from "../core/errors";
import { readCodeTree } from "./code-tree";

/** What a cloud deploys: the archive (zip) or, for Cloudflare, the main module, plus their content hash. */
export type { FunctionPackage } from "../core/function/result";

/** The archive a cloud deploys (Cloudflare deploys its main module instead). */
export type ArchiveFormat = "zip" | "tar.gz";

export interface PackageOptions {
  readonly cloud: Cloud;
  readonly source: { readonly kind: "entry"; readonly entry: string } | CodeSource;
  readonly target?: string;
  /** Files the cloud needs next to a bundled handler (Azure `host.json`, ...), given by the cloud's folder. */
  readonly platformFiles: readonly ArchiveEntry[];
  /**
   * The bundle's adapter when the cloud has more than one host (see BundleOptions.layout).
   * @default the cloud's own layout
   */
  readonly layout?: BundleLayout;
  /**
   * The archive format: a zip, or a gzip-compressed tar (Cloud Run's source deploy without build).
   * @default "zip"
   */
  readonly archive?: ArchiveFormat;
  readonly component: string;
  /**
   * Where archives are written.
   * @default `<cwd>/node_modules/.cache/meridian/artifacts`
   */
  readonly outDir?: string;
}

/**
 * Builds the deployable package of a function: the bundle wrapped for the cloud (or the `code` directory as
 * is), plus the files the cloud gives (`platformFiles`, e.g. Azure's `host.json`: lib/function-files.ts), zipped
 * deterministically and written once under its content hash.
 */
export function packageFunction(options: PackageOptions): FunctionPackage {
  const outDir = options.outDir ?? cacheDir("artifacts");
  if (options.source.kind === "code") {
    const files = readCodeTree(options.component, options.source);
    const handler = path.posix.normalize(options.source.handler.replace(/\\/g, "/"));
    if (options.cloud === "cloudflare" && !files.some((f) => f.path === handler))
      throw new ConfigError(
        options.component,
        "handler",
        `got ${describe(handler)}; the Worker's main module must be one of the packaged files, and it is hidden ` +
          "or excluded (see code.include and code.exclude)",
      );
    return archive(options.cloud, options.archive ?? "zip", outDir, files, handler);
  }
  const bundle = bundleFunction({
    entry: options.source.entry,
    cloud: options.cloud,
    layout: options.layout,
    target: options.target,
    component: options.component,
  });
  // Many functions of one stack often share a handler: the same bundle and platform files give the same archive,
  // so it is zipped and hashed once per process.
  const files = options.platformFiles.map((f) => `${f.path}:${sha256(f.data)}`).join(",");
  const format = options.archive ?? "zip";
  const key = `${outDir}|${options.cloud}|${format}|${bundle.sha256}|${files}`;
  const known = packaged.get(key);
  if (known && fs.existsSync(known.path)) return known;
  const pkg = archive(
    options.cloud,
    format,
    outDir,
    [{ path: bundle.fileName, data: Buffer.from(bundle.code) }, ...options.platformFiles],
    bundle.fileName,
  );
  packaged.set(key, pkg);
  return pkg;
}

const packaged = new Map<string, FunctionPackage>();

/**
 * The deployable file: the Worker's main module on Cloudflare, a deterministic zip (or tar.gz) elsewhere, written once
 * by hash.
 */
function archive(
  cloud: Cloud,
  format: ArchiveFormat,
  outDir: string,
  entries: ArchiveEntry[],
  mainModule: string,
): FunctionPackage {
  if (cloud === "cloudflare") {
    const main = entries.find((e) => e.path === mainModule) ?? entries[0]; // a code handler was checked to be there
    const hash = sha256(main.data);
    const file = writeOnce(outDir, `worker-${hash.slice(0, 20)}.js`, main.data);
    return { hash, path: file, zippedBytes: main.data.length, gzippedBytes: gzipSync(main.data).length, mainModule };
  }
  const bytes = format === "tar.gz" ? deterministicTarGz(entries) : deterministicZip(entries);
  const hash = sha256(bytes);
  const file = writeOnce(outDir, `function-${hash.slice(0, 20)}.${format}`, bytes);
  return { hash, path: file, zippedBytes: bytes.length, gzippedBytes: bytes.length, mainModule };
}

function writeOnce(dir: string, name: string, data: Uint8Array): string {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  }
  return file;
}
