import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import { packageFor } from "@/lib/packages/access.ts";
import { ownerHandle, packageRef } from "@/lib/http/package_ref.ts";
import { updatePackage } from "@/lib/packages/commands.ts";
import { PackagePatch } from "@/lib/packages/metadata.ts";
import { PackageJson, packageJson } from "@/lib/packages/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe } from "@/lib/openapi/describe.ts";
import { downloadStats } from "@/lib/packages/downloads.ts";

export const access: RouteAccess = { GET: "package.read", PATCH: "package.update" };

export const api = describe({
  GET: {
    summary: "One of your packages, with its readme and downloads of the last 30 days",
    responses: { 200: { description: "The package", json: z.object({ package: PackageJson }) } },
  },
  PATCH: {
    summary: "Change a package's metadata, visibility or status",
    body: { content: { "application/json": PackagePatch }, example: { description: "Hello" } },
    responses: { 200: { description: "The package", json: z.object({ package: PackageJson }) } },
    errors: [409],
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const { services: s, actor } = ctx.state;
    const pkg = await packageFor(s, actor, "package.read", packageRef(ctx));
    const downloads = await downloadStats(s.db, { packageId: pkg.id }, { now: s.clock() });
    return Response.json({
      package: packageJson(pkg, { owner: ownerHandle(ctx), readme: true, downloads }),
    });
  },
  async PATCH(ctx) {
    const { services: s, actor } = ctx.state;
    const ref = packageRef(ctx);
    const patch = await readJson(ctx.req, PackagePatch, { maxBytes: 256 * KiB });
    const pkg = await updatePackage(s, actor, { ...ref, patch });
    return Response.json({ package: packageJson(pkg, { owner: ownerHandle(ctx), readme: true }) });
  },
});
