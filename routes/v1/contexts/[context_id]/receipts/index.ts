import { define } from "@/lib/define.ts";
import { DomainError } from "@/lib/errors.ts";
import { enforceLimit, LIMITS } from "@/lib/auth/limits.ts";
import { MiB } from "@/lib/http/body.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { routeContext } from "@/lib/http/route_context.ts";
import { readStrictJson } from "@/lib/http/strict_json_body.ts";
import { contextPolicy } from "@/lib/contexts/policy.ts";
import {
  listContextReceipts,
  MAX_RECEIPT_BATCH,
  ReceiptListQuery,
  recordReceipts,
} from "@/lib/receipts/commands.ts";
import { ReceiptJson, receiptJson } from "@/lib/receipts/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe, raw } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = { GET: "context.read", POST: "context.write" };

const Outcome = z.object({
  index: z.number().int(),
  status: z.enum(["accepted", "duplicate", "refused"]),
  receipt: ReceiptJson.optional(),
  error: z.string().optional(),
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export const api = describe({
  GET: {
    summary: "A context's execution receipts, newest first",
    query: ReceiptListQuery,
    responses: {
      200: {
        description: "A page of receipts; next_before_id continues it (null at the end)",
        json: z.object({
          context_id: z.string(),
          receipts: z.array(ReceiptJson),
          next_before_id: z.number().int().nullable(),
        }),
      },
    },
  },
  POST: {
    summary: "Report one execution receipt, or a batch (a JSON array)",
    description: "Each receipt is verified as POST /v1/verify/receipt verifies it and stored " +
      "once per receipt_hash. One receipt: 201 stored, 200 already stored, 400 refused. A " +
      `batch (at most ${MAX_RECEIPT_BATCH}): 200 with each receipt's outcome.`,
    body: {
      content: {
        "application/json": raw({
          oneOf: [{ type: "object" }, {
            type: "array",
            items: { type: "object" },
            maxItems: MAX_RECEIPT_BATCH,
          }],
        }),
      },
    },
    responses: {
      200: {
        description: "A batch's outcomes, or a receipt that was already stored",
        json: z.union([
          z.object({
            context_id: z.string(),
            receipt: ReceiptJson,
            status: z.literal("duplicate"),
          }),
          z.object({
            context_id: z.string(),
            accepted: z.number().int(),
            duplicate: z.number().int(),
            refused: z.number().int(),
            results: z.array(Outcome),
          }),
        ]),
      },
      201: {
        description: "The receipt, stored",
        json: z.object({
          context_id: z.string(),
          receipt: ReceiptJson,
          status: z.literal("accepted"),
        }),
      },
    },
    errors: [413, 429],
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const query = parseQuery(ctx.url, ReceiptListQuery);
    const { services, actor } = ctx.state;
    const page = await listContextReceipts(services, actor, {
      id: ctx.params.context_id!,
      beforeId: query.before_id,
      limit: query.limit ?? 50,
    });
    const policy = await contextPolicy(services.db, page.context.id);
    return Response.json({
      context_id: page.context.id,
      receipts: page.receipts.map((r) => receiptJson(r, policy)),
      next_before_id: page.nextBeforeId,
    });
  },

  /**
   * Ownership first, then the rate limit, then the body: a refused request changes nothing,
   * not even the counter (as for log lines).
   */
  async POST(ctx) {
    const context = await routeContext(ctx, "context.write");
    const { services, actor } = ctx.state;
    await enforceLimit(
      services.db,
      LIMITS.receiptsPerUser,
      ctx.state.user!.userId,
      services.clock(),
    );
    const body = await readStrictJson(ctx.req, { maxBytes: MiB });
    const single = !Array.isArray(body);
    const results = await recordReceipts(services, actor, {
      id: context.id,
      receipts: single ? [body] : body,
    });
    const policy = await contextPolicy(services.db, context.id);
    if (single) {
      const [only] = results;
      // Refused alone: a 400 with the verifier's reason, as POST /v1/verify/receipt answers.
      if (only!.status === "refused") {
        throw new DomainError("invalid", only!.error, { issues: only!.issues });
      }
      return Response.json(
        {
          context_id: context.id,
          receipt: receiptJson(only!.receipt, policy),
          status: only!.status,
        },
        { status: only!.status === "accepted" ? 201 : 200 },
      );
    }
    const count = (status: string) => results.filter((r) => r.status === status).length;
    return Response.json({
      context_id: context.id,
      accepted: count("accepted"),
      duplicate: count("duplicate"),
      refused: count("refused"),
      results: results.map((r) =>
        r.status === "refused" ? r : { ...r, receipt: receiptJson(r.receipt, policy) }
      ),
    });
  },
});
