// Where transferred packages went (package_moves, docs/adr/0010): the old owner and name of a
// package answer with a permanent redirect to its place now, on public pages, public downloads
// and the owner-qualified API alike.
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { owners, packageMoves, packages } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import type { Package } from "./packages.ts";
import { ownerByHandle } from "./owners.ts";

/** Where a package is now: its owner's handle and its name. */
export interface Place {
  owner: string;
  package: string;
}

/**
 * A package that moved away from the place asked for. It is a not_found, so a door that does
 * not redirect answers exactly as for a missing package.
 */
export class PackageMoved extends DomainError {
  constructor(readonly place: Place, message: string) {
    super("not_found", message);
  }
}

/** The package that was at `ownerId`/`name` before a transfer, with its owner now; or null. */
export async function movedFrom(
  db: Db,
  ownerId: string,
  name: string,
): Promise<{ pkg: Package; ownerHandle: string; ownerKind: "user" | "org" } | null> {
  const [row] = await db.select({ pkg: packages, handle: owners.handle, kind: owners.kind })
    .from(packageMoves)
    .innerJoin(packages, eq(packages.id, packageMoves.packageId))
    .innerJoin(owners, eq(owners.id, packages.ownerId))
    .where(and(eq(packageMoves.ownerId, ownerId), eq(packageMoves.name, name))).limit(1);
  return row ? { pkg: row.pkg, ownerHandle: row.handle, ownerKind: row.kind } : null;
}

/**
 * Where the public package that was at `handle`/`name` is now, when it is still public under an
 * owner with public pages; else null (a private package's new place is not told).
 */
export async function publicPlaceOf(db: Db, handle: string, name: string): Promise<Place | null> {
  const owner = await ownerByHandle(db, handle);
  if (!owner?.public) return null;
  const moved = await movedFrom(db, owner.id, name);
  if (!moved || moved.pkg.visibility !== "public") return null;
  const now = await ownerByHandle(db, moved.ownerHandle);
  return now?.public ? { owner: moved.ownerHandle, package: moved.pkg.name } : null;
}

/**
 * `url` with the owner and name segments (at `at` and `at + 1` of its path) replaced by
 * `place`: the rest of the path and the query stay.
 */
export function relocated(url: URL, at: number, place: Place): string {
  const parts = url.pathname.split("/");
  parts[at] = `@${place.owner}`;
  parts[at + 1] = encodeURIComponent(place.package);
  return parts.join("/") + url.search;
}
