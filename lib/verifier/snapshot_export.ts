// Snapshot export: the registry snapshot of an owner's package versions. The owner gets every
// version of every package; anyone else gets the versions of the owner's public packages (the
// ones anybody can download). The timestamp is the newest included publication (never the
// clock), so the same versions give the same bytes whenever they are asked for.
import { and, eq } from "drizzle-orm";
import type { Services } from "../services.ts";
import { packages, packageVersions } from "../db/schema.ts";
import { type Actor, authorize } from "../access/policy.ts";
import { DomainError } from "../errors.ts";
import { getOwnerByHandle } from "../packages/packages.ts";
import { artifactMd5 } from "./md5.ts";
import { buildSnapshot, entryName, type RegistrySnapshot, type SnapshotEntry } from "./snapshot.ts";

interface VersionRow {
  name: string;
  version: string;
  artifactDigest: string;
  publishedAt: Date;
}

function versionsOf(s: Services, ownerId: string, publicOnly: boolean): Promise<VersionRow[]> {
  return s.db.select({
    name: packages.name,
    version: packageVersions.version,
    artifactDigest: packageVersions.artifactDigest,
    publishedAt: packageVersions.publishedAt,
  }).from(packageVersions)
    .innerJoin(packages, eq(packages.id, packageVersions.packageId))
    .where(and(
      eq(packages.ownerId, ownerId),
      publicOnly ? eq(packages.visibility, "public") : undefined,
    ));
}

async function snapshotOf(s: Services, rows: VersionRow[]): Promise<RegistrySnapshot> {
  const entries: Array<[string, SnapshotEntry]> = [];
  let newest = 0;
  // One version at a time: each md5 may stream a wasm of up to 16 MiB from the blob store.
  for (const row of rows) {
    const md5 = await artifactMd5(s, row.artifactDigest);
    entries.push([entryName(row.name, row.version), { sha256: row.artifactDigest, md5 }]);
    newest = Math.max(newest, Math.floor(row.publishedAt.getTime() / 1000));
  }
  return buildSnapshot(newest, entries);
}

/** The snapshot of every version of the actor's own packages (action package.read). */
export async function ownSnapshot(s: Services, actor: Actor): Promise<RegistrySnapshot> {
  if (actor.kind !== "user") {
    throw new DomainError("unauthenticated", "sign in, or send an API token");
  }
  // The policy still decides (a token needs packages:read), with the actor's own owner as the
  // resource.
  authorize(actor, "package.read", { ownerId: actor.ownerId }, "owner not found");
  return snapshotOf(s, await versionsOf(s, actor.ownerId, false));
}

/** The snapshot of a public owner's public package versions, for anyone; 404 for no such owner. */
export async function publicSnapshot(
  s: Services,
  handle: string,
): Promise<{ handle: string; snapshot: RegistrySnapshot }> {
  const owner = await getOwnerByHandle(s.db, handle.toLowerCase());
  if (!owner) throw new DomainError("not_found", "owner not found");
  return {
    handle: owner.handle,
    snapshot: await snapshotOf(s, await versionsOf(s, owner.id, true)),
  };
}
