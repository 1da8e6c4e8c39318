import { define } from "@/lib/define.ts";
import { signOut } from "@/lib/auth/signin.ts";
import { clearSessionCookie } from "@/lib/auth/cookie.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "session.end";

export const api = describe({
  POST: {
    summary: "Sign out of this browser session",
    responses: { 204: { description: "Signed out" } },
  },
});

export const handler = define.handlers({
  async POST(ctx) {
    await signOut(ctx.state.services, ctx.state.actor);
    return new Response(null, {
      status: 204,
      headers: { "set-cookie": clearSessionCookie(ctx.state.services.config.secureCookies) },
    });
  },
});
