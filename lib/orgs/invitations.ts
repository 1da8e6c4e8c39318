// Invitations by email: a single-use token (only its SHA-256 stored) that expires in 7 days and
// can be revoked. Accepting needs a signed-in account whose verified address is the invited one.
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { command } from "../validation.ts";
import { DomainError } from "../errors.ts";
import { type Actor, authorizeOwn, type OrgRole } from "../access/policy.ts";
import { organizations, orgInvitations, orgMembers, owners, users } from "../db/schema.ts";
import { digestsEqual, randomSecret, sha256Hex } from "../auth/secrets.ts";
import { INVITATION_TTL_MS, orgInvitationEmail } from "../mail/templates.ts";
import type { Services } from "../services.ts";
import type { AuditAction, AuditInput } from "../audit/audit.ts";
import { enforceLimit, LIMITS } from "../auth/limits.ts";
import { InvitationRef, Invite, OrgInvitationRef, OrgRef } from "./inputs.ts";
import { also, orgFor } from "./access.ts";
import { orgAudit, orgAuditIfChanged } from "./audit.ts";
import { getOrgByHandle, type Organization, orgColumns, userEmail } from "./orgs.ts";

export const INVITATION_NOT_FOUND = "invitation not found";

export interface Invitation {
  id: string;
  email: string;
  role: OrgRole;
  createdAt: Date;
  expiresAt: Date;
}

const pending = (now: Date) =>
  and(
    isNull(orgInvitations.acceptedAt),
    isNull(orgInvitations.declinedAt),
    isNull(orgInvitations.revokedAt),
    gt(orgInvitations.expiresAt, now),
  );

const columns = {
  id: orgInvitations.id,
  email: orgInvitations.email,
  role: orgInvitations.role,
  createdAt: orgInvitations.createdAt,
  expiresAt: orgInvitations.expiresAt,
};

/** Invites an address; an owner invitation only by an owner. The link is mailed. */
export const inviteMember = command(Invite, async (s, actor, input): Promise<Invitation> => {
  const access = await orgFor(s, actor, "org.invitations", input.org);
  if (input.role === "owner") also(access, "org.owners");
  const { org } = access;
  const now = s.clock();
  const [member] = await s.db.select({ id: users.id }).from(orgMembers)
    .innerJoin(users, eq(users.id, orgMembers.userId))
    .where(and(eq(orgMembers.orgId, org.id), eq(users.email, input.email))).limit(1);
  if (member) throw new DomainError("conflict", `${input.email} is already a member`);
  const [open] = await s.db.select({ id: orgInvitations.id }).from(orgInvitations)
    .where(
      and(eq(orgInvitations.orgId, org.id), eq(orgInvitations.email, input.email), pending(now)),
    )
    .limit(1);
  if (open) {
    throw new DomainError(
      "conflict",
      `${input.email} already has a pending invitation; revoke it to send a new one`,
    );
  }
  // Counted once the invitation is about to be sent (refused input costs nothing): the
  // inviter's own budget first, so one admin cannot use up the organization's.
  await enforceLimit(s.db, LIMITS.invitePerInviter, access.actor.userId, now);
  await enforceLimit(s.db, LIMITS.invitePerOrg, org.id, now);
  const token = randomSecret();
  const invitation: Invitation = {
    id: crypto.randomUUID(),
    email: input.email,
    role: input.role,
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
  };
  await s.db.batch([
    s.db.insert(orgInvitations).values({
      ...invitation,
      orgId: org.id,
      tokenHash: sha256Hex(token),
      invitedByUserId: access.actor.userId,
    }),
    orgAudit(
      s.db,
      actor,
      org.id,
      invitationEvent("org.invite", invitation.id, {
        email: input.email,
        role: input.role,
      }),
      now,
    ),
  ]);
  const [inviter] = await s.db.select({ handle: owners.handle }).from(owners)
    .where(eq(owners.userId, access.actor.userId)).limit(1);
  await s.mailer.send({
    to: input.email,
    ...orgInvitationEmail({
      publicOrigin: s.config.publicOrigin,
      token,
      email: input.email,
      id: invitation.id,
      org: org.handle,
      orgName: org.displayName,
      inviter: inviter?.handle ?? "someone",
      role: input.role,
    }),
  });
  return invitation;
});

/** The organization's pending invitations (owners and admins). */
export const listInvitations = command(OrgRef, async (s, actor, input) => {
  const { org } = await orgFor(s, actor, "org.invitations", input.org);
  const invitations: Invitation[] = await s.db.select(columns).from(orgInvitations)
    .where(and(eq(orgInvitations.orgId, org.id), pending(s.clock())))
    .orderBy(desc(orgInvitations.createdAt));
  return { org, invitations };
});

/** Revokes a pending invitation. */
export const revokeInvitation = command(OrgInvitationRef, async (s, actor, input) => {
  const access = await orgFor(s, actor, "org.invitations", input.org);
  const now = s.clock();
  const [row] = await s.db.select(columns).from(orgInvitations).where(and(
    eq(orgInvitations.id, input.id),
    eq(orgInvitations.orgId, access.org.id),
    pending(now),
  )).limit(1);
  if (!row) throw new DomainError("not_found", INVITATION_NOT_FOUND);
  if (row.role === "owner") also(access, "org.owners");
  await closeInvitation(s, actor, access.org.id, row.id, { revokedAt: now }, {
    action: "org.invitation_revoke",
    metadata: { email: row.email, role: row.role },
  });
});

/** The audit event of something done to the invitation `id`. */
function invitationEvent(action: AuditAction, id: string, metadata: Record<string, unknown>) {
  return { action, targetType: "invitation", targetId: id, metadata } satisfies AuditInput;
}

/** Ends a pending invitation; its event is recorded only if it was still pending by then. */
async function closeInvitation(
  s: Services,
  actor: Actor,
  orgId: string,
  id: string,
  end: { revokedAt: Date } | { declinedAt: Date },
  event: { action: AuditAction; metadata: Record<string, unknown> },
) {
  const now = "revokedAt" in end ? end.revokedAt : end.declinedAt;
  const audit = invitationEvent(event.action, id, event.metadata);
  await s.db.batch([
    s.db.update(orgInvitations).set(end).where(and(eq(orgInvitations.id, id), pending(now))),
    orgAuditIfChanged(s.db, actor, orgId, audit, now),
  ]);
}

export type MyInvitation = Invitation & { org: Organization };

/** The pending invitations to the actor's verified address (for the dashboard). */
export async function myInvitations(s: Services, a: Actor): Promise<MyInvitation[]> {
  const actor = authorizeOwn(a, "org.join");
  const me = await userEmail(s.db, actor.userId);
  if (!me?.verified) return [];
  const rows = await s.db.select({ ...columns, org: orgColumns }).from(orgInvitations)
    .innerJoin(owners, eq(owners.id, orgInvitations.orgId))
    .innerJoin(organizations, eq(organizations.ownerId, owners.id))
    .where(and(eq(orgInvitations.email, me.email), pending(s.clock())))
    .orderBy(desc(orgInvitations.createdAt));
  return rows;
}

/** The pending invitation `id` to the actor's verified address, or not_found. */
export const invitationFor = command(InvitationRef, async (s, a, input) => {
  const actor = authorizeOwn(a, "org.join");
  const mine = await myInvitations(s, actor);
  const found = mine.find((i) => i.id === input.id);
  if (!found) throw new DomainError("not_found", INVITATION_NOT_FOUND);
  if (input.token !== undefined) {
    const [row] = await s.db.select({ hash: orgInvitations.tokenHash }).from(orgInvitations)
      .where(eq(orgInvitations.id, found.id)).limit(1);
    if (!row || !digestsEqual(row.hash, sha256Hex(input.token))) {
      throw new DomainError("not_found", INVITATION_NOT_FOUND);
    }
  }
  return { actor, invitation: found };
});

/** Accepts an invitation: the actor joins with its role, once. */
export const acceptInvitation = command(InvitationRef, async (s, a, input) => {
  const { actor, invitation } = await invitationFor(s, a, input);
  const now = s.clock();
  const org = invitation.org;
  if (await getOrgByHandle(s.db, org.handle) === null) {
    throw new DomainError("not_found", INVITATION_NOT_FOUND);
  }
  try {
    const [, , audit] = await s.db.batch([
      s.db.update(orgInvitations).set({ acceptedAt: now })
        .where(and(eq(orgInvitations.id, invitation.id), pending(now))),
      // Joins only through the invitation this batch just accepted.
      s.db.run(sql`
        INSERT INTO ${orgMembers} (org_id, user_id, role, created_at)
        SELECT ${orgInvitations.orgId}, ${actor.userId}, ${orgInvitations.role}, ${now.getTime()}
        FROM ${orgInvitations}
        WHERE ${orgInvitations.id} = ${invitation.id} AND ${orgInvitations.acceptedAt} = ${now.getTime()}`),
      orgAuditIfChanged(s.db, actor, org.id, {
        action: "org.invitation_accept",
        targetType: "user",
        targetId: actor.userId,
        metadata: { invitation: invitation.id, role: invitation.role },
      }, now),
    ]);
    if (audit.length === 0) throw new DomainError("not_found", INVITATION_NOT_FOUND);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // Already a member (joined another way): the batch rolled back; nothing changed.
    throw new DomainError("conflict", `you are already a member of @${org.handle}`, {
      cause: error,
    });
  }
  return { org, role: invitation.role };
});

/** Declines an invitation. */
export const declineInvitation = command(InvitationRef, async (s, a, input) => {
  const { actor, invitation } = await invitationFor(s, a, input);
  const now = s.clock();
  await closeInvitation(s, actor, invitation.org.id, invitation.id, { declinedAt: now }, {
    action: "org.invitation_decline",
    metadata: { email: invitation.email },
  });
  return { org: invitation.org };
});
