import { define } from "@/lib/define.ts";
import { routeContext } from "@/lib/http/route_context.ts";
import { contextPolicy } from "@/lib/contexts/policy.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = { GET: "context.read" };

export const api = describe({
  GET: {
    summary: "A context's capability policy",
    description: "Set it at registration or with PATCH /v1/contexts/{context_id}.",
    responses: {
      200: {
        description: "The policy as parsed (spec/policy/policy.schema.json), or null for none",
        json: z.object({
          context_id: z.string(),
          capability_policy: z.record(z.string(), z.unknown()).nullable(),
        }),
      },
    },
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const context = await routeContext(ctx, "context.read");
    const policy = await contextPolicy(ctx.state.services.db, context.id);
    return Response.json({ context_id: context.id, capability_policy: policy });
  },
});
