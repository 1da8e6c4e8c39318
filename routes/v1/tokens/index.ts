import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { createToken, listOwnTokens } from "@/lib/auth/manage.ts";
import { TokenInput } from "@/lib/auth/inputs.ts";
import { tokenJson } from "@/lib/auth/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "token.manage";

export const handler = define.handlers({
  async GET(ctx) {
    const { services, actor } = ctx.state;
    const now = services.clock();
    const tokens = await listOwnTokens(services, actor);
    return Response.json({ tokens: tokens.map((t) => tokenJson(t, now)) });
  },
  async POST(ctx) {
    const { services, actor } = ctx.state;
    const body = await readJson(ctx.req, TokenInput, { maxBytes: 16 * 1024 });
    const created = await createToken(services, actor, body);
    return Response.json(
      { ...tokenJson(created.info, services.clock()), token: created.token },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  },
});
