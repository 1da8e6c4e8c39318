import { createHash } from "node:crypto";
import { DIGEST, DigestMismatchError, InvalidDigestError } from "./blob_store.ts";

/**
 * `sha256:<hex>` of some bytes. node:crypto hashes the view where it lies; WebCrypto's digest
 * copies its whole input first, which for a 16 MiB upload hashed three times was most of a
 * publish's peak memory (docs/benchmarks.md), and took 13.5 ms for 10 MiB against 7.8 here.
 * Async so a streaming hash can replace it.
 */
export function sha256Digest(bytes: Uint8Array): Promise<string> {
  return Promise.resolve(`sha256:${createHash("sha256").update(bytes).digest("hex")}`);
}

/** Only `HashedBytes.of` holds it, so no other code (nor any input) can make one. */
const MINT = Symbol("HashedBytes");

/**
 * Bytes with the digest this process computed from them. A blob store stores these without
 * hashing them again (10 MiB cost 8 ms a hash, each blob of a publish was hashed twice);
 * plain bytes, whatever their origin, are always hashed before they are stored.
 */
export class HashedBytes {
  readonly bytes: Uint8Array;
  readonly digest: string;

  private constructor(mint: symbol, bytes: Uint8Array, digest: string) {
    if (mint !== MINT) throw new TypeError("HashedBytes are made by HashedBytes.of");
    this.bytes = bytes;
    this.digest = digest;
  }

  /** Hashes `bytes`; they must not change afterwards, as the digest would no longer fit them. */
  static async of(bytes: Uint8Array): Promise<HashedBytes> {
    return new HashedBytes(MINT, bytes, await sha256Digest(bytes));
  }
}

/**
 * The bytes to store under `digest`: hashed here unless they come as HashedBytes. Throws
 * DigestMismatchError when they do not hash to `digest`, before anything is written.
 */
export async function bytesMatching(
  digest: string,
  blob: Uint8Array | HashedBytes,
): Promise<Uint8Array> {
  const [bytes, actual] = blob instanceof HashedBytes
    ? [blob.bytes, blob.digest]
    : [blob, await sha256Digest(blob)];
  if (actual !== digest) throw new DigestMismatchError(digest, actual);
  return bytes;
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
