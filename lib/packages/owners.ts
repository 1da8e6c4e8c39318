// The owners packages belong to, as package loaders address them: a user or an organization,
// by id or by handle (stored lowercase), with whether it has public pages.
import { eq } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Database, Db } from "../db/client.ts";
import { owners } from "../db/schema.ts";
import { isPublicOwner } from "./packages.ts";
import { orgsOf } from "../orgs/orgs.ts";
import { PERMISSIONS } from "../access/policy.ts";

export interface PackageOwner {
  id: string;
  handle: string;
  kind: "user" | "org";
  /** An organization, or a user with a verified address (isPublicOwner). */
  public: boolean;
}

async function ownerWhere(db: Db, where: SQL): Promise<PackageOwner | null> {
  const [row] = await db.select({
    id: owners.id,
    handle: owners.handle,
    kind: owners.kind,
    public: isPublicOwner().mapWith(Boolean),
  }).from(owners).where(where).limit(1);
  return row ?? null;
}

export function ownerById(db: Db, id: string): Promise<PackageOwner | null> {
  return ownerWhere(db, eq(owners.id, id));
}

/** The owner with this (lowercase) handle, or null. */
export function ownerByHandle(db: Db, handle: string): Promise<PackageOwner | null> {
  return ownerWhere(db, eq(owners.handle, handle));
}

/**
 * The handles a user may create packages in ("Publish to"): their own first, then, with
 * organizations on, each organization where the policy lets them create packages.
 */
export async function publishTargets(
  database: Database,
  user: { userId: string; handle: string },
  orgsEnabled: boolean,
): Promise<string[]> {
  if (!orgsEnabled) return [user.handle];
  const orgs = await orgsOf(database, user.userId);
  const creators = orgs.filter((o) => PERMISSIONS["package.create"][o.role] === "allow");
  return [user.handle, ...creators.map((o) => o.handle)];
}
