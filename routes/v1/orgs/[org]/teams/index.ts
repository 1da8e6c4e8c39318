import { define } from "@/lib/define.ts";
import { commandInput } from "@/lib/http/command_input.ts";
import { createTeam, listTeams } from "@/lib/orgs/teams.ts";
import { TeamJson, teamJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { CreateTeam } from "@/lib/orgs/inputs.ts";
import { z } from "zod";

export const access: RouteAccess = { GET: "org.read", POST: "org.teams" };

export const api = describe({
  GET: {
    summary: "The organization's teams",
    responses: { 200: { description: "Teams", json: z.object({ teams: z.array(TeamJson) }) } },
  },
  POST: {
    summary: "Create a team (owners and admins)",
    body: {
      content: { "application/json": CreateTeam.omit({ org: true }) },
      example: { slug: "core", name: "Core" },
    },
    responses: { 201: { description: "Created", json: TeamJson } },
    errors: [409],
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const org = ctx.params.org!;
    const { teams } = await listTeams(ctx.state.services, ctx.state.actor, { org });
    return Response.json({ teams: teams.map(teamJson) });
  },
  // {"slug", "name"}
  async POST(ctx) {
    const team = await createTeam(
      ctx.state.services,
      ctx.state.actor,
      await commandInput(ctx.req, { org: ctx.params.org! }),
    );
    return Response.json(teamJson(team), { status: 201 });
  },
});
