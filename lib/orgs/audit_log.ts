// Reading an organization's audit log (owners and admins; a token needs audit:read), with the
// handles of the people who acted, since several people share this log.
import { inArray } from "drizzle-orm";
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import { listAuditEvents } from "../audit/audit.ts";
import { owners } from "../db/schema.ts";
import { orgFor } from "./access.ts";

export async function readOrgAudit(
  s: Services,
  actor: Actor,
  input: { org: string; beforeId?: number; limit: number },
) {
  const access = await orgFor(s, actor, "org.audit", input.org);
  const log = await listAuditEvents(s.db, access.org.id, input);
  const ids = [...new Set(log.events.map((e) => e.actorUserId).filter((id) => id !== null))];
  const rows = ids.length
    ? await s.db.select({ userId: owners.userId, handle: owners.handle }).from(owners)
      .where(inArray(owners.userId, ids))
    : [];
  const actors = Object.fromEntries(rows.map((r) => [r.userId!, r.handle]));
  return { ...access, ...log, actors };
}
