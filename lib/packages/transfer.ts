// Transferring a package to another owner (docs/adr/0010): a user to an organization, between
// organizations, or an organization's package to the acting admin themself. Only someone who
// may transfer on both sides (the user themself, or an owner or admin of the organization) may.
// The package row changes owner, so its versions, digests and counters go with it; its audit
// history moves to the new owner's log; teams of the old organization lose their grants; and a
// package_moves row keeps the old owner and name answering with a permanent redirect.
import { and, eq, inArray, not, or, sql } from "drizzle-orm";
import { z } from "zod";
import {
  auditEvents,
  packageMoves,
  packages,
  packageVersions,
  teamPackages,
} from "../db/schema.ts";
import { can } from "../access/policy.ts";
import { DomainError, invalid } from "../errors.ts";
import { command } from "../validation.ts";
import { isUniqueViolation } from "../auth/accounts.ts";
import { orgAudit } from "../orgs/audit.ts";
import { ownedBy, ownerAt, packageWithOwner } from "./access.ts";
import { getPackageById, type Package } from "./packages.ts";
import type { PackageOwner } from "./owners.ts";

export const PackageTransfer = z.strictObject({
  owner: z.string().optional(),
  package: z.string(),
  to: z.string("must be the handle of a user or an organization").trim().min(
    1,
    "must be the handle of a user or an organization",
  ),
});

const WHERE_TO =
  "you can transfer a package only to yourself or to an organization where you are an owner or admin";

/** Moves the package to the owner `to`; returns it with its new owner. */
export const transferPackage = command(
  PackageTransfer,
  async (s, actor, data): Promise<{ pkg: Package; owner: PackageOwner }> => {
    const { pkg, owner: from } = await packageWithOwner(s, actor, "package.transfer", data);
    const handle = data.to.replace(/^@/, "").toLowerCase();
    const to = await ownerAt(s, actor, handle);
    if (!to) throw invalid("to", `to: there is no user or organization @${handle}`);
    if (to.id === from.id) throw invalid("to", `to: the package already belongs to @${to.handle}`);
    if (!can(actor, "package.transfer", await ownedBy(s, actor, to)).allowed) {
      throw new DomainError("forbidden", WHERE_TO, {
        issues: [{ field: "to", message: WHERE_TO }],
      });
    }
    const now = s.clock();
    const versionIds = s.db.select({ id: packageVersions.id }).from(packageVersions)
      .where(eq(packageVersions.packageId, pkg.id));
    const detail = { package: pkg.name, from: from.handle, to: to.handle };
    const event = (action: "package.transfer_out" | "package.transfer_in") => ({
      action,
      targetType: "package",
      targetId: pkg.id,
      metadata: detail,
    });
    try {
      await s.db.batch([
        // Guarded by the owner it had when loaded: a racing transfer changes nothing here.
        s.db.update(packages).set({ ownerId: to.id, updatedAt: now })
          .where(and(eq(packages.id, pkg.id), eq(packages.ownerId, from.id))),
        s.db.delete(teamPackages).where(eq(teamPackages.packageId, pkg.id)),
        s.db.delete(packageMoves)
          .where(and(eq(packageMoves.ownerId, to.id), eq(packageMoves.name, pkg.name))),
        s.db.insert(packageMoves)
          .values({ ownerId: from.id, name: pkg.name, packageId: pkg.id, movedAt: now })
          .onConflictDoUpdate({
            target: [packageMoves.ownerId, packageMoves.name],
            set: { packageId: pkg.id, movedAt: now },
          }),
        // The package's history goes with it (earlier transfers stay in the log they were in).
        s.db.update(auditEvents).set({ ownerId: to.id }).where(and(
          eq(auditEvents.ownerId, from.id),
          not(sql`${auditEvents.action} LIKE 'package.transfer_%'`),
          or(
            and(eq(auditEvents.targetType, "package"), eq(auditEvents.targetId, pkg.id)),
            and(
              eq(auditEvents.targetType, "package_version"),
              inArray(auditEvents.targetId, versionIds),
            ),
          ),
        )),
        orgAudit(s.db, actor, from.id, event("package.transfer_out"), now),
        orgAudit(s.db, actor, to.id, event("package.transfer_in"), now),
      ]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const message = `to: @${to.handle} already has a package named ${pkg.name}`;
      throw new DomainError("conflict", message, { issues: [{ field: "to", message }] });
    }
    return { pkg: (await getPackageById(s.db, pkg.id))!, owner: to };
  },
);
