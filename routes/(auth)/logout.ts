import { define } from "@/lib/define.ts";
import { logOut } from "@/lib/auth/flows.ts";
import { requestMeta } from "@/lib/auth/guards.ts";
import { clearSessionCookie } from "@/lib/auth/cookie.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "page";

// Sign-out is a POST (a GET could be triggered by any page that embeds a link or image).
export const handler = define.handlers({
  async POST(ctx) {
    const { user, session } = ctx.state;
    if (user && session) {
      await logOut(ctx.state.services, user, session, requestMeta(ctx));
    }
    return new Response(null, {
      status: 303,
      headers: {
        location: "/login?notice=signed_out",
        "set-cookie": clearSessionCookie(ctx.state.services.config.secureCookies),
      },
    });
  },
});
