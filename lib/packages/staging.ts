// The publish form works in two steps (upload -> review and confirm), as the seed plan's flow
// says. Between them the upload waits in the blob store under its digest, recorded first like
// every blob: if it is never confirmed, garbage collection removes it after the grace period.
import type { Services } from "../define.ts";
import { touchBlob } from "../artifacts/blob_records.ts";
import { isDigest, sha256Digest } from "../artifacts/digest.ts";
import { BundleError } from "./bundle/errors.ts";
import { ARCHIVE_MEDIA_TYPES, detectArchiveFormat } from "./bundle/decompress.ts";
import { DEFAULT_LIMITS } from "./bundle/limits.ts";
import { packFormFiles, type Upload } from "./publish.ts";

/** Stores an upload for review; its digest names it in the review URL. */
export async function stageUpload(
  s: Services,
  upload: Upload,
): Promise<{ digest: string } | { error: string }> {
  let bytes: Uint8Array;
  if (upload.kind === "files") {
    try {
      bytes = (await packFormFiles(upload.files)).archive;
    } catch (error) {
      if (error instanceof BundleError) return { error: error.message };
      throw error;
    }
  } else {
    bytes = upload.bytes;
  }
  let mediaType = "application/octet-stream";
  try {
    mediaType = ARCHIVE_MEDIA_TYPES[detectArchiveFormat(bytes)];
  } catch {
    // Not an archive we read: stage it anyway, so the review shows why it is refused.
  }
  const digest = await sha256Digest(bytes);
  await touchBlob(s.db, { digest, size: bytes.byteLength, mediaType }, s.clock());
  await s.blobs.put(digest, bytes, { contentType: mediaType });
  return { digest };
}

/** A staged upload's bytes, or null when the digest is malformed, unknown or collected. */
export async function loadStagedUpload(s: Services, digest: string): Promise<Upload | null> {
  if (!isDigest(digest)) return null;
  const blob = await s.blobs.get(digest);
  if (!blob) return null;
  if (blob.size > DEFAULT_LIMITS.maxArchiveBytes) {
    await blob.body.cancel();
    return null;
  }
  return { kind: "archive", bytes: new Uint8Array(await new Response(blob.body).arrayBuffer()) };
}
