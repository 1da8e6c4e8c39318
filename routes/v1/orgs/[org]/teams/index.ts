import { define } from "@/lib/define.ts";
import { commandInput } from "@/lib/http/command_input.ts";
import { createTeam, listTeams } from "@/lib/orgs/teams.ts";
import { teamJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "org.read", POST: "org.teams" };

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
