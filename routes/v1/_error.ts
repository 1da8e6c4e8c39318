import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { jsonError } from "@/lib/http/errors.ts";

// Every error of the API, and every unknown path under /v1, answers `{"error": "..."}`.
export const handler = define.handlers((ctx) =>
  jsonError(ctx.error instanceof HttpError ? ctx.error : new HttpError(500))
);
