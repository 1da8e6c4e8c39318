// Reads of organizations and their people. Commands (commands.ts, members.ts, invitations.ts,
// teams.ts) decide who may; these only fetch.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database, Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { selectRows } from "../db/rows.ts";
import { organizations, orgMembers, owners, users } from "../db/schema.ts";
import type { OrgRole } from "../access/policy.ts";

export interface Organization {
  id: string;
  handle: string;
  displayName: string;
  description: string | null;
  url: string | null;
  createdAt: Date;
}

export const orgColumns = {
  id: owners.id,
  handle: owners.handle,
  displayName: organizations.displayName,
  description: organizations.description,
  url: organizations.url,
  createdAt: organizations.createdAt,
};

/** The organization with this handle (any case), or null. */
export async function getOrgByHandle(db: Db, handle: string): Promise<Organization | null> {
  const [row] = await db.select(orgColumns).from(owners)
    .innerJoin(organizations, eq(organizations.ownerId, owners.id))
    .where(and(eq(owners.handle, handle.toLowerCase()), eq(owners.kind, "org"))).limit(1);
  return row ?? null;
}

/** The user's role in the organization, read on every request (removal takes effect at once). */
export async function roleIn(db: Db, orgId: string, userId: string): Promise<OrgRole | null> {
  const [row] = await db.select({ role: orgMembers.role }).from(orgMembers)
    .where(and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId))).limit(1);
  return row?.role ?? null;
}

export interface Member {
  userId: string;
  handle: string;
  role: OrgRole;
  joinedAt: Date;
}

/** Members with their handles, to be narrowed by a where clause. */
function members(db: Db) {
  return db.select({
    userId: orgMembers.userId,
    handle: owners.handle,
    role: orgMembers.role,
    joinedAt: orgMembers.createdAt,
  }).from(orgMembers).innerJoin(owners, eq(owners.userId, orgMembers.userId));
}

/** Every member of an organization, owners first, then by handle. */
export async function listMembers(db: Db, orgId: string): Promise<Member[]> {
  return await members(db).where(eq(orgMembers.orgId, orgId))
    .orderBy(
      sql`CASE ${orgMembers.role} WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END`,
      asc(owners.handle),
    );
}

/** The member with this user handle, or null. */
export async function findMember(db: Db, orgId: string, handle: string): Promise<Member | null> {
  const [row] = await members(db).where(
    and(eq(orgMembers.orgId, orgId), eq(owners.handle, handle.toLowerCase())),
  ).limit(1);
  return row ?? null;
}

const MEMBERSHIP_COLUMNS = { ...orgColumns, role: orgMembers.role };

/**
 * The organizations a user belongs to, with their role, by handle. With organizations on,
 * every signed-in page asks this (the header's owner switcher), so it is a prepared read
 * (lib/db/rows.ts).
 */
export async function orgsOf(
  database: Database,
  userId: string,
): Promise<(Organization & { role: OrgRole })[]> {
  const query = prepared(
    database.db,
    "orgs-of-user",
    (db) =>
      db.select(MEMBERSHIP_COLUMNS).from(orgMembers)
        .innerJoin(owners, eq(owners.id, orgMembers.orgId))
        .innerJoin(organizations, eq(organizations.ownerId, owners.id))
        .where(eq(orgMembers.userId, sql.placeholder("user"))).orderBy(asc(owners.handle))
        .prepare(),
  );
  return await selectRows(database, query, MEMBERSHIP_COLUMNS, { user: userId });
}

/** The SQL count of an organization's owners, for guards that keep at least one. */
export function ownerCount(orgId: string) {
  return sql`(SELECT count(*) FROM ${orgMembers} WHERE ${orgMembers.orgId} = ${orgId} AND ${orgMembers.role} = 'owner')`;
}

/** The user's email and whether it is verified. */
export async function userEmail(
  db: Db,
  userId: string,
): Promise<{ email: string; verified: boolean } | null> {
  const [row] = await db.select({ email: users.email, verifiedAt: users.emailVerifiedAt })
    .from(users).where(eq(users.id, userId)).limit(1);
  return row ? { email: row.email, verified: row.verifiedAt !== null } : null;
}
