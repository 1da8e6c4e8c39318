import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { apiError, signUp } from "@/lib/auth/flows.ts";
import { requestMeta } from "@/lib/auth/guards.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const Body = z.strictObject({ email: z.string(), handle: z.string(), password: z.string() });

export const access: RouteAccess = "public";

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readJson(ctx.req, Body, { maxBytes: 2 * 1024 * 1024 });
    const result = await signUp(ctx.state.services, body, requestMeta(ctx));
    if ("errors" in result) throw apiError(result.errors);
    // Identical for a new and an existing address: a mail went out either way.
    return Response.json({
      status: "verification_sent",
      message:
        "We sent a message to that address. Follow its link to verify the address and sign in.",
    }, { status: 202 });
  },
});
