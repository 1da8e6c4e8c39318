// Reading an organization's audit log (owners and admins; a token needs audit:read).
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import { listAuditEvents } from "../audit/audit.ts";
import { orgFor } from "./access.ts";

export async function readOrgAudit(
  s: Services,
  actor: Actor,
  input: { org: string; beforeId?: number; limit: number },
) {
  const access = await orgFor(s, actor, "org.audit", input.org);
  const log = await listAuditEvents(s.db, access.org.id, input);
  return { ...access, ...log };
}
