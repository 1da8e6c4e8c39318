import { define } from "@/lib/define.ts";
import { describe, raw } from "@/lib/openapi/describe.ts";
import { openApiResponse } from "@/lib/openapi/served.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import manifest from "@/routes.gen.ts";

export const access: RouteAccess = "public";

export const api = describe({
  GET: {
    summary: "This API's OpenAPI 3.1 description",
    responses: {
      200: {
        description: "The document (also committed as docs/openapi.json)",
        content: { "application/json": raw({ type: "object" }) },
        headers: { etag: "For If-None-Match" },
      },
      304: { description: "Unchanged since the ETag sent in If-None-Match" },
    },
  },
});

// The manifest is read when a request comes, not when this module loads (it imports this one).
export const handler = define.handlers({
  GET(ctx) {
    return openApiResponse(ctx.req, manifest);
  },
});
