import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { apiError, resetPassword } from "@/lib/auth/flows.ts";
import { requestMeta } from "@/lib/auth/guards.ts";
import { accountJson } from "@/lib/auth/json.ts";
import { withSession } from "@/lib/auth/respond.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const Body = z.strictObject({ token: z.string().max(200), password: z.string() });

export const access: RouteAccess = "public";

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readJson(ctx.req, Body, { maxBytes: 2 * 1024 * 1024 });
    const result = await resetPassword(ctx.state.services, body, requestMeta(ctx));
    if ("errors" in result) throw apiError(result.errors);
    return Response.json({ user: accountJson(result.account) }, {
      headers: withSession({}, result.sessionToken, ctx.state.services.config.secureCookies),
    });
  },
});
