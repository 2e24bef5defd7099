import type { ArchiveEntry } from "./zip";

/** A JSON file for an archive, formatted the same way every time (so the archive hash is stable). */
export function jsonEntry(path: string, value: unknown): ArchiveEntry {
  return { path, data: Buffer.from(`${JSON.stringify(value, null, 2)}\n`) };
}
