import { z } from "zod";
import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import { deleteTeam, readTeam, renameTeam } from "@/lib/orgs/teams.ts";
import { teamDetailJson, teamJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "org.read", PATCH: "org.teams", DELETE: "org.teams" };

export const handler = define.handlers({
  async GET(ctx) {
    const { team } = await readTeam(ctx.state.services, ctx.state.actor, {
      org: ctx.params.org!,
      team: ctx.params.team!,
    });
    return Response.json(teamDetailJson(team));
  },
  // {"name"}
  async PATCH(ctx) {
    const body = await readJson(ctx.req, z.record(z.string(), z.unknown()), { maxBytes: 16 * KiB });
    const team = await renameTeam(ctx.state.services, ctx.state.actor, {
      ...body,
      org: ctx.params.org!,
      team: ctx.params.team!,
    } as never);
    return Response.json(teamJson(team));
  },
  async DELETE(ctx) {
    await deleteTeam(ctx.state.services, ctx.state.actor, {
      org: ctx.params.org!,
      team: ctx.params.team!,
    });
    return new Response(null, { status: 204 });
  },
});
