// Rows of staged_uploads: which user may review and publish which staged bytes, until when.
// Every lookup is scoped to that user, so knowing a digest never reaches anyone else's bytes.
import { and, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { stagedUploads } from "../db/schema.ts";
import { DAY } from "../time.ts";

/** How long an upload waits for review before it is "not available any more". */
export const STAGED_UPLOAD_TTL_MS = DAY;

/** Records that `userId` staged `digest` at `now`; staging the same bytes again renews it. */
export async function recordStagedUpload(
  db: Db,
  upload: { userId: string; digest: string },
  now: Date,
): Promise<void> {
  const expiresAt = new Date(now.getTime() + STAGED_UPLOAD_TTL_MS);
  await db.insert(stagedUploads).values({ ...upload, createdAt: now, expiresAt })
    .onConflictDoUpdate({
      target: [stagedUploads.userId, stagedUploads.digest],
      set: { createdAt: now, expiresAt },
    });
}

/** Whether `userId` staged `digest` and it has not expired at `now`. */
export async function hasStagedUpload(
  db: Db,
  upload: { userId: string; digest: string },
  now: Date,
): Promise<boolean> {
  const [row] = await db.select({ digest: stagedUploads.digest }).from(stagedUploads)
    .where(and(
      eq(stagedUploads.userId, upload.userId),
      eq(stagedUploads.digest, upload.digest),
      gt(stagedUploads.expiresAt, now),
    ))
    .limit(1);
  return !!row;
}

/** Deletes the rows expired at `now`, so their blobs become garbage; returns how many. */
export async function deleteExpiredStagedUploads(db: Db, now: Date): Promise<number> {
  const rows = await db.delete(stagedUploads).where(lte(stagedUploads.expiresAt, now))
    .returning({ digest: stagedUploads.digest });
  return rows.length;
}
