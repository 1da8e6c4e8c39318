import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { sha256DigestOfText } from "@/lib/packages/bundle/digest.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

const Body = z.strictObject({ payload: z.string("must be a string") });

export const access: RouteAccess = "public";

export const api = describe({
  POST: {
    summary: "The sha256 digest of a text's UTF-8 bytes",
    body: { content: { "application/json": Body }, example: { payload: "hello" } },
    responses: { 200: { description: "The digest", json: z.object({ digest: z.string() }) } },
  },
});

// As the inactu control API: the sha256 of the UTF-8 bytes of `payload`. No sign-in needed.
export const handler = define.handlers({
  async POST(ctx) {
    const { payload } = await readJson(ctx.req, Body);
    return Response.json({ digest: await sha256DigestOfText(payload) });
  },
});
