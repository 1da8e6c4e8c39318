import { define } from "@/lib/define.ts";
import { commandInput, noContent } from "@/lib/http/command_input.ts";
import { deleteOrg, readOrg, updateOrg } from "@/lib/orgs/commands.ts";
import { OrgJson, orgJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { UpdateOrg } from "@/lib/orgs/inputs.ts";

export const access: RouteAccess = { GET: "org.read", PATCH: "org.update", DELETE: "org.delete" };

export const api = describe({
  GET: {
    summary: "An organization you belong to, with your role",
    responses: { 200: { description: "The organization", json: OrgJson } },
  },
  PATCH: {
    summary: "Change the organization's display name, description or URL (owners and admins)",
    body: { content: { "application/json": UpdateOrg.omit({ org: true }) } },
    responses: { 200: { description: "Changed", json: OrgJson } },
  },
  DELETE: {
    summary: "Delete the organization (owners; refused while it owns packages)",
    responses: { 204: { description: "Deleted" } },
    errors: [409],
  },
});

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
