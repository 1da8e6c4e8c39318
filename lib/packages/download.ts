import { decodeHex, encodeBase64 } from "@oslojs/encoding";
import { define, type Services } from "../define.ts";
import { HttpError } from "../framework/http_error.ts";
import { matchesEtag } from "../framework/etag.ts";
import { ARCHIVE_MEDIA_TYPES } from "./bundle/decompress.ts";
import { ownVersionOr404 } from "./guards.ts";
import { getPublicPackage } from "./packages.ts";
import { getVersion, type PackageVersion } from "./versions.ts";

const EXTENSIONS = new Map(Object.entries(ARCHIVE_MEDIA_TYPES).map(([ext, type]) => [type, ext]));

/** The file name a version's archive downloads as, such as echo.minimal-1.0.0.tar.gz. */
export function bundleFileName(name: string, version: PackageVersion): string {
  return `${name}-${version.version}.${EXTENSIONS.get(version.archiveMediaType) ?? "tar"}`;
}

/**
 * Streams a version's archive or wasm. The ETag is the content digest (strong; the bytes
 * never change), Repr-Digest carries the same sha-256, and a matching If-None-Match is 304.
 */
export async function downloadResponse(
  s: Services,
  req: Request,
  input: { name: string; version: PackageVersion; part: "bundle" | "artifact"; public: boolean },
): Promise<Response> {
  const { version } = input;
  const digest = input.part === "bundle" ? version.archiveDigest : version.artifactDigest;
  const type = input.part === "bundle" ? version.archiveMediaType : "application/wasm";
  const filename = input.part === "bundle"
    ? bundleFileName(input.name, version)
    : `${input.name}-${version.version}.wasm`;
  const etag = `"${digest}"`;
  const headers = new Headers({
    etag,
    "repr-digest": `sha-256=:${encodeBase64(decodeHex(digest.slice(7)))}:`,
    "content-type": type,
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": input.public ? "public, max-age=31536000, immutable" : "private, no-store",
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
      package: input.name,
      version: version.version,
    });
    throw new HttpError(500);
  }
  headers.set("content-length", String(blob.size));
  if (req.method === "HEAD") {
    await blob.body.cancel();
    return new Response(null, { headers });
  }
  return new Response(blob.body, { headers });
}

/**
 * The route handler for a public version's archive or skill.wasm, for anyone: a private
 * package, a missing one and a missing version are the same 404.
 */
export function publicDownloadHandler(part: "bundle" | "artifact") {
  return define.handlers({
    async GET(ctx) {
      const { db } = ctx.state.services;
      const pkg = await getPublicPackage(db, ctx.params.handle!.toLowerCase(), ctx.params.name!);
      if (!pkg) throw new HttpError(404, "Page not found");
      const version = await getVersion(db, pkg.id, ctx.params.version!);
      if (!version) throw new HttpError(404, "Page not found");
      return downloadResponse(ctx.state.services, ctx.req, {
        name: pkg.name,
        version,
        part,
        public: true,
      });
    },
  });
}

/** The route handler for the caller's own version's archive or skill.wasm (the /v1 API). */
export function ownDownloadHandler(part: "bundle" | "artifact") {
  return define.handlers({
    async GET(ctx) {
      const { pkg, version } = await ownVersionOr404(ctx, "packages:read");
      return downloadResponse(ctx.state.services, ctx.req, {
        name: pkg.name,
        version,
        part,
        public: false,
      });
    },
  });
}
