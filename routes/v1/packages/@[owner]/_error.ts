import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { jsonError } from "@/lib/http/errors.ts";
import { PackageMoved, relocated } from "@/lib/packages/moves.ts";

// A transferred package's old owner-qualified path answers with a permanent redirect to where
// it is now (the rest of the path and the query kept); every other error as under /v1.
export const handler = define.handlers((ctx) => {
  const error = ctx.error instanceof HttpError ? ctx.error : new HttpError(500);
  if (error.cause instanceof PackageMoved) {
    return ctx.redirect(relocated(ctx.url, 3, error.cause.place), 308);
  }
  return jsonError(error);
});
