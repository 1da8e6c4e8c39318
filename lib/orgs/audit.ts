// Audit events of an organization: recorded under the organization's owner id (its audit log),
// by the user who acted. A guarded change (one that may find nothing to change, such as the
// last owner's demotion racing another) records its event only when the statement before it in
// the batch changed a row, so the log never claims a change that did not happen.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { auditEvents } from "../db/schema.ts";
import { type Actor, auditActor } from "../access/policy.ts";
import { type AuditAction, type AuditInput, auditInsert } from "../audit/audit.ts";

/** The audit actor of `actor` acting on the organization `orgId`. */
export function orgAuditActor(actor: Actor, orgId: string) {
  return { ...auditActor(actor)!, ownerId: orgId };
}

/** The insert of one event in the organization's log. */
export function orgAudit(db: Db, actor: Actor, orgId: string, event: AuditInput, at: Date) {
  return auditInsert(db, orgAuditActor(actor, orgId), event, at);
}

/** The event, inserted only when the batch's previous statement changed a row; returns its id. */
export function orgAuditIfChanged(
  db: Db,
  actor: Actor,
  orgId: string,
  event: AuditInput & { action: AuditAction },
  at: Date,
) {
  const a = orgAuditActor(actor, orgId);
  const metadata = event.metadata ? JSON.stringify(event.metadata) : null;
  return db.all<{ id: number }>(sql`
    INSERT INTO ${auditEvents} (owner_id, actor_user_id, actor_token_id, action, target_type,
      target_id, ip, user_agent, metadata_json, created_at)
    SELECT ${a.ownerId}, ${a.userId ?? null}, ${a.tokenId ?? null}, ${event.action},
      ${event.targetType ?? null}, ${event.targetId ?? null}, ${a.ip ?? null},
      ${a.userAgent ?? null}, ${metadata}, ${at.getTime()}
    WHERE changes() > 0
    RETURNING id`);
}
