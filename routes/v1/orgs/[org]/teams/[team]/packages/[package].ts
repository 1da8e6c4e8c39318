import { z } from "zod";
import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import { grantTeamPackage, revokeTeamPackage } from "@/lib/orgs/teams.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { PUT: "org.teams", DELETE: "org.teams" };

export const handler = define.handlers({
  // {"permission": "read" | "publish" | "admin"}: grants or changes the team's permission.
  async PUT(ctx) {
    const body = await readJson(ctx.req, z.record(z.string(), z.unknown()), { maxBytes: KiB });
    await grantTeamPackage(ctx.state.services, ctx.state.actor, {
      ...body,
      org: ctx.params.org!,
      team: ctx.params.team!,
      package: ctx.params.package!,
    } as never);
    return new Response(null, { status: 204 });
  },
  async DELETE(ctx) {
    await revokeTeamPackage(ctx.state.services, ctx.state.actor, {
      org: ctx.params.org!,
      team: ctx.params.team!,
      package: ctx.params.package!,
    });
    return new Response(null, { status: 204 });
  },
});
