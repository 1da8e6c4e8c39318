// Team grants on one package, for the access policy (docs/adr/0010, "Why teams grant per
// package"): read on every request from the rows, so a removal from a team, the organization
// or a grant's revocation takes effect on the member's next request, sessions and tokens alike.
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { teamMembers, teamPackages } from "../db/schema.ts";
import type { TeamGrant } from "../access/policy.ts";

const RANK: Record<TeamGrant, number> = { read: 1, publish: 2, admin: 3 };

/** The best permission any of the user's teams has on the package, or null. */
export async function teamGrantOn(
  db: Db,
  packageId: string,
  userId: string,
): Promise<TeamGrant | null> {
  const rows = await db.select({ permission: teamPackages.permission }).from(teamPackages)
    .innerJoin(teamMembers, eq(teamMembers.teamId, teamPackages.teamId))
    .where(and(eq(teamPackages.packageId, packageId), eq(teamMembers.userId, userId)));
  let best: TeamGrant | null = null;
  for (const { permission } of rows) {
    if (!best || RANK[permission] > RANK[best]) best = permission;
  }
  return best;
}
