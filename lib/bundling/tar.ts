import { gzipSync } from "zlib";
import type { ArchiveEntry } from "./zip";

const BLOCK = 512;

/**
 * A deterministic gzip-compressed tar (POSIX ustar): entries sorted by path, mtime 0, owner 0:0, mode 0644, and a
 * gzip header without a timestamp (Node's zlib writes MTIME 0), so the same files always give the same bytes — the
 * same reason as deterministicZip. Cloud Run's source deploy without build takes its source as a `.tar.gz` in Cloud
 * Storage (firebase/firebase-tools src/deploy/functions/prepare.ts packs Cloud Run sources as tar.gz; the provider's
 * "Cloudrunv2 Service Zip Deploy" example uploads one).
 */
export function deterministicTarGz(entries: readonly ArchiveEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parts: Buffer[] = [];
  for (const entry of sorted) {
    const data = Buffer.from(entry.data);
    parts.push(header(entry.path.replace(/\\/g, "/"), data.length), data, Buffer.alloc(padding(data.length)));
  }
  parts.push(Buffer.alloc(2 * BLOCK)); // two zero blocks end the archive
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** A ustar header; names over 100 bytes use the 155-byte prefix field, split at a slash. */
function header(name: string, size: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  const bytes = Buffer.from(name, "utf8");
  let prefix = Buffer.alloc(0);
  let base = bytes;
  if (bytes.length > 100) {
    const cut = name.lastIndexOf("/", 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100)
      throw new Error(`tar: the path ${JSON.stringify(name)} is too long for a ustar header`);
    prefix = Buffer.from(name.slice(0, cut), "utf8");
    base = Buffer.from(name.slice(cut + 1), "utf8");
  }
  base.copy(h, 0);
  h.write("0000644\0", 100, "ascii"); // mode
  h.write("0000000\0", 108, "ascii"); // uid
  h.write("0000000\0", 116, "ascii"); // gid
  h.write(`${size.toString(8).padStart(11, "0")}\0`, 124, "ascii");
  h.write("00000000000\0", 136, "ascii"); // mtime
  h.write("        ", 148, "ascii"); // checksum placeholder: spaces while summing
  h.write("0", 156, "ascii"); // regular file
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  prefix.copy(h, 345);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return h;
}
