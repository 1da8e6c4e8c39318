import { define } from "@/lib/define.ts";
import { commandInput, noContent } from "@/lib/http/command_input.ts";
import { deleteTeam, readTeam, renameTeam } from "@/lib/orgs/teams.ts";
import { TeamDetailJson, teamDetailJson, TeamJson, teamJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { RenameTeam } from "@/lib/orgs/inputs.ts";

export const access: RouteAccess = { GET: "org.read", PATCH: "org.teams", DELETE: "org.teams" };

/** The organization and team named by the path. */
function teamRef(params: Record<string, string | undefined>) {
  return { org: params.org!, team: params.team! };
}

export const api = describe({
  GET: {
    summary: "A team, its members and its package grants",
    responses: { 200: { description: "The team", json: TeamDetailJson } },
  },
  PATCH: {
    summary: "Rename a team (owners and admins)",
    body: { content: { "application/json": RenameTeam.pick({ name: true }) } },
    responses: { 200: { description: "Renamed", json: TeamJson } },
  },
  DELETE: {
    summary: "Delete a team and its grants (owners and admins)",
    responses: { 204: { description: "Deleted" } },
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const { team } = await readTeam(ctx.state.services, ctx.state.actor, teamRef(ctx.params));
    return Response.json(teamDetailJson(team));
  },
  // {"name"}
  async PATCH(ctx) {
    const input = await commandInput(ctx.req, teamRef(ctx.params));
    return Response.json(teamJson(await renameTeam(ctx.state.services, ctx.state.actor, input)));
  },
  async DELETE(ctx) {
    await deleteTeam(ctx.state.services, ctx.state.actor, teamRef(ctx.params));
    return noContent();
  },
});
