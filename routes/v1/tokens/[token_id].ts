import { define } from "@/lib/define.ts";
import { revokeToken } from "@/lib/auth/manage.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "token.manage";

export const handler = define.handlers({
  async DELETE(ctx) {
    await revokeToken(ctx.state.services, ctx.state.actor, { id: ctx.params.token_id! });
    return new Response(null, { status: 204 });
  },
});
