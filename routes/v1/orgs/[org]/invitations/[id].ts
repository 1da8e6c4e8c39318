import { define } from "@/lib/define.ts";
import { revokeInvitation } from "@/lib/orgs/invitations.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "org.invitations";

export const api = describe({
  DELETE: {
    summary: "Revoke a pending invitation: its link stops working",
    responses: { 204: { description: "Revoked" } },
  },
});

export const handler = define.handlers({
  // Revokes a pending invitation: its link stops working.
  async DELETE(ctx) {
    await revokeInvitation(ctx.state.services, ctx.state.actor, {
      org: ctx.params.org!,
      id: ctx.params.id!,
    });
    return new Response(null, { status: 204 });
  },
});
