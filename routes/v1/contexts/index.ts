import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { intParam, parseQuery } from "@/lib/http/query.ts";
import { listOwnContexts, registerContext } from "@/lib/contexts/commands.ts";
import { ContextListQuery } from "@/lib/contexts/list.ts";
import { CreateContextBody } from "@/lib/contexts/input.ts";
import { ContextJson, contextJson } from "@/lib/contexts/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe } from "@/lib/openapi/describe.ts";

const ListQuery = ContextListQuery.extend({ limit: intParam(1, 200).optional() });

export const access: RouteAccess = { GET: "context.read", POST: "context.write" };

export const api = describe({
  GET: {
    summary: "Your contexts, or an organization's (owner=handle)",
    query: ListQuery,
    responses: {
      200: {
        description: "A page; next_cursor continues it (null at the end)",
        json: z.object({ contexts: z.array(ContextJson), next_cursor: z.string().nullable() }),
      },
    },
  },
  POST: {
    summary: "Register a context",
    body: { content: { "application/json": CreateContextBody } },
    responses: { 201: { description: "Registered", json: z.object({ context: ContextJson }) } },
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const query = parseQuery(ctx.url, ListQuery);
    const page = await listOwnContexts(ctx.state.services, ctx.state.actor, {
      query,
      limit: query.limit ?? 50,
    });
    return Response.json({
      contexts: page.contexts.map(contextJson),
      next_cursor: page.nextCursor,
    });
  },

  async POST(ctx) {
    const body = await readJson(ctx.req, CreateContextBody, { maxBytes: 16 * 1024 });
    const context = await registerContext(ctx.state.services, ctx.state.actor, body);
    return Response.json({ context: contextJson(context) }, { status: 201 });
  },
});
