import type { Db } from "../db/client.ts";
import { startPeriodic } from "../jobs.ts";
import { errorFields, type Logger } from "../log.ts";
import { deleteUnreferencedBlob, listUnreferencedBlobs, restoreBlob } from "./blob_records.ts";
import type { BlobStore } from "./blob_store.ts";
import { deleteExpiredStagedUploads } from "../packages/staged_uploads.ts";
import { HOUR } from "../time.ts";

/** How long an unreferenced blob is kept after it was last touched: covers a slow publish. */
export const DEFAULT_GC_GRACE_MS = HOUR;

/** Blobs examined per run, so one run stays short; the next run carries on. */
export const DEFAULT_GC_BATCH = 500;

export interface GarbageCollectionOptions {
  now: Date;
  graceMs?: number;
  batchSize?: number;
  logger?: Logger;
}

export interface GarbageCollectionResult {
  /** Digests whose row and bytes are gone. */
  deleted: string[];
  /** Digests whose bytes could not be deleted; their rows are back for the next run. */
  failed: string[];
  /** Files of writes a crash interrupted (BlobStore.sweepTemporary), removed. */
  temporary: number;
}

/**
 * Drops expired staged uploads and the files of interrupted writes, then removes blobs that
 * no version or staged upload references and that nobody touched within the grace period: the
 * row first, by one conditional statement, then the bytes.
 */
export async function collectGarbage(
  db: Db,
  store: BlobStore,
  options: GarbageCollectionOptions,
): Promise<GarbageCollectionResult> {
  const graceMs = options.graceMs ?? DEFAULT_GC_GRACE_MS;
  if (!Number.isFinite(graceMs) || graceMs < 0) {
    throw new RangeError(`GC grace period must be zero or more milliseconds, got ${graceMs}`);
  }
  const cutoff = new Date(options.now.getTime() - graceMs);
  // First, so an expired upload's blob is garbage in this same run.
  const expired = await deleteExpiredStagedUploads(db, options.now);
  if (expired) options.logger?.info("expired staged uploads dropped", { count: expired });
  const candidates = await listUnreferencedBlobs(db, {
    cutoff,
    limit: options.batchSize ?? DEFAULT_GC_BATCH,
  });
  // A publish writes its blobs ahead to temp files (ADR 0008); one a crash cut short leaves
  // its file, which nothing else would ever remove. The grace period outlasts any publish.
  const temporary = await store.sweepTemporary?.(cutoff) ?? 0;
  if (temporary) options.logger?.info("temporary blob files removed", { count: temporary });
  const result: GarbageCollectionResult = { deleted: [], failed: [], temporary };
  for (const candidate of candidates) {
    // The listing is already stale: a publish may have touched or referenced the blob since.
    // This statement re-checks both and is the only thing that decides.
    const row = await deleteUnreferencedBlob(db, candidate.digest, cutoff);
    if (!row) continue;
    try {
      await store.delete(row.digest);
      result.deleted.push(row.digest);
      options.logger?.info("blob collected", { digest: row.digest, size: row.size });
    } catch (error) {
      // Bytes without a row would never be found again; with the row back, the next run
      // retries. A publish that touched the blob meanwhile keeps its newer row.
      await restoreBlob(db, row);
      result.failed.push(row.digest);
      options.logger?.error("blob collection failed", {
        digest: row.digest,
        ...errorFields(error),
      });
    }
  }
  return result;
}

/** Collects garbage two minutes after start and then every hour; returns the stop function. */
export function startBlobCollection(
  services: { db: Db; blobs: BlobStore; clock: () => Date; logger: Logger },
  options: { firstAfterMs?: number; everyMs?: number } = {},
): () => void {
  return startPeriodic("blob garbage collection", async () => {
    const result = await collectGarbage(services.db, services.blobs, {
      now: services.clock(),
      logger: services.logger,
    });
    if (result.deleted.length || result.failed.length || result.temporary) {
      services.logger.info("blob garbage collection", {
        deleted: result.deleted.length,
        failed: result.failed.length,
        temporary: result.temporary,
      });
    }
  }, {
    firstAfterMs: options.firstAfterMs ?? 2 * 60_000,
    everyMs: options.everyMs ?? HOUR,
    logger: services.logger,
  });
}
