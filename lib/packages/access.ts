// Who may read or change which package, version and staged upload: every door (the owner's
// pages, the /v1 API, downloads) loads them here, and the access policy decides. Anyone else's
// private package reads exactly like a missing one. A package is addressed by its owner's
// handle (a user or an organization) and its name; without a handle, the caller's own.
import type { Services } from "../services.ts";
import {
  actingOwnerId,
  type Actor,
  authorize,
  type Owned,
  PERMISSIONS,
  relationOf,
} from "../access/policy.ts";
import { DomainError } from "../errors.ts";
import { getOwnPackage, getPublicPackage, type Package } from "./packages.ts";
import { getVersion, type PackageVersion } from "./versions.ts";
import { ownerByHandle, ownerById, type PackageOwner } from "./owners.ts";
import { movedFrom, PackageMoved, publicPlaceOf } from "./moves.ts";
import { roleIn } from "../orgs/orgs.ts";
import { teamGrantOn } from "../orgs/grants.ts";
import { orgAuditActor } from "../orgs/audit.ts";

export type PackageAction =
  | "package.read"
  | "package.update"
  | "package.publish"
  | "package.keys"
  | "package.transfer";

/** The refusal for any change to an archived package, the same at every door. */
export function archivedError(pkg: Package): DomainError {
  return new DomainError(
    "conflict",
    `Package ${pkg.name} is archived and read-only; unarchive it first ` +
      `(in its settings, or send {"archived": false})`,
  );
}

export const PACKAGE_NOT_FOUND = "package not found";

/**
 * Who an audit event about `pkg` is by, in whose log: the package's owner's (an organization's
 * log for its packages, docs/adr/0010), so a package's history is its owner's and moves with it.
 */
export function packageAuditActor(actor: Actor, pkg: { ownerId: string }) {
  return orgAuditActor(actor, pkg.ownerId);
}

/** A package by its owner's handle (lowercase; omitted: the caller's own) and its name. */
export interface PackageRef {
  owner?: string;
  package: string;
}

/**
 * The owner a handle names, as the actor may address it: their own (also without a handle), an
 * organization, or a user with public pages (lib/packages/packages.ts isPublicOwner); else null.
 */
export async function ownerAt(
  s: Services,
  actor: Actor,
  handle: string | undefined,
): Promise<PackageOwner | null> {
  // A token acts for one owner (the user's own or an organization): without a handle, that one.
  const self = actor.kind === "user" ? actingOwnerId(actor) : null;
  if (handle === undefined) return self ? await ownerById(s.db, self) : null;
  const owner = await ownerByHandle(s.db, handle.toLowerCase());
  return owner && (owner.public || owner.id === self) ? owner : null;
}

/**
 * What the policy needs about the actor and a resource of `owner`: their role in it when it is
 * an organization, and for a plain member their teams' best grant on the package. Read from the
 * rows on every request, so a removal takes effect at once.
 */
export async function ownedBy(
  s: Services,
  actor: Actor,
  owner: PackageOwner,
  pkg?: Package | null,
): Promise<Owned> {
  const resource: Owned = { ownerId: owner.id, visibility: pkg?.visibility };
  if (owner.kind !== "org" || actor.kind !== "user") return resource;
  const role = await roleIn(s.db, owner.id, actor.userId);
  const grant = role === "member" && pkg ? await teamGrantOn(s.db, pkg.id, actor.userId) : null;
  return { ...resource, role, grant };
}

/**
 * The package `ref.package` of the owner `ref.owner`, with its owner, when the policy allows
 * `action` on it. A package the actor may not read (private, not theirs, no role or grant) is
 * refused exactly like a missing one; one they may read but not change is forbidden.
 */
export async function packageWithOwner(
  s: Services,
  actor: Actor,
  action: PackageAction,
  ref: PackageRef,
): Promise<{ pkg: Package; owner: PackageOwner; resource: Owned }> {
  const owner = await ownerAt(s, actor, ref.owner);
  const pkg = owner ? await getOwnPackage(s.db, owner.id, ref.package) : null;
  if (owner && !pkg) await throwIfMoved(s, actor, owner.id, ref.package);
  const resource = await authorizePackage(s, actor, action, owner, pkg);
  return { pkg: pkg!, owner: owner!, resource };
}

/**
 * Throws PackageMoved when a package was transferred away from `ownerId`/`name` and the actor
 * may read it where it is now; else returns (and the caller answers not_found).
 */
async function throwIfMoved(s: Services, actor: Actor, ownerId: string, name: string) {
  const moved = await movedFrom(s.db, ownerId, name);
  if (!moved) return;
  const now = { id: moved.pkg.ownerId, handle: moved.ownerHandle, kind: moved.ownerKind };
  const resource = await ownedBy(s, actor, { ...now, public: true }, moved.pkg);
  if (!readable(actor, resource)) return;
  const place = { owner: moved.ownerHandle, package: moved.pkg.name };
  throw new PackageMoved(place, PACKAGE_NOT_FOUND);
}

/** Throws unless the policy allows `action` on `owner`'s package `pkg` (null: a missing one). */
export async function authorizePackage(
  s: Services,
  actor: Actor,
  action: PackageAction,
  owner: PackageOwner | null,
  pkg: Package | null,
): Promise<Owned> {
  if (!owner || !pkg) throw new DomainError("not_found", PACKAGE_NOT_FOUND);
  const resource = await ownedBy(s, actor, owner, pkg);
  authorize(actor, action, readable(actor, resource) ? resource : null, PACKAGE_NOT_FOUND);
  return resource;
}

/** Throws unless the actor may create packages in `owner` (its owners and admins, or itself). */
export async function authorizeCreate(s: Services, actor: Actor, owner: PackageOwner | null) {
  const resource = owner ? await ownedBy(s, actor, owner) : null;
  authorize(actor, "package.create", resource, PACKAGE_NOT_FOUND);
}

/** Whether the actor may see the package exists (before scopes): else it is a missing one. */
function readable(actor: Actor, resource: Owned): boolean {
  if (resource.visibility === "public") return true;
  if (actor.kind !== "user") return false;
  return PERMISSIONS["package.read"][relationOf(actor, resource)] === "allow";
}

/** `packageWithOwner`'s package (docs/adr/0010: every door loads packages here). */
export async function packageAt(
  s: Services,
  actor: Actor,
  action: PackageAction,
  ref: PackageRef,
): Promise<Package> {
  return (await packageWithOwner(s, actor, action, ref)).pkg;
}

/** The package `name` (the caller's own) or `ref`, when the policy allows `action` on it. */
export async function packageFor(
  s: Services,
  actor: Actor,
  action: PackageAction,
  name: string | PackageRef,
): Promise<Package> {
  return await packageAt(s, actor, action, typeof name === "string" ? { package: name } : name);
}

/** `packageFor`, refusing an archived package: for every change but unarchiving. */
export async function writablePackageFor(
  s: Services,
  actor: Actor,
  action: "package.update" | "package.publish" | "package.keys",
  name: string | PackageRef,
): Promise<Package> {
  const pkg = await packageFor(s, actor, action, name);
  if (pkg.archivedAt) throw archivedError(pkg);
  return pkg;
}

/** The actor's package and its version `version` (malformed is missing), or not_found. */
export async function versionFor(
  s: Services,
  actor: Actor,
  action: PackageAction,
  input: PackageRef & { version: string },
): Promise<{ pkg: Package; version: PackageVersion }> {
  const pkg = await packageAt(s, actor, action, { owner: input.owner, package: input.package });
  const version = await getVersion(s.db, pkg.id, input.version);
  if (!version) throw new DomainError("not_found", "package version not found");
  return { pkg, version };
}

/**
 * A public package's version for anyone (/@handle downloads): a private package, an owner
 * without public pages, a missing package and a missing version are the same not_found.
 */
export async function publicVersion(
  s: Services,
  actor: Actor,
  input: { handle: string; package: string; version: string },
): Promise<{ pkg: Package; version: PackageVersion }> {
  const handle = input.handle.toLowerCase();
  const pkg = await getPublicPackage(s.db, handle, input.package);
  if (!pkg) {
    const place = await publicPlaceOf(s.db, handle, input.package);
    if (place) throw new PackageMoved(place, "Page not found");
  }
  authorize(actor, "package.read", pkg, "Page not found");
  const version = await getVersion(s.db, pkg!.id, input.version);
  if (!version) throw new DomainError("not_found", "Page not found");
  return { pkg: pkg!, version };
}
