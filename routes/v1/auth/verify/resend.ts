import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { apiError, resendVerification, resendVerificationTo } from "@/lib/auth/flows.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const Body = z.strictObject({ email: z.string().optional() });

export const access: RouteAccess = "public";

export const handler = define.handlers({
  async POST(ctx) {
    const user = ctx.state.user;
    if (user && ctx.state.session) {
      await resendVerification(ctx.state.services, user);
    } else {
      const body = await readJson(ctx.req, Body, { maxBytes: 16 * 1024 });
      if (!body.email) throw apiError({ email: "Enter the email address you signed up with" });
      const result = await resendVerificationTo(ctx.state.services, body.email);
      if ("errors" in result) throw apiError(result.errors);
    }
    return Response.json({
      status: "verification_sent",
      message: "If that address has an unverified account, we sent it a new verification link.",
    }, { status: 202 });
  },
});
