import { readOrgAudit } from "@/lib/orgs/audit_log.ts";
import { auditRoute } from "@/lib/http/audit_route.ts";

// The same shape as GET /v1/audit, for the organization's log (owners and admins).
export const { access, api, handler } = auditRoute({
  access: "org.audit",
  summary: "The organization's audit log, newest first (owners and admins)",
  read: (s, actor, params, query) => readOrgAudit(s, actor, { org: params.org!, ...query }),
});
