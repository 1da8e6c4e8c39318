import { readAuditLog } from "@/lib/audit/read.ts";
import { auditRoute } from "@/lib/http/audit_route.ts";

export const { access, api, handler } = auditRoute({
  access: "audit.read",
  summary: "Your audit log, newest first",
  read: (s, actor, _params, query) => readAuditLog(s, actor, query),
});
