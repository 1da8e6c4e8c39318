import { define } from "@/lib/define.ts";
import { commandInput } from "@/lib/http/command_input.ts";
import { listOrgMembers } from "@/lib/orgs/members.ts";
import { inviteMember } from "@/lib/orgs/invitations.ts";
import { InvitationJson, invitationJson, MemberJson, memberJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { Invite } from "@/lib/orgs/inputs.ts";
import { z } from "zod";

export const access: RouteAccess = { GET: "org.read", POST: "org.invitations" };

export const api = describe({
  GET: {
    summary: "The organization's members, owners first",
    responses: {
      200: { description: "Members", json: z.object({ members: z.array(MemberJson) }) },
    },
  },
  POST: {
    summary: "Invite someone by email (owners and admins; an owner only by an owner)",
    description: "Mails a single-use link that expires in 7 days. Rate limited per " +
      "organization and per inviter (429 with Retry-After).",
    body: {
      content: { "application/json": Invite.omit({ org: true }) },
      example: { email: "ada@example.com", role: "member" },
    },
    responses: { 201: { description: "Invited", json: InvitationJson } },
    errors: [409, 429],
  },
});

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
