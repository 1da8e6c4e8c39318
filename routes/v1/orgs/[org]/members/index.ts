import { define } from "@/lib/define.ts";
import { commandInput } from "@/lib/http/command_input.ts";
import { listOrgMembers } from "@/lib/orgs/members.ts";
import { inviteMember } from "@/lib/orgs/invitations.ts";
import { invitationJson, memberJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "org.read", POST: "org.invitations" };

export const handler = define.handlers({
  async GET(ctx) {
    const org = ctx.params.org!;
    const { members } = await listOrgMembers(ctx.state.services, ctx.state.actor, { org });
    return Response.json({ members: members.map(memberJson) });
  },
  // Members join by invitation: this mails one to {"email", "role"}.
  async POST(ctx) {
    const input = await commandInput(ctx.req, { org: ctx.params.org! });
    const invitation = await inviteMember(ctx.state.services, ctx.state.actor, input);
    return Response.json(invitationJson(invitation), { status: 201 });
  },
});
