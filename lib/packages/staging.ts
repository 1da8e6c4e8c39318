// The publish form works in two steps (upload -> review and confirm), as the seed plan's flow
// says. Between them the upload waits in the blob store under its digest, recorded first like
// every blob, and a staged_uploads row says who uploaded it and until when. The digest in the
// review URL only names bytes among the caller's own unexpired uploads: the blob store holds
// everyone's bytes, private versions included, so a bare digest must never open it.
import type { Services } from "../services.ts";
import { type Actor, authorize } from "../access/policy.ts";
import { DomainError } from "../errors.ts";
import { enforceLimit, LIMITS } from "../auth/limits.ts";
import { touchBlob } from "../artifacts/blob_records.ts";
import { HashedBytes, isDigest } from "../artifacts/digest.ts";
import { BundleError } from "./bundle/errors.ts";
import { ARCHIVE_MEDIA_TYPES, detectArchiveFormat } from "./bundle/decompress.ts";
import { DEFAULT_LIMITS } from "./bundle/limits.ts";
import { packFormFiles, type Upload } from "./verify_upload.ts";
import { hasStagedUpload, recordStagedUpload } from "./staged_uploads.ts";

/** The signed-in user a staged upload belongs to, when the policy lets the actor publish. */
function uploader(actor: Actor, action: "package.read" | "package.publish") {
  const ownerId = actor.kind === "user" ? actor.ownerId : "";
  authorize(actor, action, { ownerId }, "upload not found");
  return actor as Extract<Actor, { kind: "user" }>;
}

/** Stores an upload for the actor to review; its digest names it in the review URL. */
export async function stageUpload(
  s: Services,
  actor: Actor,
  upload: Upload,
): Promise<{ digest: string }> {
  const user = uploader(actor, "package.publish");
  await enforceLimit(s.db, LIMITS.stagePerOwner, user.ownerId, s.clock());
  let bytes: Uint8Array;
  if (upload.kind === "files") {
    try {
      bytes = (await packFormFiles(upload.files)).archive;
    } catch (error) {
      if (error instanceof BundleError) throw new DomainError("invalid", error.message);
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
  const hashed = await HashedBytes.of(bytes);
  const digest = hashed.digest;
  try {
    await touchBlob(s.db, { digest, size: bytes.byteLength, mediaType }, s.clock());
    await s.blobs.put(digest, hashed, { contentType: mediaType });
  } catch (error) {
    s.logger.error("blob store failed while staging an upload", { error: String(error) });
    throw new DomainError(
      "unavailable",
      "blob storage is unavailable, so the upload was not kept; try again shortly",
    );
  }
  // Written after the bytes, so a row always names bytes that were stored.
  await recordStagedUpload(s.db, { userId: user.userId, digest }, s.clock());
  return { digest };
}

/**
 * The bytes of an upload the actor staged, or null when the digest is malformed, expired,
 * collected, or not one this user staged (someone else's is exactly like a missing one).
 */
export async function loadStagedUpload(
  s: Services,
  actor: Actor,
  digest: string,
): Promise<Upload | null> {
  const user = uploader(actor, "package.read");
  if (!isDigest(digest)) return null;
  if (!await hasStagedUpload(s.db, { userId: user.userId, digest }, s.clock())) return null;
  const blob = await s.blobs.get(digest).catch((error) => {
    s.logger.error("blob store failed while loading a staged upload", { error: String(error) });
    throw new DomainError("unavailable", "blob storage is unavailable; try again in a moment");
  });
  if (!blob) return null;
  if (blob.size > DEFAULT_LIMITS.maxArchiveBytes) {
    await blob.body.cancel();
    return null;
  }
  return { kind: "archive", bytes: new Uint8Array(await new Response(blob.body).arrayBuffer()) };
}
