// Serving a version's archive or skill.wasm (lib/packages/download.ts says which file and
// whether the actor may read it): digest ETag, Repr-Digest, cache policy, 304 and HEAD.
import { decodeHex, encodeBase64 } from "@oslojs/encoding";
import { type Ctx, define } from "../define.ts";
import { binary, describe, type RouteApi } from "../openapi/describe.ts";
import type { RouteAccess } from "./access.ts";
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import { HttpError } from "../framework/http_error.ts";
import { packageRef } from "./package_ref.ts";
import { PackageMoved, relocated } from "../packages/moves.ts";
import { matchesEtag } from "../framework/etag.ts";
import {
  type Download,
  type DownloadPart,
  ownDownload,
  publicDownload,
} from "../packages/download.ts";

/**
 * Streams a download. The ETag is the content digest (strong; the bytes never change),
 * Repr-Digest carries the same sha-256, and a matching If-None-Match is 304. A GET that sends
 * the bytes is counted for `actor` (in memory; see lib/packages/downloads.ts).
 */
export async function downloadResponse(
  s: Services,
  req: Request,
  download: Download,
  actor: Actor,
): Promise<Response> {
  const { digest } = download;
  const etag = `"${digest}"`;
  const headers = new Headers({
    etag,
    "repr-digest": `sha-256=:${encodeBase64(decodeHex(digest.slice(7)))}:`,
    "content-type": download.mediaType,
    "content-disposition": `attachment; filename="${download.filename}"`,
    "cache-control": download.public ? "public, max-age=31536000, immutable" : "private, no-store",
    "x-content-type-options": "nosniff",
  });
  if (matchesEtag(req.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers });
  }
  const blob = await s.blobs.get(digest).catch((error) => {
    s.logger.error("blob store failed during download", { digest, error: String(error) });
    throw new HttpError(503, "blob storage is unavailable; try again shortly");
  });
  if (!blob) {
    // A version row without its blob breaks an invariant: log it loudly, never pretend.
    s.logger.error("version blob is missing", {
      digest,
      package: download.package,
      version: download.version,
    });
    throw new HttpError(500);
  }
  headers.set("content-length", String(blob.size));
  if (req.method === "HEAD") {
    await blob.body.cancel();
    return new Response(null, { headers });
  }
  s.downloads.record(download, actor);
  return new Response(blob.body, { headers });
}

/** A route handler that finds the version's file with `find` and answers with its bytes. */
function downloadHandler(
  part: DownloadPart,
  find: (ctx: Ctx, query: { version: string; part: DownloadPart }) => Promise<Download>,
) {
  return define.handlers({
    async GET(ctx) {
      let download: Download;
      try {
        download = await find(ctx, { version: ctx.params.version!, part });
      } catch (error) {
        // A transferred public package's old download URL (/@old/name/...) follows it.
        if (error instanceof PackageMoved && ctx.params.handle) {
          return ctx.redirect(relocated(ctx.url, 1, error.place), 308);
        }
        throw error;
      }
      return downloadResponse(ctx.state.services, ctx.req, download, ctx.state.actor);
    },
  });
}

/** The route handler for a public version's file, for anyone: anything else is one 404. */
export function publicDownloadHandler(part: DownloadPart) {
  return downloadHandler(part, (ctx, query) =>
    publicDownload(ctx.state.services, ctx.state.actor, {
      handle: ctx.params.handle!,
      package: ctx.params.name!,
      ...query,
    }));
}

/** The route handler for the caller's own version's file (the /v1 API). */
export function ownDownloadHandler(part: DownloadPart) {
  return downloadHandler(
    part,
    (ctx, query) =>
      ownDownload(ctx.state.services, ctx.state.actor, { ...packageRef(ctx), ...query }),
  );
}

/** A /v1 route serving the caller's own version's file: declaration, description, handler. */
export function ownDownloadRoute(
  part: DownloadPart,
  summary: string,
  access: RouteAccess = "package.read",
): { access: RouteAccess; api: RouteApi; handler: ReturnType<typeof ownDownloadHandler> } {
  return {
    access,
    api: describe({
      GET: {
        summary,
        responses: {
          200: { description: "The bytes", content: { "application/octet-stream": binary } },
          304: { description: "Unchanged since the ETag sent in If-None-Match" },
        },
      },
    }),
    handler: ownDownloadHandler(part),
  };
}
