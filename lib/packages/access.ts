// Who may read or change which package, version and staged upload: every door (the owner's
// pages, the /v1 API, downloads) loads them here, and the access policy decides. Anyone else's
// private package reads exactly like a missing one.
import type { Services } from "../services.ts";
import { type Actor, authorize } from "../access/policy.ts";
import { DomainError } from "../errors.ts";
import { getOwnPackage, getPublicPackage, type Package } from "./packages.ts";
import { getVersion, type PackageVersion } from "./versions.ts";

export type PackageAction = "package.read" | "package.update" | "package.publish" | "package.keys";

/** The refusal for any change to an archived package, the same at every door. */
export function archivedError(pkg: Package): DomainError {
  return new DomainError(
    "conflict",
    `Package ${pkg.name} is archived and read-only; unarchive it first ` +
      `(in its settings, or send {"archived": false})`,
  );
}

/** The actor's package named `name`, when the policy allows `action` on it; else not_found. */
export async function packageFor(
  s: Services,
  actor: Actor,
  action: PackageAction,
  name: string,
): Promise<Package> {
  const pkg = actor.kind === "user" ? await getOwnPackage(s.db, actor.ownerId, name) : null;
  authorize(actor, action, pkg, "package not found");
  return pkg!;
}

/** `packageFor`, refusing an archived package: for every change but unarchiving. */
export async function writablePackageFor(
  s: Services,
  actor: Actor,
  action: "package.update" | "package.publish" | "package.keys",
  name: string,
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
  input: { package: string; version: string },
): Promise<{ pkg: Package; version: PackageVersion }> {
  const pkg = await packageFor(s, actor, action, input.package);
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
  const pkg = await getPublicPackage(s.db, input.handle.toLowerCase(), input.package);
  authorize(actor, "package.read", pkg, "Page not found");
  const version = await getVersion(s.db, pkg!.id, input.version);
  if (!version) throw new DomainError("not_found", "Page not found");
  return { pkg: pkg!, version };
}
