// The /v1 routes that page through an audit log (the caller's own, an organization's): one
// shape, so their query, description and answer cannot drift apart.
import { z } from "zod";
import { define } from "../define.ts";
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import type { AuditEvent } from "../audit/audit.ts";
import { AuditJson, auditJson } from "../auth/json.ts";
import { describe, type RouteApi } from "../openapi/describe.ts";
import type { RouteAccess } from "./access.ts";
import { intParam, parseQuery } from "./query.ts";

const Query = z.strictObject({
  before_id: intParam(1, Number.MAX_SAFE_INTEGER).optional(),
  limit: intParam(1, 200).optional(),
});

/** GET of a page of events, newest first; `read` gets the path parameters and the cursor. */
export function auditRoute(options: {
  access: RouteAccess;
  summary: string;
  read: (
    s: Services,
    actor: Actor,
    params: Record<string, string | undefined>,
    query: { beforeId?: number; limit: number },
  ) => Promise<{ events: AuditEvent[]; nextBeforeId: number | null }>;
}) {
  const { access, summary, read } = options;
  const api: RouteApi = describe({
    GET: {
      summary,
      query: Query,
      responses: {
        200: {
          description: "A page of events; next_before_id continues it (null at the end)",
          json: z.object({
            events: z.array(AuditJson),
            next_before_id: z.number().int().nullable(),
          }),
        },
      },
    },
  });
  const handler = define.handlers({
    async GET(ctx) {
      const q = parseQuery(ctx.url, Query);
      const page = await read(ctx.state.services, ctx.state.actor, ctx.params, {
        beforeId: q.before_id,
        limit: q.limit ?? 50,
      });
      return Response.json({
        events: page.events.map(auditJson),
        next_before_id: page.nextBeforeId,
      });
    },
  });
  return { access, api, handler };
}
