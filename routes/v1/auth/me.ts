import { define } from "@/lib/define.ts";
import { requireUser } from "@/lib/auth/guards.ts";
import { accountJson } from "@/lib/auth/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "account.read";

export const handler = define.handlers({
  GET(ctx) {
    const user = requireUser(ctx);
    return Response.json(accountJson(user, { session: ctx.state.session, token: ctx.state.token }));
  },
});
