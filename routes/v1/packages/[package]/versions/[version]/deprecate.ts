import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { actorOf } from "@/lib/auth/guards.ts";
import { ownVersionOr404 } from "@/lib/packages/guards.ts";
import { setVersionDeprecation } from "@/lib/packages/versions.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const Body = z.strictObject({
  message: z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters")
    .optional(),
});

export const access: RouteAccess = "package.update";

export const handler = define.handlers({
  // Deprecate (idempotent: the first time is kept). The body is optional, as in the inactu
  // control API; {"message": "..."} says why.
  async POST(ctx) {
    const { user, pkg, version } = await ownVersionOr404(ctx, "packages:publish");
    const body = await readJson(ctx.req, Body, { maxBytes: 16 * 1024, optional: true });
    const { db, clock } = ctx.state.services;
    const updated = await setVersionDeprecation(db, actorOf(ctx, user), pkg, version, {
      message: body.message ?? null,
    }, clock());
    return Response.json({
      package: pkg.name,
      version: updated.version,
      deprecated_at: updated.deprecatedAt!.toISOString(),
      deprecation_message: updated.deprecationMessage,
    });
  },
  // Undo a deprecation.
  async DELETE(ctx) {
    const { user, pkg, version } = await ownVersionOr404(ctx, "packages:publish");
    const { db, clock } = ctx.state.services;
    const updated = await setVersionDeprecation(
      db,
      actorOf(ctx, user),
      pkg,
      version,
      null,
      clock(),
    );
    return Response.json({
      package: pkg.name,
      version: updated.version,
      deprecated_at: null,
      deprecation_message: null,
    });
  },
});
