import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { updateContext } from "@/lib/contexts/commands.ts";
import { routeContext } from "@/lib/http/route_context.ts";
import { PatchContextBody } from "@/lib/contexts/input.ts";
import { ContextJson, contextJson } from "@/lib/contexts/json.ts";
import { STATUSES } from "@/lib/contexts/contexts.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = { GET: "context.read", PATCH: "context.write" };

export const api = describe({
  GET: {
    summary: "One of your contexts",
    responses: { 200: { description: "The context", json: z.object({ context: ContextJson }) } },
  },
  PATCH: {
    summary: "Change a context's status, name, labels or runtime",
    body: {
      content: {
        "application/json": z.strictObject({
          status: z.enum(STATUSES).optional(),
          name: z.string().nullable().optional(),
          labels: z.record(z.string(), z.string()).nullable().optional(),
          runtime_name: z.string().nullable().optional(),
          runtime_version: z.string().nullable().optional(),
          host: z.string().nullable().optional(),
        }),
      },
      example: { name: "checkout-eu", labels: { env: "prod", team: "core" } },
    },
    responses: { 200: { description: "The context", json: z.object({ context: ContextJson }) } },
    errors: [409],
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const context = await routeContext(ctx, "context.read");
    return Response.json({ context: contextJson(context) });
  },

  /**
   * A status change (a real one also writes the compatible log line and an audit event) and
   * changes of name, labels and runtime; a field left out is left alone, null clears it.
   */
  async PATCH(ctx) {
    const body = await readJson(ctx.req, PatchContextBody, { maxBytes: 16 * 1024 });
    const context = await updateContext(ctx.state.services, ctx.state.actor, {
      id: ctx.params.context_id!,
      body,
    });
    return Response.json({ context: contextJson(context) });
  },
});
