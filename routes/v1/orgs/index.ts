import { z } from "zod";
import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import { createOrg } from "@/lib/orgs/commands.ts";
import { myOrgs } from "@/lib/orgs/mine.ts";
import { OrgJson, orgJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { CreateOrg } from "@/lib/orgs/inputs.ts";

export const access: RouteAccess = { GET: "org.list", POST: "org.create" };

export const api = describe({
  GET: {
    summary: "Your organizations, with your role in each",
    responses: {
      200: { description: "Organizations", json: z.object({ orgs: z.array(OrgJson) }) },
    },
  },
  POST: {
    summary: "Create an organization (a verified account; you become its owner)",
    body: {
      content: { "application/json": CreateOrg },
      example: { handle: "acme", display_name: "Acme Inc" },
    },
    responses: { 201: { description: "Created", json: OrgJson } },
    errors: [409],
  },
});

export const handler = define.handlers({
  // The organizations the caller belongs to, with their role in each.
  async GET(ctx) {
    const orgs = await myOrgs(ctx.state.services, ctx.state.actor);
    return Response.json({ orgs: orgs.map((o) => orgJson(o, o.role)) });
  },
  async POST(ctx) {
    const body = await readJson(ctx.req, z.record(z.string(), z.unknown()), { maxBytes: 16 * KiB });
    const org = await createOrg(ctx.state.services, ctx.state.actor, body as never);
    return Response.json(orgJson(org, "owner"), { status: 201 });
  },
});
