import { define } from "@/lib/define.ts";
import { commandInput, noContent } from "@/lib/http/command_input.ts";
import { changeRole, removeMember } from "@/lib/orgs/members.ts";
import { memberJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { PATCH: "org.members", DELETE: "org.members" };

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
