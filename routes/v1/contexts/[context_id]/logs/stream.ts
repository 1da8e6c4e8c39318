import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { routeContext } from "@/lib/http/route_context.ts";
import { logQueryParams, parseLogFilter } from "@/lib/logs/filter.ts";
import { requireCursors } from "@/lib/logs/cursors.ts";
import { acquireTailSlot, newestLineId, TAIL_REFUSED, tailStream } from "@/lib/logs/tail.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe, raw } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "context.read";

export const api = describe({
  GET: {
    summary: "Live tail of a context's log lines (Server-Sent Events)",
    description: "Each event is one line (`id` = the line id, `data` = the line as JSON). " +
      "A reconnecting EventSource sends Last-Event-ID and resumes after it.",
    query: logQueryParams(),
    responses: {
      200: {
        description: "The event stream",
        content: { "text/event-stream": raw({ type: "string" }) },
      },
    },
    errors: [429, 503],
  },
});

/**
 * The live tail as Server-Sent Events: every new line matching the filters (the same ones as
 * GET .../logs), starting after `Last-Event-ID` (a reconnecting EventSource sends it), else
 * after `after_id`, else at the newest line.
 */
export const handler = define.handlers({
  async GET(ctx) {
    const context = await routeContext(ctx, "context.read");
    const user = ctx.state.user!;
    const { db, clock, config } = ctx.state.services;
    const filter = parseLogFilter(ctx.url, {
      now: clock(),
      retentionDays: config.logRetentionDays,
    });
    if (filter.beforeId !== null) {
      throw new HttpError(400, "a live tail starts after a line: use after_id, not before_id");
    }
    const header = ctx.req.headers.get("last-event-id")?.trim();
    if (header !== undefined && header !== "" && !/^\d{1,10}$/.test(header)) {
      throw new HttpError(400, "Last-Event-ID must be the id of a log line");
    }
    const resume = header ? Number(header) : filter.afterId;
    await requireCursors(db, context.id, { [header ? "Last-Event-ID" : "after_id"]: resume });
    const headers = {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    };
    // HEAD gets the headers only: a tail started here would have no reader to end it.
    if (ctx.req.method === "HEAD") return new Response(null, { headers });
    const start = resume ?? await newestLineId(db, context.id);
    const slot = acquireTailSlot(db, user.ownerId);
    if ("refused" in slot) {
      const { status, retryAfter, message } = TAIL_REFUSED[slot.refused];
      throw new HttpError(status, message, { headers: { "retry-after": String(retryAfter) } });
    }
    // The server cancels the body when the client goes away, which ends the tail.
    const body = tailStream(db, context.id, filter, start, { onClose: slot.release });
    return new Response(body, { headers });
  },
});
