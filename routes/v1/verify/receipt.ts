import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { readStrictJsonObject } from "@/lib/http/strict_json_body.ts";
import { verifyReceipt } from "@/lib/verifier/receipt.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "public";

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
