import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { auditEvents } from "../db/schema.ts";

/** Every kind of event the audit log records. */
export type AuditAction =
  | "account.signup"
  | "account.signup_attempt"
  | "account.verify"
  | "auth.login"
  | "auth.login_failed"
  | "auth.logout"
  | "password.reset"
  | "password.change"
  | "session.revoke"
  | "token.create"
  | "token.revoke"
  | "package.create"
  | "package.publish"
  | "package.update"
  | "package.visibility"
  | "package.deprecate"
  | "package.undeprecate"
  | "package.unlist"
  | "package.relist"
  | "package.archive"
  | "package.unarchive"
  | "package.transfer_out"
  | "package.transfer_in"
  | "version.deprecate"
  | "version.undeprecate"
  | "version.yank"
  | "version.unyank"
  | "package.key_add"
  | "package.key_retire"
  | "context.create"
  | "context.status"
  | "context.update"
  | "context.policy"
  | "alert.create"
  | "alert.update"
  | "alert.delete"
  | "org.create"
  | "org.update"
  | "org.delete"
  | "org.invite"
  | "org.invitation_revoke"
  | "org.invitation_accept"
  | "org.invitation_decline"
  | "org.member_role"
  | "org.member_remove"
  | "org.member_leave"
  | "team.create"
  | "team.update"
  | "team.delete"
  | "team.member_add"
  | "team.member_remove"
  | "team.package_grant"
  | "team.package_revoke";

/** Who did it and from where: copied from the request onto each event. */
export interface Actor {
  ownerId: string;
  userId?: string | null;
  tokenId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditInput {
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  /** Details worth keeping; never a secret (tokens, passwords, links). */
  metadata?: Record<string, unknown>;
}

export interface AuditEvent {
  id: number;
  action: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
}

/** The insert for one audit event, to run in the same batch as the change it records. */
export function auditInsert(db: Db, actor: Actor, event: AuditInput, at: Date) {
  return db.insert(auditEvents).values({
    ownerId: actor.ownerId,
    actorUserId: actor.userId ?? null,
    actorTokenId: actor.tokenId ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent ?? null,
    metadata: event.metadata ?? null,
    createdAt: at,
  });
}

/** Records one event on its own (when there is no other write to join). */
export async function recordAudit(
  db: Db,
  actor: Actor,
  event: AuditInput,
  at: Date,
): Promise<void> {
  await auditInsert(db, actor, event, at);
}

/** An owner's events, newest first, keyset-paginated by id. */
export async function listAuditEvents(
  db: Db,
  ownerId: string,
  options: { beforeId?: number; limit: number },
): Promise<{ events: AuditEvent[]; nextBeforeId: number | null }> {
  const rows = await db.select({
    id: auditEvents.id,
    action: auditEvents.action,
    actorUserId: auditEvents.actorUserId,
    actorTokenId: auditEvents.actorTokenId,
    targetType: auditEvents.targetType,
    targetId: auditEvents.targetId,
    ip: auditEvents.ip,
    userAgent: auditEvents.userAgent,
    metadata: auditEvents.metadata,
    createdAt: auditEvents.createdAt,
  }).from(auditEvents)
    .where(
      and(
        eq(auditEvents.ownerId, ownerId),
        options.beforeId === undefined ? undefined : lt(auditEvents.id, options.beforeId),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(options.limit + 1);
  const events = rows.slice(0, options.limit);
  return {
    events,
    nextBeforeId: rows.length > options.limit ? events[events.length - 1]!.id : null,
  };
}
