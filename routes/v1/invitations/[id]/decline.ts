import { z } from "zod";
import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import { declineInvitation } from "@/lib/orgs/invitations.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "org.join";

const Body = z.strictObject({ token: z.string().optional() });

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readJson(ctx.req, Body, { maxBytes: KiB, optional: true });
    await declineInvitation(ctx.state.services, ctx.state.actor, { id: ctx.params.id!, ...body });
    return new Response(null, { status: 204 });
  },
});
