import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { actorOf, requireScope } from "@/lib/auth/guards.ts";
import { ownPackageOr404 } from "@/lib/packages/guards.ts";
import { listVersions } from "@/lib/packages/versions.ts";
import { publish } from "@/lib/packages/publish.ts";
import { readUpload } from "@/lib/packages/upload.ts";
import { packageJson, reportJson, versionJson } from "@/lib/packages/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "package.read", POST: "package.publish" };

export const handler = define.handlers({
  async GET(ctx) {
    const { pkg } = await ownPackageOr404(ctx, "packages:read");
    const versions = await listVersions(ctx.state.services.db, pkg.id);
    return Response.json({ package: pkg.name, versions: versions.map((v) => versionJson(v)) });
  },
  // Publish a version: the bundle as a multipart form ('bundle' = the archive, or the files one
  // by one) or as the raw archive. The package is created (private) on first publish.
  async POST(ctx) {
    const user = requireScope(ctx, "packages:publish");
    const { upload, fields } = await readUpload(ctx.req);
    const visibility = fields.visibility ?? ctx.url.searchParams.get("visibility") ?? undefined;
    if (visibility !== undefined && visibility !== "private" && visibility !== "public") {
      throw new HttpError(400, "visibility must be 'private' or 'public'");
    }
    const result = await publish(ctx.state.services, {
      account: user,
      actor: actorOf(ctx, user),
      upload,
      packageName: ctx.params.package!,
      visibility,
    });
    if (!result.ok) {
      return Response.json({
        error: result.error,
        report: result.report && reportJson(result.report),
      }, { status: result.status });
    }
    if ("dryRun" in result) throw new Error("unreachable: not a dry run");
    return Response.json({
      package: result.package.name,
      version: result.version.version,
      artifact_digest: result.version.artifactDigest,
      created_package: result.created,
      package_info: packageJson(result.package, { owner: user.handle }),
      version_info: versionJson(result.version),
      report: reportJson(result.report),
    }, { status: 201 });
  },
});
