import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { signUp } from "@/lib/auth/signup.ts";
import { SignUpInput } from "@/lib/auth/inputs.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { Accepted, describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "public";

export const api = describe({
  POST: {
    summary: "Create an account; a verification link is mailed",
    body: { content: { "application/json": SignUpInput } },
    responses: { 202: { description: "Verification mail sent", json: Accepted } },
    errors: [409, 429],
  },
});

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readJson(ctx.req, SignUpInput, { maxBytes: 2 * 1024 * 1024 });
    await signUp(ctx.state.services, ctx.state.actor, body);
    // Identical for a new and an existing address: a mail went out either way.
    return Response.json({
      status: "verification_sent",
      message:
        "We sent a message to that address. Follow its link to verify the address and sign in.",
    }, { status: 202 });
  },
});
