import { define } from "@/lib/define.ts";
import { signOut } from "@/lib/auth/signin.ts";
import { clearSessionCookie } from "@/lib/auth/cookie.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "page";

// Sign-out is a POST (a GET could be triggered by any page that embeds a link or image). A
// browser that is not signed in (any more) is sent to the sign-in page all the same.
export const handler = define.handlers({
  async POST(ctx) {
    if (ctx.state.actor.kind === "user") await signOut(ctx.state.services, ctx.state.actor);
    return new Response(null, {
      status: 303,
      headers: {
        location: "/login?notice=signed_out",
        "set-cookie": clearSessionCookie(ctx.state.services.config.secureCookies),
      },
    });
  },
});
