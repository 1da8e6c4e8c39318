import type { HashedBytes } from "./digest.ts";

/** What the store knows about one blob. */
export interface BlobInfo {
  digest: string;
  size: number;
}

/**
 * Immutable, content-addressed blob storage. Keys are `sha256:<64 lowercase hex>`; a blob's
 * bytes always hash to its key, which `put` verifies before anything becomes visible.
 */
export interface BlobStore {
  /**
   * Stores `bytes` under `digest`. Idempotent; a digest that does not match is an error. Plain
   * bytes are hashed first; HashedBytes carry the digest this process computed from them. The
   * bytes are written as given: the caller must not change them until put settles.
   */
  put(
    digest: string,
    bytes: Uint8Array | HashedBytes,
    options?: { contentType?: string },
  ): Promise<BlobInfo>;
  /**
   * Starts writing bytes whose digest is not known or not checked yet, so the write overlaps
   * the work before it is known whether they are kept: nothing is visible before `commit`, and
   * nothing is left after `discard`. Optional; `prepareBlob` falls back to `put` at commit.
   */
  prepare?(bytes: Uint8Array | HashedBytes): PreparedBlob;
  /** Streams a blob, or null when there is none; the caller must read or cancel the body. */
  get(digest: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null>;
  /** The blob's size, or null when there is none. */
  head(digest: string): Promise<BlobInfo | null>;
  /** Removes a blob; removing one that is not there is not an error. */
  delete(digest: string): Promise<void>;
  /**
   * Removes what writes interrupted by a crash left behind, last written before `olderThan`;
   * returns how many. Optional: a store whose writes leave nothing behind has none.
   */
  sweepTemporary?(olderThan: Date): Promise<number>;
}

/** Bytes a store is writing ahead of `commit` (BlobStore.prepare). */
export interface PreparedBlob {
  /**
   * Stores the prepared bytes under `digest`, exactly as `put` would (digest checked, visible
   * once it settles). `blob` must hold the very bytes given to `prepare`.
   */
  commit(
    digest: string,
    blob: Uint8Array | HashedBytes,
    options?: { contentType?: string },
  ): Promise<BlobInfo>;
  /** Removes whatever was written and not committed; safe to call at any time, never throws. */
  discard(): Promise<void>;
}

/** Thrown by `put` when the bytes do not hash to the digest they were stored under. */
export class DigestMismatchError extends Error {
  constructor(expected: string, actual: string) {
    super(`blob digest mismatch: expected ${expected}, the bytes hash to ${actual}`);
    this.name = "DigestMismatchError";
  }
}

/** Thrown for a key that is not `sha256:` followed by 64 lowercase hex characters. */
export class InvalidDigestError extends Error {
  constructor(digest: string) {
    super(
      `invalid digest ${
        JSON.stringify(digest.slice(0, 80))
      }: expected sha256: followed by 64 lowercase hex characters`,
    );
    this.name = "InvalidDigestError";
  }
}

/**
 * Thrown when the store cannot be reached, fails or does not answer in time: the caller cannot
 * tell whether the blob exists, so a publish answers 503 and records nothing.
 */
export class BlobStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BlobStoreUnavailableError";
  }
}

export const DIGEST = /^sha256:[0-9a-f]{64}$/;
