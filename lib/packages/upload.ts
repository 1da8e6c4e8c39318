import { HttpError } from "../framework/http_error.ts";
import { formatBytes, MiB, readBodyCapped } from "../http/body.ts";
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
  const body = await readBodyCapped(req, MAX_UPLOAD_REQUEST_BYTES);
  let form: FormData;
  try {
    form = await new Request(req.url, { method: "POST", headers: { "content-type": type }, body })
      .formData();
  } catch {
    throw new HttpError(400, "the request body is not a valid multipart form");
  }
  const fields: Record<string, string> = {};
  const files: [string, Uint8Array][] = [];
  let bundle: Uint8Array | null = null;
  for (const [name, value] of form) {
    if (typeof value === "string") {
      fields[name] ??= value;
    } else if (name === "bundle") {
      if (value.size > 0) bundle = new Uint8Array(await value.arrayBuffer());
    } else if ((BUNDLE_FILE_NAMES as readonly string[]).includes(name) || name === "files") {
      if (value.size > 0) {
        files.push([
          name === "files" ? value.name : name,
          new Uint8Array(await value.arrayBuffer()),
        ]);
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
