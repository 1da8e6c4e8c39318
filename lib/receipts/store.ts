// Stored execution receipts: one row per receipt hash per context. Every query names the
// context, which the caller has already been allowed to see (lib/contexts/commands.ts).
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { contextReceipts, contexts, packages, packageVersions } from "../db/schema.ts";

/** A receipt as verified and ready to store. */
export interface NewReceipt {
  receiptHash: string;
  schemaVersion: string;
  artifact: string;
  capsUsed: string[];
  ranAt: number;
  receipt: Record<string, unknown>;
}

/** A stored receipt with the version it ran, when the context's owner has it. */
export interface StoredReceipt extends NewReceipt {
  id: number;
  receivedAt: Date;
  packageName: string | null;
  packageVersion: string | null;
  manifest: Record<string, unknown> | null;
}

/**
 * The owner's version for each artifact digest. Several versions may share one wasm: the
 * context's own linked version wins, then the newest published one.
 */
export async function versionsByArtifact(
  db: Db,
  contextId: string,
  artifacts: string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const [context] = await db.select({
    ownerId: contexts.ownerId,
    linked: contexts.packageVersionId,
  }).from(contexts).where(eq(contexts.id, contextId)).limit(1);
  if (!context || artifacts.length === 0) return found;
  const rows = await db.select({ id: packageVersions.id, artifact: packageVersions.artifactDigest })
    .from(packageVersions).innerJoin(packages, eq(packages.id, packageVersions.packageId))
    .where(and(
      eq(packages.ownerId, context.ownerId),
      inArray(packageVersions.artifactDigest, [...new Set(artifacts)]),
    )).orderBy(desc(packageVersions.publishedAt));
  for (const row of rows) {
    if (!found.has(row.artifact) || row.id === context.linked) found.set(row.artifact, row.id);
  }
  return found;
}

/** Stores the receipts not stored yet, in one statement; the hashes that were new. */
export async function insertReceipts(
  db: Db,
  contextId: string,
  receipts: NewReceipt[],
  now: Date,
): Promise<Set<string>> {
  if (receipts.length === 0) return new Set();
  const versions = await versionsByArtifact(db, contextId, receipts.map((r) => r.artifact));
  const inserted = await db.insert(contextReceipts).values(receipts.map((r) => ({
    contextId,
    ...r,
    packageVersionId: versions.get(r.artifact) ?? null,
    receivedAt: now,
  }))).onConflictDoNothing().returning({ hash: contextReceipts.receiptHash });
  return new Set(inserted.map((r) => r.hash));
}

const columns = {
  id: contextReceipts.id,
  receiptHash: contextReceipts.receiptHash,
  schemaVersion: contextReceipts.schemaVersion,
  artifact: contextReceipts.artifact,
  capsUsed: contextReceipts.capsUsed,
  ranAt: contextReceipts.ranAt,
  receivedAt: contextReceipts.receivedAt,
  receipt: contextReceipts.receipt,
  packageName: packages.name,
  packageVersion: packageVersions.version,
  manifest: packageVersions.manifest,
};

function selectReceipts(db: Db) {
  return db.select(columns).from(contextReceipts)
    .leftJoin(packageVersions, eq(packageVersions.id, contextReceipts.packageVersionId))
    .leftJoin(packages, eq(packages.id, packageVersions.packageId));
}

/** A page of the context's receipts, newest first (by arrival); nextBeforeId continues it. */
export async function listReceipts(
  db: Db,
  contextId: string,
  options: { beforeId?: number; limit: number },
): Promise<{ receipts: StoredReceipt[]; nextBeforeId: number | null }> {
  const rows = await selectReceipts(db).where(and(
    eq(contextReceipts.contextId, contextId),
    options.beforeId === undefined ? undefined : lt(contextReceipts.id, options.beforeId),
  )).orderBy(desc(contextReceipts.id)).limit(options.limit + 1);
  const more = rows.length > options.limit;
  const receipts = rows.slice(0, options.limit);
  return { receipts, nextBeforeId: more ? receipts[receipts.length - 1]!.id : null };
}

/** The context's receipts with these hashes (the answer to a batch). */
export async function receiptsByHash(
  db: Db,
  contextId: string,
  hashes: string[],
): Promise<Map<string, StoredReceipt>> {
  if (hashes.length === 0) return new Map();
  const rows = await selectReceipts(db).where(and(
    eq(contextReceipts.contextId, contextId),
    inArray(contextReceipts.receiptHash, hashes),
  ));
  return new Map(rows.map((r) => [r.receiptHash, r]));
}

/** Whether `id` is one of the context's receipts (a cursor must be). */
export async function isReceiptOf(db: Db, contextId: string, id: number): Promise<boolean> {
  const [row] = await db.select({ id: contextReceipts.id }).from(contextReceipts)
    .where(and(eq(contextReceipts.id, id), eq(contextReceipts.contextId, contextId))).limit(1);
  return row !== undefined;
}
