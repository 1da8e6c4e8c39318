// Deprecating one version of a package, or undoing it: one command for the owner's package
// page and for POST/DELETE /v1/packages/{package}/versions/{version}/deprecate.
import { z } from "zod";
import { command } from "../validation.ts";
import type { Package } from "./packages.ts";
import { type PackageVersion, setVersionDeprecation } from "./versions.ts";
import { archivedError, packageAuditActor, versionFor } from "./access.ts";
import { DeprecationMessage } from "./metadata.ts";

export { DeprecationMessage, MAX_DEPRECATION_MESSAGE } from "./metadata.ts";

// A malformed package or version is one that does not exist: the lookups answer not_found,
// the same as for a missing one, on the form and the API alike.
export const VersionDeprecation = z.strictObject({
  owner: z.string().optional(),
  package: z.string(),
  version: z.string(),
  deprecated: z.boolean(),
  message: DeprecationMessage.optional(),
});

/** Deprecates (with an optional message) or undeprecates a version; returns it updated. */
export const setDeprecation = command(
  VersionDeprecation,
  async (s, actor, data): Promise<{ pkg: Package; version: PackageVersion }> => {
    const { pkg, version } = await versionFor(s, actor, "package.update", data);
    if (pkg.archivedAt) throw archivedError(pkg);
    const deprecate = data.deprecated ? { message: data.message || null } : null;
    const updated = await setVersionDeprecation(
      s.db,
      packageAuditActor(actor, pkg),
      pkg,
      version,
      deprecate,
      s.clock(),
    );
    return { pkg, version: updated };
  },
);
