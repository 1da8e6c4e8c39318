// The commands that create and change a package, one for every door: POST and PATCH
// /v1/packages, the settings form and the visibility page. Each parses its input with the one
// schema (lib/packages/metadata.ts), asks the access policy, applies every rule and writes its
// audit events in the same batch, or throws a DomainError.
import { z } from "zod";
import { auditActor, authorize } from "../access/policy.ts";
import { DomainError, invalid } from "../errors.ts";
import { command, parseInput } from "../validation.ts";
import { isUniqueViolation } from "../auth/accounts.ts";
import { archivedError, packageAuditActor, packageFor } from "./access.ts";
import { NewPackage, PackagePatch } from "./metadata.ts";
import {
  applyPackagePatch,
  checkPackageName,
  getPackageById,
  newPackage,
  type Package,
} from "./packages.ts";

/** Creates an empty package (private unless said otherwise); a taken name is a conflict. */
export const createPackage = command(
  NewPackage,
  async (s, actor, data): Promise<Package> => {
    const problem = checkPackageName(data.name);
    if (problem) throw invalid("name", problem);
    // The new package is the actor's own: the policy decides on who asks and how.
    const ownerId = actor.kind === "user" ? actor.ownerId : "";
    authorize(actor, "package.publish", { ownerId }, "package not found");
    const created = newPackage(s.db, auditActor(actor)!, {
      name: data.name,
      visibility: data.visibility ?? "private",
      description: data.description?.trim() || null,
    }, s.clock());
    try {
      await s.db.batch(created.writes);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError("conflict", "package already exists for owner");
      }
      throw error;
    }
    return (await getPackageById(s.db, created.id))!;
  },
);

export const PackageUpdate = z.object({
  owner: z.string().optional(),
  package: z.string(),
  patch: z.unknown(),
});

/**
 * Changes a package's details, visibility or lifecycle (lib/packages/metadata.ts PackagePatch).
 * An archived package is read-only: only `{"archived": false}` is accepted.
 */
export const updatePackage = command(
  PackageUpdate,
  async (s, actor, { owner, package: name, patch: raw }): Promise<Package> => {
    const patch = parseInput(PackagePatch, raw);
    const pkg = await packageFor(s, actor, "package.update", { owner, package: name });
    const keys = Object.keys(patch);
    const onlyUnarchive = keys.every((k) => k === "archived") && patch.archived === false;
    if (pkg.archivedAt && keys.length > 0 && !onlyUnarchive) throw archivedError(pkg);
    return await applyPackagePatch(s.db, packageAuditActor(actor, pkg), pkg, patch, s.clock());
  },
);
