// Registry snapshots (spec/registry/snapshot.schema.json, registry.md): `entries` maps
// `name@version` to the artifact's sha256 (its identity) and md5 (a transport checksum), and
// snapshot_hash = sha256(JCS({timestamp, entries})) (spec/hashing.md). The same entries and
// timestamp always give the same bytes: entries sorted, keys in a fixed order, no clock read.
import { z } from "zod";
import { DomainError } from "../errors.ts";
import { canonicalJson, sha256DigestOfText } from "../packages/bundle/digest.ts";
import { digest, expecting, parseDocument, record, unixSeconds } from "./fields.ts";

export interface SnapshotEntry {
  sha256: string;
  md5: string;
}

export interface RegistrySnapshot {
  snapshot_hash: string;
  timestamp: number;
  entries: Record<string, SnapshotEntry>;
}

/** spec/registry/snapshot.schema.json. */
export const SnapshotDocument = record({
  snapshot_hash: digest,
  timestamp: unixSeconds,
  entries: z.record(
    z.string(),
    record({
      sha256: digest,
      md5: z.string(expecting("a string")).regex(/^[0-9a-f]{32}$/, {
        error: "must be 32 lowercase hex characters",
      }),
    }),
    expecting("an object"),
  ),
});

/** The entry name of a version, as the spec's example names them ("echo@1.0.0"). */
export function entryName(name: string, version: string): string {
  return `${name}@${version}`;
}

/** sha256(JCS({timestamp, entries})): the hash never covers itself. */
export function snapshotHash(
  timestamp: number,
  entries: Record<string, SnapshotEntry>,
): Promise<string> {
  return sha256DigestOfText(canonicalJson({ timestamp, entries }));
}

/**
 * A snapshot of these entries as of `timestamp`. Entries are sorted by name in UTF-16 code
 * unit order, the order JCS sorts keys in, so the file reads in the order it is hashed.
 */
export async function buildSnapshot(
  timestamp: number,
  entries: Iterable<[string, SnapshotEntry]>,
): Promise<RegistrySnapshot> {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const map: Record<string, SnapshotEntry> = {};
  for (const [name, { sha256, md5 }] of sorted) {
    if (Object.hasOwn(map, name)) throw new RangeError(`duplicate snapshot entry ${name}`);
    map[name] = { sha256, md5 };
  }
  return { snapshot_hash: await snapshotHash(timestamp, map), timestamp, entries: map };
}

/** The bytes a snapshot is served as: two-space JSON in the spec example's key order, and a newline. */
export function snapshotText(s: RegistrySnapshot): string {
  const ordered = { snapshot_hash: s.snapshot_hash, timestamp: s.timestamp, entries: s.entries };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Parses a snapshot strictly and checks its snapshot_hash; DomainError "invalid snapshot: ...". */
export async function verifySnapshot(value: unknown): Promise<RegistrySnapshot> {
  const parsed = parseDocument(SnapshotDocument, value, "snapshot");
  const actual = await snapshotHash(parsed.timestamp, parsed.entries);
  if (actual !== parsed.snapshot_hash) {
    throw new DomainError(
      "invalid",
      `snapshot verification failed: digest mismatch: snapshot_hash is ${parsed.snapshot_hash}, ` +
        `but the snapshot hashes to ${actual}`,
    );
  }
  return parsed;
}
