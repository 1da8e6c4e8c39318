import { ownDownloadHandler } from "@/lib/http/download.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { binary, describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "package.read";

export const api = describe({
  GET: {
    summary: "Download a version's skill.wasm",
    responses: {
      200: { description: "The bytes", content: { "application/octet-stream": binary } },
      304: { description: "Unchanged since the ETag sent in If-None-Match" },
    },
  },
});

// The caller's own version's skill.wasm, private or public; anyone else's is a 404.
export const handler = ownDownloadHandler("artifact");
