// Members and roles: admins manage members and admins; only owners manage owners; the last
// owner can neither leave nor be demoted (checked in the same statement that changes the row,
// so two owners demoting each other at once cannot leave the organization without one).
import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { command } from "../validation.ts";
import { DomainError } from "../errors.ts";
import { apiTokens, orgMembers, teamMembers, teams } from "../db/schema.ts";
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import { ChangeRole, MemberRef, OrgRef } from "./inputs.ts";
import { also, type OrgAccess, orgFor } from "./access.ts";
import { orgAuditIfChanged } from "./audit.ts";
import { findMember, listMembers as selectMembers, type Member, ownerCount } from "./orgs.ts";

export const MEMBER_NOT_FOUND = "member not found";
const LAST_OWNER = "an organization needs at least one owner; make someone else an owner first";

/** The members of an organization (any member may see them). */
export const listOrgMembers = command(OrgRef, async (s, actor, input) => {
  const { org, role } = await orgFor(s, actor, "org.read", input.org);
  return { org, role, members: await selectMembers(s.db, org.id) };
});

async function memberOf(s: Services, access: OrgAccess, handle: string): Promise<Member> {
  const member = await findMember(s.db, access.org.id, handle);
  if (!member) throw new DomainError("not_found", MEMBER_NOT_FOUND);
  return member;
}

/** The statements that change a membership, kept only while another owner remains. */
function guarded(orgId: string, userId: string) {
  return and(
    eq(orgMembers.orgId, orgId),
    eq(orgMembers.userId, userId),
    or(ne(orgMembers.role, "owner"), sql`${ownerCount(orgId)} > 1`),
  );
}

/** Changes a member's role. */
export const changeRole = command(ChangeRole, async (s, actor, input): Promise<Member> => {
  const access = await orgFor(s, actor, "org.members", input.org);
  const member = await memberOf(s, access, input.user);
  if (member.role === "owner" || input.role === "owner") also(access, "org.owners");
  if (member.role === input.role) return member;
  const now = s.clock();
  const [, audit] = await s.db.batch([
    s.db.update(orgMembers).set({ role: input.role }).where(guarded(access.org.id, member.userId)),
    orgAuditIfChanged(s.db, actor, access.org.id, {
      action: "org.member_role",
      targetType: "user",
      targetId: member.userId,
      metadata: { handle: member.handle, from: member.role, to: input.role },
    }, now),
  ]);
  if (audit.length === 0) throw new DomainError("conflict", LAST_OWNER);
  return { ...member, role: input.role };
});

async function removal(
  s: Services,
  actor: Actor,
  access: OrgAccess,
  member: Member,
  action: "org.member_remove" | "org.member_leave",
): Promise<void> {
  const orgTeams = s.db.select({ id: teams.id }).from(teams).where(eq(teams.orgId, access.org.id));
  const gone =
    sql`NOT EXISTS (SELECT 1 FROM ${orgMembers} WHERE ${orgMembers.orgId} = ${access.org.id}
        AND ${orgMembers.userId} = ${member.userId})`;
  const now = s.clock();
  const [removed, audit] = await s.db.batch([
    s.db.delete(orgMembers).where(guarded(access.org.id, member.userId)),
    orgAuditIfChanged(s.db, actor, access.org.id, {
      action,
      targetType: "user",
      targetId: member.userId,
      metadata: { handle: member.handle, role: member.role },
    }, now),
    // Team seats go with the membership (only once it is really gone).
    s.db.delete(teamMembers).where(and(
      eq(teamMembers.userId, member.userId),
      inArray(teamMembers.teamId, orgTeams),
      gone,
    )),
    // So do their tokens for the organization: revoked (shown as such in both token lists),
    // though the policy would already refuse them, as it reads the role on every request.
    s.db.update(apiTokens).set({ revokedAt: now }).where(and(
      eq(apiTokens.userId, member.userId),
      eq(apiTokens.ownerId, access.org.id),
      isNull(apiTokens.revokedAt),
      gone,
    )),
  ]);
  void removed;
  if (audit.length === 0) throw new DomainError("conflict", LAST_OWNER);
}

/** Removes a member (an owner only by an owner). */
export const removeMember = command(MemberRef, async (s, actor, input): Promise<void> => {
  const access = await orgFor(s, actor, "org.members", input.org);
  const member = await memberOf(s, access, input.user);
  if (member.role === "owner") also(access, "org.owners");
  await removal(s, actor, access, member, "org.member_remove");
});

/** The actor leaves the organization. */
export const leaveOrg = command(OrgRef, async (s, actor, input): Promise<void> => {
  const access = await orgFor(s, actor, "org.leave", input.org);
  const member: Member = {
    userId: access.actor.userId,
    handle: "",
    role: access.role,
    joinedAt: new Date(0),
  };
  const self = await findMemberById(s, access.org.id, access.actor.userId);
  await removal(s, actor, access, { ...member, handle: self?.handle ?? "" }, "org.member_leave");
});

async function findMemberById(s: Services, orgId: string, userId: string) {
  const all = await selectMembers(s.db, orgId);
  return all.find((m) => m.userId === userId) ?? null;
}
