import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { setYank } from "@/lib/packages/yank.ts";
import type { PackageVersion } from "@/lib/packages/versions.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { packageRef } from "@/lib/http/package_ref.ts";

export const access: RouteAccess = "package.update";

// The reason is checked by the command, so both doors refuse a missing one with one message.
const Body = z.strictObject({ reason: z.string().optional() });
const Yank = z.object({
  package: z.string(),
  version: z.string(),
  yanked_at: z.string().meta({ format: "date-time" }).nullable(),
  yank_reason: z.string().nullable(),
});

function answer(name: string, version: PackageVersion): Response {
  const body: z.infer<typeof Yank> = {
    package: name,
    version: version.version,
    yanked_at: version.yankedAt?.toISOString() ?? null,
    yank_reason: version.yankReason,
  };
  return Response.json(body);
}

export const handler = define.handlers({
  // Yank, with {"reason": "..."} (required). Yanking again changes the reason only.
  async POST(ctx) {
    const body = await readJson(ctx.req, Body, { maxBytes: 16 * 1024, optional: true });
    const { pkg, version } = await setYank(ctx.state.services, ctx.state.actor, {
      ...packageRef(ctx),
      version: ctx.params.version!,
      yanked: true,
      reason: body.reason,
    });
    return answer(pkg.name, version);
  },
  // Undo a yank: the version can be resolved again.
  async DELETE(ctx) {
    const { pkg, version } = await setYank(ctx.state.services, ctx.state.actor, {
      ...packageRef(ctx),
      version: ctx.params.version!,
      yanked: false,
    });
    return answer(pkg.name, version);
  },
});

export const api = describe({
  POST: {
    summary: "Yank a version: never resolved nor latest, still downloadable by exact version",
    body: {
      content: { "application/json": z.strictObject({ reason: z.string().max(500) }) },
      example: { reason: "Leaks the token it is given; use 1.2.1" },
    },
    responses: { 200: { description: "The version's yank", json: Yank } },
    errors: [409],
  },
  DELETE: {
    summary: "Undo a version's yank",
    responses: { 200: { description: "The version's yank", json: Yank } },
    errors: [409],
  },
});
