import { define } from "@/lib/define.ts";
import { enforceLimit, LIMITS } from "@/lib/auth/limits.ts";
import { routeContext } from "@/lib/http/route_context.ts";
import { readLogBody } from "@/lib/logs/lines.ts";
import { appendLogs } from "@/lib/logs/append.ts";
import { logQueryParams, parseLogFilter } from "@/lib/logs/filter.ts";
import { requireCursors } from "@/lib/logs/cursors.ts";
import { listLogs } from "@/lib/logs/read.ts";
import { LogJson, logJson } from "@/lib/logs/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe, raw } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = { GET: "context.read", POST: "context.write" };

export const api = describe({
  GET: {
    summary: "A context's log lines, newest first",
    query: logQueryParams(),
    responses: {
      200: {
        description: "A page of lines; next_before_id continues it (null at the end)",
        json: z.object({
          context_id: z.string(),
          logs: z.array(LogJson),
          next_before_id: z.number().int().nullable(),
        }),
      },
    },
  },
  POST: {
    summary: "Append one log line, or a batch (JSON array or NDJSON)",
    body: {
      content: {
        "application/json": raw({
          oneOf: [{ type: "object" }, { type: "array", items: { type: "object" } }],
        }),
        "application/x-ndjson": raw({ type: "string", description: "One JSON object a line" }),
      },
      example: { severity: "info", message: "started", metadata_json: { build: 7 } },
    },
    responses: {
      201: {
        description: "Stored: the line (one object sent) or the batch's ids",
        json: z.union([
          z.object({ context_id: z.string(), log: LogJson }),
          z.object({
            context_id: z.string(),
            accepted: z.number().int(),
            first_id: z.number().int(),
            last_id: z.number().int(),
          }),
        ]),
      },
    },
    errors: [429],
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const context = await routeContext(ctx, "context.read");
    const { db, clock, config } = ctx.state.services;
    const filter = parseLogFilter(ctx.url, {
      now: clock(),
      retentionDays: config.logRetentionDays,
    });
    await requireCursors(db, context.id, { before_id: filter.beforeId, after_id: filter.afterId });
    const page = await listLogs(db, context.id, filter);
    return Response.json({
      context_id: context.id,
      logs: page.lines.map(logJson),
      next_before_id: page.nextBeforeId,
    });
  },

  /**
   * One line (a JSON object) or a batch (a JSON array, or NDJSON), all or nothing. The
   * ownership check comes first so that a refused request changes nothing, not even the
   * rate-limit counter; the body is read only after the user's limit allows it. One budget
   * per user, whichever token or session sends.
   */
  async POST(ctx) {
    const context = await routeContext(ctx, "context.write");
    const user = ctx.state.user!;
    const { db, clock } = ctx.state.services;
    await enforceLimit(db, LIMITS.ingestPerUser, user.userId, clock());
    const now = clock();
    const body = await readLogBody(ctx.req, now);
    const lines = await appendLogs(db, context.id, body.lines, now);
    if (body.single) {
      return Response.json({ context_id: context.id, log: logJson(lines[0]!) }, { status: 201 });
    }
    return Response.json({
      context_id: context.id,
      accepted: lines.length,
      first_id: lines[0]!.id,
      last_id: lines[lines.length - 1]!.id,
    }, { status: 201 });
  },
});
