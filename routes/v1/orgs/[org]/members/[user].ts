import { z } from "zod";
import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import { changeRole, removeMember } from "@/lib/orgs/members.ts";
import { memberJson } from "@/lib/orgs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { PATCH: "org.members", DELETE: "org.members" };

export const handler = define.handlers({
  // {"role": "owner" | "admin" | "member"}
  async PATCH(ctx) {
    const body = await readJson(ctx.req, z.record(z.string(), z.unknown()), { maxBytes: 16 * KiB });
    const member = await changeRole(ctx.state.services, ctx.state.actor, {
      ...body,
      org: ctx.params.org!,
      user: ctx.params.user!,
    } as never);
    return Response.json(memberJson(member));
  },
  async DELETE(ctx) {
    await removeMember(ctx.state.services, ctx.state.actor, {
      org: ctx.params.org!,
      user: ctx.params.user!,
    });
    return new Response(null, { status: 204 });
  },
});
