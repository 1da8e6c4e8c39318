import { define } from "@/lib/define.ts";
import { commandInput, noContent } from "@/lib/http/command_input.ts";
import { deleteOrg, readOrg, updateOrg } from "@/lib/orgs/commands.ts";
import { orgJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "org.read", PATCH: "org.update", DELETE: "org.delete" };

export const handler = define.handlers({
  async GET(ctx) {
    const { org, role } = await readOrg(ctx.state.services, ctx.state.actor, ctx.params.org!);
    return Response.json(orgJson(org, role));
  },
  async PATCH(ctx) {
    const input = await commandInput(ctx.req, { org: ctx.params.org! });
    return Response.json(orgJson(await updateOrg(ctx.state.services, ctx.state.actor, input)));
  },
  async DELETE(ctx) {
    await deleteOrg(ctx.state.services, ctx.state.actor, { org: ctx.params.org! });
    return noContent();
  },
});
