import { z } from "zod";
import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { readJson } from "@/lib/http/body.ts";
import { actorOf, requireScope } from "@/lib/auth/guards.ts";
import type { Ctx } from "@/lib/define.ts";
import { getOwnPackage } from "@/lib/packages/packages.ts";
import { getVersion, setVersionDeprecation } from "@/lib/packages/versions.ts";

const Body = z.strictObject({
  message: z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters")
    .optional(),
});

async function load(ctx: Ctx) {
  const user = requireScope(ctx, "packages:publish");
  const { db } = ctx.state.services;
  const pkg = await getOwnPackage(db, user.ownerId, ctx.params.package!);
  if (!pkg) throw new HttpError(404, "package not found");
  const version = await getVersion(db, pkg.id, ctx.params.version!);
  if (!version) throw new HttpError(404, "package version not found");
  return { user, pkg, version };
}

export const handler = define.handlers({
  // Deprecate (idempotent: the first time is kept). The body is optional, as in the inactu
  // control API; {"message": "..."} says why.
  async POST(ctx) {
    const { user, pkg, version } = await load(ctx);
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
    const { user, pkg, version } = await load(ctx);
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
