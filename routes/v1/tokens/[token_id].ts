import { define } from "@/lib/define.ts";
import { revokeToken } from "@/lib/auth/manage.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "token.manage";

export const api = describe({
  DELETE: {
    summary: "Revoke one of your API tokens",
    responses: { 204: { description: "Revoked" } },
  },
});

export const handler = define.handlers({
  async DELETE(ctx) {
    await revokeToken(ctx.state.services, ctx.state.actor, { id: ctx.params.token_id! });
    return new Response(null, { status: 204 });
  },
});
