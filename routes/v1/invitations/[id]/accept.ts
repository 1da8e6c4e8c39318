import { z } from "zod";
import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import { acceptInvitation } from "@/lib/orgs/invitations.ts";
import { orgJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "org.join";

const Body = z.strictObject({ token: z.string().optional() });

export const handler = define.handlers({
  // Joins the organization; the caller's verified address must be the invited one.
  async POST(ctx) {
    const body = await readJson(ctx.req, Body, { maxBytes: KiB, optional: true });
    const { org, role } = await acceptInvitation(ctx.state.services, ctx.state.actor, {
      id: ctx.params.id!,
      ...body,
    });
    return Response.json(orgJson(org, role));
  },
});
