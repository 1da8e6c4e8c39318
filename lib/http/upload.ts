// Reading a bundle upload out of an HTTP request (the publish API, the publish form, the
// verify API); what happens to the upload is lib/packages' business.
import { HttpError } from "../framework/http_error.ts";
import {
  getMultipartBoundary,
  MaxFileSizeExceededError,
  MaxTotalSizeExceededError,
  MultipartParseError,
  type MultipartPart,
  parseMultipart,
} from "@remix-run/multipart-parser";
import { formatBytes, MiB, readBodyCapped } from "./body.ts";
import { BUNDLE_FILE_NAMES, DEFAULT_LIMITS } from "../packages/bundle/limits.ts";
import type { Upload } from "../packages/verify_upload.ts";

/** The request body cap for uploads: the archive cap plus room for the form around it. */
export const MAX_UPLOAD_REQUEST_BYTES = DEFAULT_LIMITS.maxArchiveBytes + MiB;

const ARCHIVE_TYPES =
  /^(application\/(gzip|x-gzip|zstd|x-tar|octet-stream)|application\/vnd\.inactu\.bundle)\s*(;|$)/i;

/**
 * Reads a bundle upload from a request: a multipart form with the archive in `bundle` (or the
 * bundle files one by one, under their own names), or the raw archive as the body. Other
 * form fields come back in `fields`.
 */
export async function readUpload(
  req: Request,
): Promise<{ upload: Upload; fields: Record<string, string> }> {
  const type = req.headers.get("content-type") ?? "";
  const allowed = "multipart/form-data with the archive in a 'bundle' field, or the raw archive " +
    "(application/gzip, application/zstd, application/x-tar)";
  if (/^application\/json/i.test(type)) {
    throw new HttpError(
      415,
      `publishing needs the signed bundle, not only its manifest: send ${allowed}`,
    );
  }
  if (ARCHIVE_TYPES.test(type)) {
    const bytes = await readCapped(req, DEFAULT_LIMITS.maxArchiveBytes, "the archive");
    return { upload: { kind: "archive", bytes }, fields: {} };
  }
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new HttpError(415, `Content-Type must be ${allowed}`);
  }
  const boundary = getMultipartBoundary(type);
  if (!boundary) throw new HttpError(400, "the multipart Content-Type has no boundary parameter");
  // The form is read whole, within the upload cap, and parsed in place: each part is a view
  // into that one buffer, so a 10 MiB bundle costs 10 MiB, not its chunks plus a joined copy.
  const body = await readCapped(req, MAX_UPLOAD_REQUEST_BYTES, "the upload");
  const fields: Record<string, string> = {};
  const files: [string, Uint8Array][] = [];
  let bundle: Uint8Array | null = null;
  try {
    // A part over the archive cap stops the upload with 413, like an archive body.
    const parts = parseMultipart(body, {
      boundary,
      maxFileSize: DEFAULT_LIMITS.maxArchiveBytes,
      maxTotalSize: MAX_UPLOAD_REQUEST_BYTES,
      maxParts: 32,
    });
    for (const part of parts) {
      const name = part.name ?? "";
      if (!part.isFile) {
        if (part.size > 64 * 1024) {
          throw new HttpError(413, `form field "${name.slice(0, 40)}" is larger than 64 KiB`);
        }
        fields[name] ??= part.text;
      } else if (name === "bundle") {
        if (part.size > 0) bundle = contentOf(part);
      } else if ((BUNDLE_FILE_NAMES as readonly string[]).includes(name) || name === "files") {
        if (part.size > 0) {
          files.push([name === "files" ? part.filename ?? "" : name, contentOf(part)]);
        }
      } else {
        throw new HttpError(
          400,
          `unexpected file field "${
            name.slice(0, 40)
          }"; send the archive as 'bundle' or the files under their own names (${
            BUNDLE_FILE_NAMES.join(", ")
          })`,
        );
      }
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (error instanceof MaxFileSizeExceededError || error instanceof MaxTotalSizeExceededError) {
      throw new HttpError(
        413,
        `the upload is larger than the limit of ${
          formatBytes(DEFAULT_LIMITS.maxArchiveBytes)
        } for an archive`,
      );
    }
    if (error instanceof MultipartParseError) {
      throw new HttpError(400, `the request body is not a valid multipart form: ${error.message}`);
    }
    throw error;
  }
  if (bundle && files.length) {
    throw new HttpError(
      400,
      "send either the archive in 'bundle' or the files one by one, not both",
    );
  }
  if (bundle) return { upload: { kind: "archive", bytes: bundle }, fields };
  if (files.length) return { upload: { kind: "files", files }, fields };
  throw new HttpError(
    400,
    "no bundle in the request: attach the archive as 'bundle' (a .tar.gz, .tar.zst or .tar)",
  );
}

/** The body within `maxBytes`; over it, 413 naming what was too large and the limit. */
function readCapped(req: Request, maxBytes: number, what: string): Promise<Uint8Array> {
  return readBodyCapped(req, maxBytes).catch((e) => {
    if (e instanceof HttpError && e.status === 413) {
      throw new HttpError(413, `${what} is larger than the limit of ${formatBytes(maxBytes)}`);
    }
    throw e;
  });
}

/** A part's bytes: the view into the body when the parser kept it whole, else one copy. */
function contentOf(part: MultipartPart): Uint8Array {
  return part.content.length === 1 ? part.content[0]! : part.bytes;
}
