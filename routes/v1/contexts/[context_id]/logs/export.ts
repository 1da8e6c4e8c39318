import { z } from "zod";
import { define } from "@/lib/define.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { routeContext } from "@/lib/http/route_context.ts";
import { checkLogFilter, logQueryParams } from "@/lib/logs/filter.ts";
import { requireCursors } from "@/lib/logs/cursors.ts";
import { EXPORT_MAX_LINES, EXPORT_TYPES, exportStream } from "@/lib/logs/export.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe, raw } from "@/lib/openapi/describe.ts";

const Query = logQueryParams({ maxLimit: EXPORT_MAX_LINES }).extend({
  format: z.enum(["ndjson", "csv"], "must be ndjson or csv").optional(),
  order: z.enum(["desc", "asc"], "must be desc or asc").optional(),
});

export const access: RouteAccess = "context.read";

export const api = describe({
  GET: {
    summary: "Download a context's log lines (NDJSON or CSV)",
    query: Query,
    responses: {
      200: {
        description: "The lines, as an attachment",
        content: {
          "application/x-ndjson": raw({ type: "string" }),
          "text/csv": raw({ type: "string" }),
        },
      },
    },
  },
});

/**
 * The filtered lines as a download, at most `limit` (default and cap 100,000): newest first,
 * or with `order=asc` oldest first, as the viewer lists them (the viewer's links ask for that).
 */
export const handler = define.handlers({
  async GET(ctx) {
    const context = await routeContext(ctx, "context.read");
    const { db, clock, config } = ctx.state.services;
    const params = parseQuery(ctx.url, Query);
    const filter = checkLogFilter(params, {
      now: clock(),
      retentionDays: config.logRetentionDays,
      defaultLimit: EXPORT_MAX_LINES,
    });
    await requireCursors(db, context.id, { before_id: filter.beforeId, after_id: filter.afterId });
    const format = params.format ?? "ndjson";
    const name = `context-${context.id.slice(0, 8)}-logs.${format}`;
    return new Response(exportStream(db, context.id, filter, format, params.order), {
      headers: {
        "content-type": EXPORT_TYPES[format],
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  },
});
