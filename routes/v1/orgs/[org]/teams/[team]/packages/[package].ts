import { define } from "@/lib/define.ts";
import { KiB } from "@/lib/http/body.ts";
import { commandInput, noContent } from "@/lib/http/command_input.ts";
import { grantTeamPackage, revokeTeamPackage } from "@/lib/orgs/teams.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { TeamGrant } from "@/lib/orgs/inputs.ts";

export const access: RouteAccess = { PUT: "org.teams", DELETE: "org.teams" };

/** The organization, team and package named by the path. */
function grantRef(params: Record<string, string | undefined>) {
  return { org: params.org!, team: params.team!, package: params.package! };
}

export const api = describe({
  PUT: {
    summary: "Grant the team a permission on one of the organization's packages",
    body: {
      content: { "application/json": TeamGrant.pick({ permission: true }) },
      example: { permission: "publish" },
    },
    responses: { 204: { description: "Granted (or changed)" } },
  },
  DELETE: {
    summary: "Take the team's permission on the package away",
    responses: { 204: { description: "Revoked" } },
  },
});

export const handler = define.handlers({
  // {"permission": "read" | "publish" | "admin"}: grants or changes the team's permission.
  async PUT(ctx) {
    const input = await commandInput(ctx.req, grantRef(ctx.params), KiB);
    await grantTeamPackage(ctx.state.services, ctx.state.actor, input);
    return noContent();
  },
  async DELETE(ctx) {
    await revokeTeamPackage(ctx.state.services, ctx.state.actor, grantRef(ctx.params));
    return noContent();
  },
});
