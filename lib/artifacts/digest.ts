import { createHash } from "node:crypto";
import { DIGEST, InvalidDigestError } from "./blob_store.ts";

/**
 * `sha256:<hex>` of some bytes. node:crypto hashes the view where it lies; WebCrypto's digest
 * copies its whole input first, which for a 16 MiB upload hashed three times was most of a
 * publish's peak memory (docs/benchmarks.md). Async so a streaming hash can replace it.
 */
export function sha256Digest(bytes: Uint8Array): Promise<string> {
  return Promise.resolve(`sha256:${createHash("sha256").update(bytes).digest("hex")}`);
}

/** True when `value` is `sha256:` + 64 lowercase hex characters. */
export function isDigest(value: string): boolean {
  return DIGEST.test(value);
}

/** Throws InvalidDigestError unless `digest` is `sha256:` + 64 lowercase hex characters. */
export function assertDigest(digest: string): void {
  if (!DIGEST.test(digest)) throw new InvalidDigestError(digest);
}

/** The 64 hex characters of a valid digest; throws InvalidDigestError for anything else. */
export function digestHex(digest: string): string {
  assertDigest(digest);
  return digest.slice("sha256:".length);
}
