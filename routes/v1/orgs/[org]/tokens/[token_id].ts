import { define } from "@/lib/define.ts";
import { noContent } from "@/lib/http/command_input.ts";
import { revokeOrgToken } from "@/lib/orgs/tokens.ts";
import { describe } from "@/lib/openapi/describe.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "org.tokens";

export const api = describe({
  DELETE: {
    summary: "Revoke a token that acts for the organization (owners and admins)",
    responses: { 204: { description: "Revoked: the token stops working at once" } },
  },
});

export const handler = define.handlers({
  async DELETE(ctx) {
    const { services, actor } = ctx.state;
    await revokeOrgToken(services, actor, { org: ctx.params.org!, id: ctx.params.token_id! });
    return noContent();
  },
});
