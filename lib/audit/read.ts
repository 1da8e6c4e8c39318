// Reading the audit log goes through the access policy like every read that depends on who
// asks: a session, or an API token with the audit:read scope, reads its own owner's events.
import type { Services } from "../services.ts";
import { type Actor, authorizeOwn } from "../access/policy.ts";
import { type AuditEvent, listAuditEvents } from "./audit.ts";

/** A page of the actor's audit events, newest first (before `beforeId`, if given). */
export async function readAuditLog(
  s: Services,
  actor: Actor,
  query: { beforeId?: number; limit: number },
): Promise<{ events: AuditEvent[]; nextBeforeId: number | null }> {
  const user = authorizeOwn(actor, "audit.read");
  return await listAuditEvents(s.db, user.ownerId, query);
}
