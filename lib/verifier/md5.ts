// The md5 transport checksum of an artifact, which the registry does not store: computed by
// streaming the wasm from the blob store, and remembered by digest (the bytes behind a digest
// never change, so a remembered value never goes stale).
import { createHash } from "node:crypto";
import type { Services } from "../services.ts";
import { DomainError } from "../errors.ts";

const MAX_REMEMBERED = 10_000;
const remembered = new Map<string, string>();

/** The lowercase hex md5 of the blob stored under a sha256 digest. */
export async function artifactMd5(s: Services, digest: string): Promise<string> {
  const known = remembered.get(digest);
  if (known) return known;
  const md5 = await streamMd5(s, digest).catch((error) => {
    if (error instanceof MissingBlob) throw error;
    s.logger.error("blob store failed during snapshot export", { digest, error: String(error) });
    throw new DomainError("unavailable", "blob storage is unavailable; try again shortly", {
      retryAfterSeconds: 5,
    });
  });
  if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  remembered.set(digest, md5);
  return md5;
}

/** A version row without its blob breaks an invariant (docs/security.md D3): a 500, never a guess. */
class MissingBlob extends Error {}

async function streamMd5(s: Services, digest: string): Promise<string> {
  const blob = await s.blobs.get(digest);
  if (!blob) throw new MissingBlob(`artifact blob ${digest} is missing`);
  const hash = createHash("md5");
  for await (const chunk of blob.body) hash.update(chunk);
  return hash.digest("hex");
}
