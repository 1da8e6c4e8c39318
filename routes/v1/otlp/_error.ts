import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { jsonError } from "@/lib/http/errors.ts";
import { otlpEncodingOf } from "@/lib/http/otlp_body.ts";
import { otlpFailure } from "@/lib/http/otlp_answer.ts";

// OTLP/HTTP exporters POST and read a google.rpc.Status, in the encoding they sent, from
// every failure, the refusals of the access check included. Anything else here (a GET from
// a browser) answers the API's usual `{"error": ...}`.
export const handler = define.handlers((ctx) => {
  const error = ctx.error instanceof HttpError ? ctx.error : new HttpError(500);
  if (ctx.req.method !== "POST") return jsonError(error);
  return otlpFailure(otlpEncodingOf(ctx.req) ?? "json", error);
});
