import { and, asc, eq, lt, notExists, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { blobs, packageVersions, stagedUploads } from "../db/schema.ts";
import { assertDigest } from "./digest.ts";

/** A row of the `blobs` table: a blob the store may hold. */
export interface BlobRecord {
  digest: string;
  size: number;
  mediaType: string;
  createdAt: Date;
  touchedAt: Date;
}

/** A blob to record: its digest, size and media type. */
export interface BlobInput {
  digest: string;
  size: number;
  mediaType: string;
}

/**
 * Records a blob, or marks a known one as used at `now`, in one atomic upsert. Call it before
 * putting the bytes, so a crash never leaves a blob the database does not know.
 */
export async function touchBlob(db: Db, blob: BlobInput, now: Date): Promise<BlobRecord> {
  const [row] = await touchStatement(db, [blob], now).returning();
  return row!;
}

/** touchBlob for several blobs in one statement (one commit, one fsync of the database). */
export async function touchBlobs(db: Db, list: readonly BlobInput[], now: Date): Promise<void> {
  // One upsert may not touch a row twice.
  const unique = [...new Map(list.map((blob) => [blob.digest, blob])).values()];
  if (unique.length) await touchStatement(db, unique, now);
}

function touchStatement(db: Db, list: readonly BlobInput[], now: Date) {
  for (const blob of list) {
    assertDigest(blob.digest);
    if (!Number.isSafeInteger(blob.size) || blob.size < 0) {
      throw new RangeError(`blob size must be a whole number of bytes, got ${blob.size}`);
    }
    if (!blob.mediaType) throw new RangeError("blob media type must not be empty");
  }
  return db.insert(blobs)
    .values(list.map((blob) => ({ ...blob, createdAt: now, touchedAt: now })))
    .onConflictDoUpdate({
      target: blobs.digest,
      // max(): an instance whose clock runs behind must not shorten another's grace period.
      set: { touchedAt: sql`max(${blobs.touchedAt}, excluded.touched_at)` },
    });
}

/** The row of one blob, or null. */
export async function findBlob(db: Db, digest: string): Promise<BlobRecord | null> {
  const [row] = await db.select().from(blobs).where(eq(blobs.digest, digest)).limit(1);
  return row ?? null;
}

/** Blob rows, least recently touched first. */
export function listBlobs(db: Db, options: { limit?: number } = {}): Promise<BlobRecord[]> {
  return db.select().from(blobs)
    .orderBy(asc(blobs.touchedAt), asc(blobs.digest))
    .limit(options.limit ?? 1000);
}

/**
 * Rows that no version or staged upload references and nobody touched since `cutoff`, least
 * recent first.
 */
export function listUnreferencedBlobs(
  db: Db,
  options: { cutoff: Date; limit: number },
): Promise<BlobRecord[]> {
  return db.select().from(blobs)
    .where(and(lt(blobs.touchedAt, options.cutoff), ...unreferenced(db)))
    .orderBy(asc(blobs.touchedAt), asc(blobs.digest))
    .limit(options.limit);
}

/**
 * Deletes a blob's row if, at this instant, no version or staged upload references it and
 * nobody touched it since `cutoff`; returns the deleted row, or null when it was kept (or already gone). One
 * statement, so a publish that touches the blob meanwhile always wins.
 */
export async function deleteUnreferencedBlob(
  db: Db,
  digest: string,
  cutoff: Date,
): Promise<BlobRecord | null> {
  const [row] = await db.delete(blobs)
    .where(and(
      eq(blobs.digest, digest),
      lt(blobs.touchedAt, cutoff),
      ...unreferenced(db),
    ))
    .returning();
  return row ?? null;
}

/** Puts back a row GC deleted when removing its bytes then failed, unless one exists again. */
export async function restoreBlob(db: Db, record: BlobRecord): Promise<void> {
  await db.insert(blobs).values(record).onConflictDoNothing({ target: blobs.digest });
}

// A staged upload row counts until GC deletes it as expired (lib/artifacts/gc.ts does so before
// it looks for garbage), so a blob under review is never collected.
function unreferenced(db: Db) {
  return [
    notExists(
      db.select({ one: sql`1` }).from(packageVersions).where(or(
        eq(packageVersions.archiveDigest, blobs.digest),
        eq(packageVersions.artifactDigest, blobs.digest),
      )),
    ),
    notExists(
      db.select({ one: sql`1` }).from(stagedUploads).where(eq(stagedUploads.digest, blobs.digest)),
    ),
  ];
}
