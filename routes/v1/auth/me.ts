import { define } from "@/lib/define.ts";
import { readAccount } from "@/lib/auth/manage.ts";
import { AccountJson, accountJson } from "@/lib/auth/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "account.read";

export const api = describe({
  GET: {
    summary: "Who you are, and how you are signed in",
    responses: { 200: { description: "Your account", json: AccountJson } },
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const account = await readAccount(ctx.state.services, ctx.state.actor);
    return Response.json(
      accountJson(
        account,
        { session: ctx.state.session, token: ctx.state.token },
        ctx.state.services.config.orgsEnabled,
      ),
    );
  },
});
