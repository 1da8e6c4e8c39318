// Deprecating one version of a package, or undoing it: one command for the owner's package
// page and for POST/DELETE /v1/packages/{package}/versions/{version}/deprecate.
import { z } from "zod";
import type { Services } from "../services.ts";
import { type Actor, auditActor, authorize } from "../access/policy.ts";
import { DomainError } from "../errors.ts";
import { parseInput } from "../validation.ts";
import { getOwnPackage, type Package } from "./packages.ts";
import { getVersion, type PackageVersion, setVersionDeprecation } from "./versions.ts";
import { isValidVersion } from "./bundle/version.ts";

export const MAX_DEPRECATION_MESSAGE = 500;

/** Why a version or package is deprecated: trimmed, at most 500 characters; blank is none. */
export const DeprecationMessage = z.string()
  .trim()
  .max(
    MAX_DEPRECATION_MESSAGE,
    `must be at most ${MAX_DEPRECATION_MESSAGE} characters, such as "Use 1.2.1: fixes a crash"`,
  );

// A malformed package or version is one that does not exist: the lookups answer not_found,
// the same as for a missing one, on the form and the API alike.
export const VersionDeprecation = z.strictObject({
  package: z.string(),
  version: z.string(),
  deprecated: z.boolean(),
  message: DeprecationMessage.optional(),
});

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
  action: "package.read" | "package.update" | "package.publish",
  name: string,
): Promise<Package> {
  const pkg = actor.kind === "user" ? await getOwnPackage(s.db, actor.ownerId, name) : null;
  authorize(actor, action, pkg, "package not found");
  return pkg!;
}

/** Deprecates (with an optional message) or undeprecates a version; returns it updated. */
export async function setDeprecation(
  s: Services,
  actor: Actor,
  input: z.input<typeof VersionDeprecation>,
): Promise<{ pkg: Package; version: PackageVersion }> {
  const data = parseInput(VersionDeprecation, input);
  const pkg = await packageFor(s, actor, "package.update", data.package);
  const version = isValidVersion(data.version)
    ? await getVersion(s.db, pkg.id, data.version)
    : null;
  if (!version) throw new DomainError("not_found", "package version not found");
  if (pkg.archivedAt) throw archivedError(pkg);
  const deprecate = data.deprecated ? { message: data.message || null } : null;
  const updated = await setVersionDeprecation(
    s.db,
    auditActor(actor)!,
    pkg,
    version,
    deprecate,
    s.clock(),
  );
  return { pkg, version: updated };
}
