import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { sha256DigestOfText } from "@/lib/packages/bundle/digest.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const Body = z.strictObject({ payload: z.string("must be a string") });

export const access: RouteAccess = "public";

// As the inactu control API: the sha256 of the UTF-8 bytes of `payload`. No sign-in needed.
export const handler = define.handlers({
  async POST(ctx) {
    const { payload } = await readJson(ctx.req, Body);
    return Response.json({ digest: await sha256DigestOfText(payload) });
  },
});
