import { z } from "zod";
import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import { deleteOrg, readOrg, updateOrg } from "@/lib/orgs/commands.ts";
import { orgJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "org.read", PATCH: "org.update", DELETE: "org.delete" };

export const handler = define.handlers({
  async GET(ctx) {
    const { org, role } = await readOrg(ctx.state.services, ctx.state.actor, ctx.params.org!);
    return Response.json(orgJson(org, role));
  },
  async PATCH(ctx) {
    const body = await readJson(ctx.req, z.record(z.string(), z.unknown()), { maxBytes: 16 * KiB });
    const org = await updateOrg(ctx.state.services, ctx.state.actor, {
      ...body,
      org: ctx.params.org!,
    } as never);
    return Response.json(orgJson(org));
  },
  async DELETE(ctx) {
    await deleteOrg(ctx.state.services, ctx.state.actor, { org: ctx.params.org! });
    return new Response(null, { status: 204 });
  },
});
