// The owners packages belong to, as package loaders address them: a user or an organization,
// by id or by handle (stored lowercase), with whether it has public pages.
import { eq } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { owners } from "../db/schema.ts";
import { isPublicOwner } from "./packages.ts";

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
