import { define } from "@/lib/define.ts";
import { statusOf } from "@/lib/http/errors.ts";
import { readUpload } from "@/lib/http/upload.ts";
import { packageFor } from "@/lib/packages/access.ts";
import { ownerHandle, packageRef } from "@/lib/http/package_ref.ts";
import { loadPackageTrust } from "@/lib/packages/trust.ts";
import { publish, PublishRefusal } from "@/lib/packages/publish.ts";
import {
  PackageJson,
  packageJson,
  ReportJson,
  reportJson,
  VersionJson,
  versionJson,
} from "@/lib/packages/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { binary, describe, ErrorJson, raw } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = { GET: "package.read", POST: "package.publish" };

export const api = describe({
  GET: {
    summary: "A package's versions, newest first",
    responses: {
      200: {
        description: "The versions",
        json: z.object({ package: z.string(), versions: z.array(VersionJson) }),
      },
    },
  },
  POST: {
    summary: "Publish a version: the signed bundle (multipart, or the raw archive)",
    description: "The package is created (private) by its first publish. Multipart: `bundle` = " +
      "the archive, or the bundle's files one by one; `visibility` for a new package.",
    query: z.object({ visibility: z.enum(["private", "public"]).optional() }),
    body: {
      content: {
        "multipart/form-data": raw({
          type: "object",
          properties: {
            bundle: { type: "string", contentMediaType: "application/gzip" },
            visibility: { type: "string", enum: ["private", "public"] },
          },
        }),
        "application/gzip": binary,
        "application/x-tar": binary,
        "application/zip": binary,
      },
    },
    responses: {
      201: {
        description: "Published",
        json: z.object({
          package: z.string(),
          version: z.string(),
          artifact_digest: z.string(),
          created_package: z.boolean(),
          package_info: PackageJson,
          version_info: VersionJson,
          report: ReportJson,
        }),
      },
    },
    errorJson: ErrorJson.extend({ report: ReportJson.optional() }),
    errors: [400, 409, 429],
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const { services: s, actor } = ctx.state;
    const pkg = await packageFor(s, actor, "package.read", packageRef(ctx));
    const { versions, trust } = await loadPackageTrust(s.db, pkg);
    return Response.json({
      package: pkg.name,
      versions: versions.map((v) => versionJson(v, trust.get(v.id)!)),
    });
  },
  // Publish a version: the bundle as a multipart form ('bundle' = the archive, or the files one
  // by one) or as the raw archive. The package is created (private) on first publish.
  async POST(ctx) {
    const { services: s, actor } = ctx.state;
    const ref = packageRef(ctx);
    const { upload, fields } = await readUpload(ctx.req);
    const visibility = fields.visibility ?? ctx.url.searchParams.get("visibility") ?? undefined;
    let result: Awaited<ReturnType<typeof publish>>;
    try {
      result = await publish(s, actor, {
        upload,
        ...ref,
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
    const { trust } = await loadPackageTrust(s.db, result.package);
    return Response.json({
      package: result.package.name,
      version: result.version.version,
      artifact_digest: result.version.artifactDigest,
      created_package: result.created,
      package_info: packageJson(result.package, { owner: ownerHandle(ctx) }),
      version_info: versionJson(result.version, trust.get(result.version.id)!),
      report: reportJson(result.report),
    }, { status: 201 });
  },
});
