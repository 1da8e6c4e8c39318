import { define } from "@/lib/define.ts";
import { statusOf } from "@/lib/http/errors.ts";
import { readUpload } from "@/lib/http/upload.ts";
import { packageFor } from "@/lib/packages/access.ts";
import { listVersions } from "@/lib/packages/versions.ts";
import { publish, PublishRefusal } from "@/lib/packages/publish.ts";
import { packageJson, reportJson, versionJson } from "@/lib/packages/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "package.read", POST: "package.publish" };

export const handler = define.handlers({
  async GET(ctx) {
    const { services: s, actor } = ctx.state;
    const pkg = await packageFor(s, actor, "package.read", ctx.params.package!);
    const versions = await listVersions(s.db, pkg.id);
    return Response.json({ package: pkg.name, versions: versions.map((v) => versionJson(v)) });
  },
  // Publish a version: the bundle as a multipart form ('bundle' = the archive, or the files one
  // by one) or as the raw archive. The package is created (private) on first publish.
  async POST(ctx) {
    const { services: s, actor, user } = ctx.state;
    const { upload, fields } = await readUpload(ctx.req);
    const visibility = fields.visibility ?? ctx.url.searchParams.get("visibility") ?? undefined;
    let result: Awaited<ReturnType<typeof publish>>;
    try {
      result = await publish(s, actor, {
        upload,
        package: ctx.params.package!,
        visibility: visibility as "private" | "public" | undefined,
      });
    } catch (error) {
      // A refusal of the bundle answers with the verification report, as the inactu API does.
      if (!(error instanceof PublishRefusal) || !error.report) throw error;
      return Response.json(
        { error: error.message, report: reportJson(error.report) },
        { status: statusOf(error) },
      );
    }
    return Response.json({
      package: result.package.name,
      version: result.version.version,
      artifact_digest: result.version.artifactDigest,
      created_package: result.created,
      package_info: packageJson(result.package, { owner: user!.handle }),
      version_info: versionJson(result.version),
      report: reportJson(result.report),
    }, { status: 201 });
  },
});
