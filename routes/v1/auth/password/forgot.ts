import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { requestPasswordReset } from "@/lib/auth/mail_links.ts";
import { EmailInput } from "@/lib/auth/inputs.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { Accepted, describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "public";

export const api = describe({
  POST: {
    summary: "Mail a password reset link",
    body: { content: { "application/json": EmailInput } },
    responses: { 202: { description: "Sent if the address has an account", json: Accepted } },
    errors: [429],
  },
});

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readJson(ctx.req, EmailInput, { maxBytes: 16 * 1024 });
    await requestPasswordReset(ctx.state.services, ctx.state.actor, body);
    return Response.json({
      status: "reset_sent",
      message:
        "If an account uses that address, we sent it a link to reset the password. The link works for 1 hour.",
    }, { status: 202 });
  },
});
