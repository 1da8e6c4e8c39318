import { define } from "@/lib/define.ts";
import { addTeamMember, removeTeamMember } from "@/lib/orgs/teams.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = { PUT: "org.teams", DELETE: "org.teams" };

const ref = (p: Record<string, string | undefined>) => ({
  org: p.org!,
  team: p.team!,
  user: p.user!,
});

export const api = describe({
  PUT: {
    summary: "Add a member of the organization to the team (idempotent)",
    responses: { 204: { description: "On the team" } },
  },
  DELETE: {
    summary: "Take a member off the team",
    responses: { 204: { description: "Off the team" } },
  },
});

export const handler = define.handlers({
  // Adds a member of the organization to the team (idempotent).
  async PUT(ctx) {
    await addTeamMember(ctx.state.services, ctx.state.actor, ref(ctx.params));
    return new Response(null, { status: 204 });
  },
  async DELETE(ctx) {
    await removeTeamMember(ctx.state.services, ctx.state.actor, ref(ctx.params));
    return new Response(null, { status: 204 });
  },
});
