import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { signIn } from "@/lib/auth/signin.ts";
import { SignInInput } from "@/lib/auth/inputs.ts";
import { AccountJson, accountJson } from "@/lib/auth/json.ts";
import { withSession } from "@/lib/auth/respond.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "public";

export const api = describe({
  POST: {
    summary: "Sign in with email and password (sets the session cookie)",
    body: { content: { "application/json": SignInInput } },
    responses: { 200: { description: "Signed in", json: z.object({ user: AccountJson }) } },
    errors: [429],
  },
});

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readJson(ctx.req, SignInInput, { maxBytes: 2 * 1024 * 1024 });
    const signedIn = await signIn(ctx.state.services, ctx.state.actor, body);
    return Response.json({ user: accountJson(signedIn.account) }, {
      headers: withSession({}, signedIn.sessionToken, ctx.state.services.config.secureCookies),
    });
  },
});
