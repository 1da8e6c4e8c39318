import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { requestMeta, requireSession } from "@/lib/auth/guards.ts";
import { revokeToken } from "@/lib/auth/manage.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "token.manage";

export const handler = define.handlers({
  async DELETE(ctx) {
    const { user } = requireSession(ctx, "revoke API tokens");
    const meta = requestMeta(ctx);
    if (!await revokeToken(ctx.state.services, user, ctx.params.token_id!, meta)) {
      throw new HttpError(404, "token not found");
    }
    return new Response(null, { status: 204 });
  },
});
