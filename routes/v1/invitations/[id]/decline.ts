import { z } from "zod";
import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import { declineInvitation } from "@/lib/orgs/invitations.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "org.join";

const Body = z.strictObject({ token: z.string().optional() });

export const api = describe({
  POST: {
    summary: "Decline an invitation",
    body: { required: false, content: { "application/json": Body } },
    responses: { 204: { description: "Declined" } },
  },
});

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readJson(ctx.req, Body, { maxBytes: KiB, optional: true });
    await declineInvitation(ctx.state.services, ctx.state.actor, { id: ctx.params.id!, ...body });
    return new Response(null, { status: 204 });
  },
});
