import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { readStrictJsonObject } from "@/lib/http/strict_json_body.ts";
import { verifyReceipt } from "@/lib/verifier/receipt.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe, raw } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "public";

export const api = describe({
  POST: {
    summary: "Verify an execution receipt's hash",
    body: {
      content: {
        "application/json": raw({
          type: "object",
          required: ["receipt"],
          properties: { receipt: { type: "object" } },
          additionalProperties: false,
        }),
      },
    },
    responses: {
      200: {
        description: "The receipt is valid",
        json: z.object({
          schema_version: z.string(),
          artifact: z.string(),
          receipt_hash: z.string(),
          valid: z.literal(true),
        }),
      },
    },
  },
});

// As the inactu control API: {receipt} in, {schema_version, artifact, receipt_hash, valid}
// out; a receipt that is malformed or whose receipt_hash does not match is a 400 saying why.
export const handler = define.handlers({
  async POST(ctx) {
    const body = await readStrictJsonObject(ctx.req, { fields: ["receipt"] });
    if (body.receipt === undefined) {
      throw new HttpError(400, 'receipt is required: send {"receipt": {...}}');
    }
    return Response.json(await verifyReceipt(body.receipt));
  },
});
