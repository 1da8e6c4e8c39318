import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { requestMeta, requireSession } from "@/lib/auth/guards.ts";
import { revokeOneSession } from "@/lib/auth/manage.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "session.manage";

export const handler = define.handlers({
  async DELETE(ctx) {
    const { user } = requireSession(ctx, "revoke sessions");
    const meta = requestMeta(ctx);
    if (!await revokeOneSession(ctx.state.services, user, ctx.params.session_id!, meta)) {
      throw new HttpError(404, "session not found");
    }
    return new Response(null, { status: 204 });
  },
});
