import { define } from "@/lib/define.ts";
import { readUpload } from "@/lib/http/upload.ts";
import { can } from "@/lib/access/policy.ts";
import { verifyUpload } from "@/lib/packages/verify_upload.ts";
import { ReportJson, reportJson } from "@/lib/packages/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { binary, describe, ErrorJson, raw } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "public";

export const api = describe({
  POST: {
    summary: "Verify a signed bundle without publishing it",
    body: {
      content: {
        "multipart/form-data": raw({
          type: "object",
          properties: { bundle: { type: "string", contentMediaType: "application/gzip" } },
        }),
        "application/gzip": binary,
        "application/x-tar": binary,
        "application/zip": binary,
      },
    },
    responses: {
      200: {
        description: "It verifies: the step-by-step report",
        json: z.object({ report: ReportJson }),
      },
    },
    errorJson: ErrorJson.extend({ report: ReportJson.nullable().optional() }),
    errors: [400, 429],
  },
});

// Verifies an uploaded bundle without storing anything and returns the step-by-step report:
// 200 when it verifies, 400 (with the same report) when it does not. Signed in, the report also
// says whether the version is already published in your package.
export const handler = define.handlers({
  async POST(ctx) {
    const { upload } = await readUpload(ctx.req);
    const { actor } = ctx.state;
    // Whether the version is taken in the caller's package is a read of their packages.
    const mine = actor.kind === "user" && can(actor, "package.read").allowed;
    const result = await verifyUpload(ctx.state.services, upload, {
      ownerId: mine ? actor.ownerId : undefined,
    });
    if (!result.ok) {
      return Response.json({
        error: result.error,
        report: result.report && reportJson(result.report),
      }, { status: result.status });
    }
    return Response.json({ report: reportJson(result.report) });
  },
});
