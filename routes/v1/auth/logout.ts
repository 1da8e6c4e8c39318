import { define } from "@/lib/define.ts";
import { logOut } from "@/lib/auth/flows.ts";
import { requestMeta, requireSession } from "@/lib/auth/guards.ts";
import { clearSessionCookie } from "@/lib/auth/cookie.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "session.end";

export const handler = define.handlers({
  async POST(ctx) {
    const { user, session } = requireSession(ctx, "sign out; revoke the token instead");
    await logOut(ctx.state.services, user, session, requestMeta(ctx));
    return new Response(null, {
      status: 204,
      headers: { "set-cookie": clearSessionCookie(ctx.state.services.config.secureCookies) },
    });
  },
});
