import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { resetPassword } from "@/lib/auth/links.ts";
import { ResetInput } from "@/lib/auth/inputs.ts";
import { AccountJson, accountJson } from "@/lib/auth/json.ts";
import { withSession } from "@/lib/auth/respond.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "public";

export const api = describe({
  POST: {
    summary: "Set a new password with a reset link's token (signs in)",
    body: { content: { "application/json": ResetInput } },
    responses: {
      200: {
        description: "Password changed, signed in; revoked_tokens counts the API tokens revoked",
        json: z.object({ user: AccountJson, revoked_tokens: z.number().int() }),
      },
    },
    errors: [429],
  },
});

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readJson(ctx.req, ResetInput, { maxBytes: 2 * 1024 * 1024 });
    // The API never switches accounts: the caller signs out first.
    const signedIn = await resetPassword(ctx.state.services, ctx.state.actor, body);
    return Response.json({
      user: accountJson(signedIn.account),
      revoked_tokens: signedIn.revokedTokens,
    }, {
      headers: withSession({}, signedIn.sessionToken, ctx.state.services.config.secureCookies),
    });
  },
});
