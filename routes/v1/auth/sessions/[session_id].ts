import { define } from "@/lib/define.ts";
import { revokeSession } from "@/lib/auth/manage.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "session.manage";

export const api = describe({
  DELETE: {
    summary: "Revoke one of your sessions",
    responses: { 204: { description: "Revoked" } },
  },
});

export const handler = define.handlers({
  async DELETE(ctx) {
    await revokeSession(ctx.state.services, ctx.state.actor, { id: ctx.params.session_id! });
    return new Response(null, { status: 204 });
  },
});
