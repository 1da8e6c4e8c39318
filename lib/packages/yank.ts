// Yanking one version of a package, or undoing it: one command for the owner's package page
// and for POST/DELETE /v1/packages/{package}/versions/{version}/yank. A yanked version stays
// downloadable by exact version and digest (a lockfile keeps working) but resolution and
// "latest" never choose it. Unlike a deprecation (a warning), it changes what resolves; unlike
// archiving, it leaves the package writable.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { auditActor } from "../access/policy.ts";
import { auditInsert } from "../audit/audit.ts";
import { packages, packageVersions } from "../db/schema.ts";
import { command } from "../validation.ts";
import type { Package } from "./packages.ts";
import { type PackageVersion, recomputeLatest } from "./versions.ts";
import { archivedError, versionFor } from "./access.ts";

export const MAX_YANK_REASON = 500;

/** Why a version is yanked: required, shown on its listing and public page. */
const SAY_WHY = 'say why the version is yanked, such as "Leaks the token it is given; use 1.2.1"';
export const YankReason = z.string({ error: SAY_WHY })
  .trim()
  .min(1, SAY_WHY)
  .max(MAX_YANK_REASON, `must be at most ${MAX_YANK_REASON} characters`);

// A malformed package or version is one that does not exist (not_found), as for deprecation.
export const VersionYank = z.discriminatedUnion("yanked", [
  z.strictObject({
    owner: z.string().optional(),
    package: z.string(),
    version: z.string(),
    yanked: z.literal(true),
    // Either door may send none: the command says it is missing, with one message.
    reason: z.string().optional().pipe(YankReason),
  }),
  z.strictObject({
    owner: z.string().optional(),
    package: z.string(),
    version: z.string(),
    yanked: z.literal(false),
  }),
]);

/** Yanks (with a reason) or unyanks a version; returns it updated. */
export const setYank = command(
  VersionYank,
  async (s, actor, data): Promise<{ pkg: Package; version: PackageVersion }> => {
    const { pkg, version } = await versionFor(s, actor, "package.update", data);
    if (pkg.archivedAt) throw archivedError(pkg);
    const reason = data.yanked ? data.reason : null;
    // Yanking again with the same reason, or unyanking a version that is not yanked, is a no-op.
    if (data.yanked ? version.yankReason === reason : !version.yankedAt) return { pkg, version };
    const now = s.clock();
    const meta = { package: pkg.name, version: version.version };
    await s.db.batch([
      s.db.update(packageVersions)
        .set({ yankedAt: reason ? (version.yankedAt ?? now) : null, yankReason: reason })
        .where(eq(packageVersions.id, version.id)),
      recomputeLatest(s.db, pkg.id),
      s.db.update(packages).set({ updatedAt: now }).where(eq(packages.id, pkg.id)),
      auditInsert(s.db, auditActor(actor)!, {
        action: reason ? "version.yank" : "version.unyank",
        targetType: "package_version",
        targetId: version.id,
        metadata: reason ? { ...meta, reason } : meta,
      }, now),
    ]);
    const [row] = await s.db.select().from(packageVersions)
      .where(eq(packageVersions.id, version.id)).limit(1);
    return { pkg, version: row! };
  },
);
