import { define } from "@/lib/define.ts";
import { commandInput, noContent } from "@/lib/http/command_input.ts";
import { changeRole, removeMember } from "@/lib/orgs/members.ts";
import { MemberJson, memberJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { ChangeRole } from "@/lib/orgs/inputs.ts";

export const access: RouteAccess = { PATCH: "org.members", DELETE: "org.members" };

export const api = describe({
  PATCH: {
    summary: "Change a member's role (owners and admins; owners only by an owner)",
    body: { content: { "application/json": ChangeRole.pick({ role: true }) } },
    responses: { 200: { description: "Changed", json: MemberJson } },
    errors: [409],
  },
  DELETE: {
    summary: "Remove a member (owners and admins); their tokens for the organization are revoked",
    responses: { 204: { description: "Removed" } },
    errors: [409],
  },
});

export const handler = define.handlers({
  // {"role": "owner" | "admin" | "member"}
  async PATCH(ctx) {
    const { org, user } = ctx.params;
    const input = await commandInput(ctx.req, { org: org!, user: user! });
    return Response.json(memberJson(await changeRole(ctx.state.services, ctx.state.actor, input)));
  },
  async DELETE(ctx) {
    const { org, user } = ctx.params;
    await removeMember(ctx.state.services, ctx.state.actor, { org: org!, user: user! });
    return noContent();
  },
});
