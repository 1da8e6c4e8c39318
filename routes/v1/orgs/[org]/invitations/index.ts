import { define } from "@/lib/define.ts";
import { listInvitations } from "@/lib/orgs/invitations.ts";
import { invitationJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "org.invitations";

export const handler = define.handlers({
  // The pending invitations; send one with POST /v1/orgs/{org}/members.
  async GET(ctx) {
    const { invitations } = await listInvitations(ctx.state.services, ctx.state.actor, {
      org: ctx.params.org!,
    });
    return Response.json({ invitations: invitations.map(invitationJson) });
  },
});
