import { z } from "zod";
import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import { createTeam, listTeams } from "@/lib/orgs/teams.ts";
import { teamJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "org.read", POST: "org.teams" };

export const handler = define.handlers({
  async GET(ctx) {
    const { teams } = await listTeams(ctx.state.services, ctx.state.actor, {
      org: ctx.params.org!,
    });
    return Response.json({ teams: teams.map(teamJson) });
  },
  // {"slug", "name"}
  async POST(ctx) {
    const body = await readJson(ctx.req, z.record(z.string(), z.unknown()), { maxBytes: 16 * KiB });
    const team = await createTeam(ctx.state.services, ctx.state.actor, {
      ...body,
      org: ctx.params.org!,
    } as never);
    return Response.json(teamJson(team), { status: 201 });
  },
});
