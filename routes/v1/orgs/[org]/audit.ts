import { z } from "zod";
import { define } from "@/lib/define.ts";
import { intParam, parseQuery } from "@/lib/http/query.ts";
import { readOrgAudit } from "@/lib/orgs/audit_log.ts";
import { AuditJson, auditJson } from "@/lib/auth/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

// The same shape as GET /v1/audit, for the organization's log (owners and admins).
const Query = z.strictObject({
  before_id: intParam(1, Number.MAX_SAFE_INTEGER).optional(),
  limit: intParam(1, 200).optional(),
});

export const access: RouteAccess = "org.audit";

export const api = describe({
  GET: {
    summary: "The organization's audit log, newest first (owners and admins)",
    query: Query,
    responses: {
      200: {
        description: "A page of events; next_before_id continues it (null at the end)",
        json: z.object({ events: z.array(AuditJson), next_before_id: z.number().int().nullable() }),
      },
    },
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const q = parseQuery(ctx.url, Query);
    const page = await readOrgAudit(ctx.state.services, ctx.state.actor, {
      org: ctx.params.org!,
      beforeId: q.before_id,
      limit: q.limit ?? 50,
    });
    return Response.json({ events: page.events.map(auditJson), next_before_id: page.nextBeforeId });
  },
});
