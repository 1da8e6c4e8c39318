import { define } from "@/lib/define.ts";
import { listInvitations } from "@/lib/orgs/invitations.ts";
import { InvitationJson, invitationJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { z } from "zod";

export const access: RouteAccess = "org.invitations";

export const api = describe({
  GET: {
    summary: "The organization's pending invitations (owners and admins)",
    responses: {
      200: {
        description: "Pending invitations, newest first",
        json: z.object({ invitations: z.array(InvitationJson) }),
      },
    },
  },
});

export const handler = define.handlers({
  // The pending invitations; send one with POST /v1/orgs/{org}/members.
  async GET(ctx) {
    const { invitations } = await listInvitations(ctx.state.services, ctx.state.actor, {
      org: ctx.params.org!,
    });
    return Response.json({ invitations: invitations.map(invitationJson) });
  },
});
