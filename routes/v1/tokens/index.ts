import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { createToken, listOwnTokens } from "@/lib/auth/manage.ts";
import { TokenInput } from "@/lib/auth/inputs.ts";
import { TokenJson, tokenJson } from "@/lib/auth/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "token.manage";

export const api = describe({
  GET: {
    summary: "Your API tokens",
    responses: { 200: { description: "Tokens", json: z.object({ tokens: z.array(TokenJson) }) } },
  },
  POST: {
    summary: "Create an API token (its secret is shown once)",
    body: { content: { "application/json": TokenInput } },
    responses: {
      201: {
        description: "Created: `token` is the secret to send as Authorization: Bearer",
        json: TokenJson.extend({ token: z.string() }),
      },
    },
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const { services, actor } = ctx.state;
    const now = services.clock();
    const tokens = await listOwnTokens(services, actor);
    const orgs = services.config.orgsEnabled;
    return Response.json({ tokens: tokens.map((t) => tokenJson(t, now, orgs)) });
  },
  async POST(ctx) {
    const { services, actor } = ctx.state;
    const body = await readJson(ctx.req, TokenInput, { maxBytes: 16 * 1024 });
    const created = await createToken(services, actor, body);
    return Response.json(
      {
        ...tokenJson(created.info, services.clock(), services.config.orgsEnabled),
        token: created.token,
      },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  },
});
