import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { verifyEmail } from "@/lib/auth/links.ts";
import { VerifyInput } from "@/lib/auth/inputs.ts";
import { AccountJson, accountJson } from "@/lib/auth/json.ts";
import { withSession } from "@/lib/auth/respond.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "public";

export const api = describe({
  POST: {
    summary: "Verify your email with the mailed link's token (signs in)",
    body: { content: { "application/json": VerifyInput } },
    responses: {
      200: { description: "Verified, signed in", json: z.object({ user: AccountJson }) },
    },
    errors: [429],
  },
});

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readJson(ctx.req, VerifyInput, { maxBytes: 16 * 1024 });
    // The API never switches accounts: the caller signs out first.
    const result = await verifyEmail(ctx.state.services, ctx.state.actor, body);
    const headers = result.sessionToken
      ? withSession({}, result.sessionToken, ctx.state.services.config.secureCookies)
      : new Headers();
    return Response.json({ user: accountJson(result.account) }, { headers });
  },
});
