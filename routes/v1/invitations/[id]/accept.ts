import { z } from "zod";
import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import { acceptInvitation } from "@/lib/orgs/invitations.ts";
import { OrgJson, orgJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "org.join";

const Body = z.strictObject({ token: z.string().optional() });

export const api = describe({
  POST: {
    summary: "Accept an invitation (your verified address must be the invited one)",
    body: { required: false, content: { "application/json": Body } },
    responses: { 200: { description: "Joined: the organization and your role", json: OrgJson } },
    errors: [409],
  },
});

export const handler = define.handlers({
  // Joins the organization; the caller's verified address must be the invited one.
  async POST(ctx) {
    const body = await readJson(ctx.req, Body, { maxBytes: KiB, optional: true });
    const { org, role } = await acceptInvitation(ctx.state.services, ctx.state.actor, {
      id: ctx.params.id!,
      ...body,
    });
    return Response.json(orgJson(org, role));
  },
});
