import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { apiError } from "@/lib/auth/flows.ts";
import { OTHER_ACCOUNT_API_ERROR, resetPassword } from "@/lib/auth/links.ts";
import { linkRequest } from "@/lib/auth/guards.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { accountJson } from "@/lib/auth/json.ts";
import { withSession } from "@/lib/auth/respond.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const Body = z.strictObject({ token: z.string().max(200), password: z.string() });

export const access: RouteAccess = "public";

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readJson(ctx.req, Body, { maxBytes: 2 * 1024 * 1024 });
    // The API never switches accounts: the caller signs out first.
    const result = await resetPassword(ctx.state.services, body, linkRequest(ctx));
    if ("otherAccount" in result) throw new HttpError(409, OTHER_ACCOUNT_API_ERROR);
    if ("errors" in result) throw apiError(result.errors);
    return Response.json({ user: accountJson(result.account) }, {
      headers: withSession({}, result.sessionToken, ctx.state.services.config.secureCookies),
    });
  },
});
