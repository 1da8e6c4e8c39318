import { z } from "zod";
import { define } from "@/lib/define.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { searchOwnLogs, searchParams } from "@/lib/logs/search_query.ts";
import { SearchLogJson, searchLogJson } from "@/lib/logs/search_json.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "context.read";

export const api = describe({
  GET: {
    summary: "Log lines across all your contexts, newest first",
    query: searchParams(),
    responses: {
      200: {
        description: "A page of lines, each with its context; next_before_id continues it " +
          "(null at the end)",
        json: z.object({
          logs: z.array(SearchLogJson),
          next_before_id: z.number().int().nullable(),
        }),
      },
    },
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const { services, actor } = ctx.state;
    const result = await searchOwnLogs(services, actor, { url: ctx.url });
    return Response.json({
      logs: result.lines.map((found) => searchLogJson(found, result.contexts)),
      next_before_id: result.nextBeforeId,
    });
  },
});
