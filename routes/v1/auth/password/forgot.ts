import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { apiError, requestPasswordReset } from "@/lib/auth/flows.ts";
import { requestMeta } from "@/lib/auth/guards.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const Body = z.strictObject({ email: z.string() });

export const access: RouteAccess = "public";

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readJson(ctx.req, Body, { maxBytes: 16 * 1024 });
    const result = await requestPasswordReset(ctx.state.services, body.email, requestMeta(ctx));
    if ("errors" in result) throw apiError(result.errors);
    return Response.json({
      status: "reset_sent",
      message:
        "If an account uses that address, we sent it a link to reset the password. The link works for 1 hour.",
    }, { status: 202 });
  },
});
