import { HttpError } from "../framework/http_error.ts";
import {
  MaxFileSizeExceededError,
  MaxTotalSizeExceededError,
  MultipartParseError,
  parseMultipartRequest,
} from "@remix-run/multipart-parser";
import { cappedRequest, formatBytes, MiB, readBodyCapped } from "../http/body.ts";
import { BUNDLE_FILE_NAMES, DEFAULT_LIMITS } from "./bundle/limits.ts";
import type { Upload } from "./publish.ts";

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
    const bytes = await readBodyCapped(req, DEFAULT_LIMITS.maxArchiveBytes).catch((e) => {
      if (e instanceof HttpError && e.status === 413) {
        throw new HttpError(
          413,
          `the archive is larger than the limit of ${formatBytes(DEFAULT_LIMITS.maxArchiveBytes)}`,
        );
      }
      throw e;
    });
    return { upload: { kind: "archive", bytes }, fields: {} };
  }
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new HttpError(415, `Content-Type must be ${allowed}`);
  }
  const fields: Record<string, string> = {};
  const files: [string, Uint8Array][] = [];
  let bundle: Uint8Array | null = null;
  try {
    // Parsed as it streams in, within the same caps as an archive body: a part over the
    // archive cap, or a request over the upload cap, stops the upload with 413.
    const parts = parseMultipartRequest(cappedRequest(req, MAX_UPLOAD_REQUEST_BYTES), {
      maxFileSize: DEFAULT_LIMITS.maxArchiveBytes,
      maxTotalSize: MAX_UPLOAD_REQUEST_BYTES,
      maxParts: 32,
    });
    for await (const part of parts) {
      const name = part.name ?? "";
      if (!part.isFile) {
        if (part.size > 64 * 1024) {
          throw new HttpError(413, `form field "${name.slice(0, 40)}" is larger than 64 KiB`);
        }
        fields[name] ??= part.text;
      } else if (name === "bundle") {
        if (part.size > 0) bundle = part.bytes;
      } else if ((BUNDLE_FILE_NAMES as readonly string[]).includes(name) || name === "files") {
        if (part.size > 0) files.push([name === "files" ? part.filename ?? "" : name, part.bytes]);
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
