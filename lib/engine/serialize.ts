import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

// The wire-form constants, from the SDK's public `runtime` namespace (it re-exports runtime/rpc).
const rpc = pulumi.runtime;
import { SECRET } from "./plan";

/**
 * Turns a value in Pulumi's wire form (a protobuf Struct as plain JS, with the SDK's "special signature"
 * objects) into plan JSON: secrets become `{ "secret": true }`; assets and archives become a description with
 * a content hash and a path relative to the working directory, so a plan is the same on every machine;
 * resource references become `{ "$ref": urn }`; unknowns `{ "unknown": true }`.
 */
export function toPlanValue(value: unknown): unknown {
  if (value === rpc.unknownValue) return { unknown: true };
  if (Array.isArray(value)) return value.map(toPlanValue);
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  switch (obj[rpc.specialSigKey]) {
    case rpc.specialSecretSig:
      return SECRET;
    case rpc.specialAssetSig:
      return describeAsset(obj);
    case rpc.specialArchiveSig:
      return describeArchive(obj);
    case rpc.specialResourceSig:
      return { $ref: obj.urn };
    case rpc.specialOutputValueSig:
      return obj.secret ? SECRET : "value" in obj ? toPlanValue(obj.value) : { unknown: true };
    default: {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(obj).sort()) out[key] = toPlanValue(obj[key]);
      return out;
    }
  }
}

function relative(p: string): string {
  const rel = path.relative(process.cwd(), path.resolve(p));
  return rel.split(path.sep).join("/");
}

function describeAsset(obj: Record<string, unknown>): unknown {
  if (typeof obj.text === "string") {
    return { $asset: "string", sha256: hash(obj.text), bytes: Buffer.byteLength(obj.text) };
  }
  if (typeof obj.path === "string") {
    return { $asset: "file", path: relative(obj.path), sha256: hashPath(obj.path) };
  }
  return { $asset: "remote", uri: obj.uri };
}

function describeArchive(obj: Record<string, unknown>): unknown {
  if (obj.assets && typeof obj.assets === "object") {
    const assets: Record<string, unknown> = {};
    for (const key of Object.keys(obj.assets as object).sort())
      assets[key] = toPlanValue((obj.assets as Record<string, unknown>)[key]);
    return { $archive: "assets", assets };
  }
  if (typeof obj.path === "string") {
    return { $archive: "file", path: relative(obj.path), sha256: hashPath(obj.path) };
  }
  return { $archive: "remote", uri: obj.uri };
}

function hash(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Content hash of a file, or of a directory's sorted relative paths and contents; "missing" if absent. */
function hashPath(p: string): string {
  if (!fs.existsSync(p)) return "missing";
  const stat = fs.statSync(p);
  if (stat.isFile()) return hash(fs.readFileSync(p));
  const h = createHash("sha256");
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile())
        h.update(path.relative(p, full).split(path.sep).join("/"))
          .update("\0")
          .update(fs.readFileSync(full))
          .update("\0");
    }
  };
  walk(p);
  return h.digest("hex");
}
