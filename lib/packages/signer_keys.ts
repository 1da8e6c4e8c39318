// The keys a package pins (docs/adr/0011-trust-model.md). A package published before pinning
// existed has no rows: its pinned set is read from its versions (every key that signed one, in
// publication order) and written, unchanged, by the first command that changes it (a publish
// or a settings change). So pages never write, and the rule is the same before and after.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { packageSignerKeys, packageVersions } from "../db/schema.ts";
import type { KeyCheck } from "./bundle/keys.ts";

export type SignerKey = typeof packageSignerKeys.$inferSelect;

/** The package's keys, oldest first, and whether they are stored or read from its versions. */
export async function pinnedKeysOf(
  db: Db,
  packageId: string,
): Promise<{ keys: SignerKey[]; stored: boolean }> {
  const rows = await db.select().from(packageSignerKeys)
    .where(eq(packageSignerKeys.packageId, packageId))
    .orderBy(asc(packageSignerKeys.addedAt), asc(packageSignerKeys.signer));
  if (rows.length > 0) return { keys: rows, stored: true };
  return { keys: await keysFromVersions(db, packageId), stored: false };
}

async function keysFromVersions(db: Db, packageId: string): Promise<SignerKey[]> {
  const versions = await db.select({
    version: packageVersions.version,
    signers: packageVersions.signers,
    publishedAt: packageVersions.publishedAt,
    publishedByUserId: packageVersions.publishedByUserId,
  }).from(packageVersions).where(eq(packageVersions.packageId, packageId))
    .orderBy(asc(packageVersions.publishedAt), asc(packageVersions.versionOrder));
  const keys = new Map<string, SignerKey>();
  for (const [index, v] of versions.entries()) {
    for (const s of v.signers) {
      const fingerprint = typeof s.key_digest === "string" ? s.key_digest : null;
      if (!fingerprint || keys.has(fingerprint) || s.verified !== true) continue;
      keys.set(fingerprint, {
        id: crypto.randomUUID(),
        packageId,
        signer: String(s.signer),
        algorithm: String(s.algorithm),
        fingerprint,
        publicKey: null,
        status: "active",
        addedVia: index === 0 ? "first_publish" : "history",
        addedInVersion: v.version,
        addedByUserId: v.publishedByUserId,
        addedAt: v.publishedAt,
        retiredAt: null,
        retiredByUserId: null,
      });
    }
  }
  return [...keys.values()];
}

/** The writes that store keys read from versions; nothing when they are stored already. */
export function storeKeysWrites(db: Db, pinned: { keys: SignerKey[]; stored: boolean }) {
  if (pinned.stored || pinned.keys.length === 0) return [];
  return [db.insert(packageSignerKeys).values(pinned.keys).onConflictDoNothing()];
}

/** The writes that pin the keys a publish brought (first publish, or rotation by overlap). */
export function pinPublishedKeysWrites(
  db: Db,
  input: { packageId: string; check: KeyCheck; version: string; userId: string; now: Date },
) {
  const { check } = input;
  if (check.added.length === 0) return [];
  const via = check.outcome === "first_publish" ? "first_publish" as const : "rotation" as const;
  return [
    db.insert(packageSignerKeys).values(check.added.map((k) => ({
      id: crypto.randomUUID(),
      packageId: input.packageId,
      signer: k.signer,
      algorithm: "ed25519",
      fingerprint: k.fingerprint,
      publicKey: k.publicKey,
      status: "active" as const,
      addedVia: via,
      addedInVersion: input.version,
      addedByUserId: input.userId,
      addedAt: input.now,
    }))).onConflictDoNothing(),
  ];
}
