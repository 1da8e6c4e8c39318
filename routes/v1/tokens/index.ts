import { z } from "zod";
import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { readJson } from "@/lib/http/body.ts";
import { requestMeta, requireSession } from "@/lib/auth/guards.ts";
import { DEFAULT_TOKEN_DAYS, listApiTokens } from "@/lib/auth/api_tokens.ts";
import { checkTokenRequest, issueToken } from "@/lib/auth/manage.ts";
import { tokenJson } from "@/lib/auth/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const Body = z.strictObject({
  name: z.string().max(200),
  scopes: z.array(z.string().max(64)).max(20),
  expires_in_days: z.number().optional(),
});

export const access: RouteAccess = "token.manage";

export const handler = define.handlers({
  async GET(ctx) {
    const { user } = requireSession(ctx, "list API tokens");
    const { db, clock } = ctx.state.services;
    const now = clock();
    return Response.json({
      tokens: (await listApiTokens(db, user.ownerId)).map((t) => tokenJson(t, now)),
    });
  },
  async POST(ctx) {
    const { user } = requireSession(ctx, "create API tokens");
    const body = await readJson(ctx.req, Body, { maxBytes: 16 * 1024 });
    const request = {
      name: body.name,
      scopes: body.scopes,
      days: body.expires_in_days ?? DEFAULT_TOKEN_DAYS,
    };
    const problem = checkTokenRequest(request);
    if (problem) throw new HttpError(400, problem);
    const created = await issueToken(ctx.state.services, user, request, requestMeta(ctx));
    return Response.json(
      { ...tokenJson(created.info, ctx.state.services.clock()), token: created.token },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  },
});
