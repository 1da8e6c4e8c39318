import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { resendVerification } from "@/lib/auth/mail_links.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { Accepted, describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "public";

export const api = describe({
  POST: {
    summary: "Mail the verification link again",
    body: { required: false, content: { "application/json": z.object({}) } },
    responses: { 202: { description: "Sent", json: Accepted } },
    errors: [429],
  },
});

export const handler = define.handlers({
  async POST(ctx) {
    // A browser session needs no body (its own address); anyone else sends {"email": ...},
    // which the command reads with its schema.
    const body = await readJson(ctx.req, z.unknown(), { maxBytes: 16 * 1024, optional: true });
    await resendVerification(ctx.state.services, ctx.state.actor, body);
    return Response.json({
      status: "verification_sent",
      message: "If that address has an unverified account, we sent it a new verification link.",
    }, { status: 202 });
  },
});
