import { z } from "zod";
import { define } from "@/lib/define.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { intParam, parseQuery } from "@/lib/http/query.ts";
import { listAlertDeliveries } from "@/lib/alerts/commands.ts";
import { DeliveryJson, deliveryJson } from "@/lib/alerts/json.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "alert.read";

const Query = z.object({
  before_id: intParam(1, 9_999_999_999).optional(),
  limit: intParam(1, 200).optional(),
});

export const api = describe({
  GET: {
    summary: "An alert's delivery log, newest first: one entry per attempt",
    query: Query,
    responses: {
      200: {
        description: "A page; next_before_id continues it (null at the end)",
        json: z.object({
          deliveries: z.array(DeliveryJson),
          next_before_id: z.number().int().nullable(),
        }),
      },
    },
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const query = parseQuery(ctx.url, Query);
    const page = await listAlertDeliveries(ctx.state.services, ctx.state.actor, {
      id: ctx.params.alert_id!,
      beforeId: query.before_id,
      limit: query.limit ?? 50,
    });
    return Response.json({
      deliveries: page.deliveries.map(deliveryJson),
      next_before_id: page.nextBeforeId,
    });
  },
});
