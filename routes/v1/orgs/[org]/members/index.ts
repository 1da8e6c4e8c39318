import { z } from "zod";
import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import { listOrgMembers } from "@/lib/orgs/members.ts";
import { inviteMember } from "@/lib/orgs/invitations.ts";
import { invitationJson, memberJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "org.read", POST: "org.invitations" };

export const handler = define.handlers({
  async GET(ctx) {
    const { members } = await listOrgMembers(ctx.state.services, ctx.state.actor, {
      org: ctx.params.org!,
    });
    return Response.json({ members: members.map(memberJson) });
  },
  // Members join by invitation: this mails one to {"email", "role"}.
  async POST(ctx) {
    const body = await readJson(ctx.req, z.record(z.string(), z.unknown()), { maxBytes: 16 * KiB });
    const invitation = await inviteMember(ctx.state.services, ctx.state.actor, {
      ...body,
      org: ctx.params.org!,
    } as never);
    return Response.json(invitationJson(invitation), { status: 201 });
  },
});
