import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { verifyEmail } from "@/lib/auth/flows.ts";
import { requestMeta } from "@/lib/auth/guards.ts";
import { accountJson } from "@/lib/auth/json.ts";
import { withSession } from "@/lib/auth/respond.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const Body = z.strictObject({ token: z.string().max(200) });

export const access: RouteAccess = "public";

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readJson(ctx.req, Body, { maxBytes: 16 * 1024 });
    const result = await verifyEmail(ctx.state.services, body.token, {
      ...requestMeta(ctx),
      signedInUserId: ctx.state.session ? ctx.state.user?.userId : null,
    });
    if (!result) {
      throw new HttpError(
        400,
        "this verification link is invalid, already used or expired; ask for a new one",
      );
    }
    const headers = result.sessionToken
      ? withSession({}, result.sessionToken, ctx.state.services.config.secureCookies)
      : new Headers();
    return Response.json({ user: accountJson(result.account) }, { headers });
  },
});
