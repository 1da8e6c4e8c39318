import { z } from "zod";
import { define } from "@/lib/define.ts";
import { listOrgTokens } from "@/lib/orgs/tokens.ts";
import { TokenJson, tokenJson } from "@/lib/auth/json.ts";
import { describe } from "@/lib/openapi/describe.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "org.tokens";

export const OrgTokenJson = TokenJson.extend({ user: z.string() }).meta({ id: "OrgToken" });

export const api = describe({
  GET: {
    summary: "The API tokens that act for the organization (owners and admins)",
    responses: {
      200: {
        description: "Tokens, newest first, revoked ones included; `user` is who holds each",
        json: z.object({ tokens: z.array(OrgTokenJson) }),
      },
    },
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const { services, actor } = ctx.state;
    const { tokens } = await listOrgTokens(services, actor, { org: ctx.params.org! });
    const now = services.clock();
    return Response.json(
      { tokens: tokens.map((t) => ({ ...tokenJson(t, now, true), user: t.user })) },
      { headers: { "cache-control": "no-store" } },
    );
  },
});
