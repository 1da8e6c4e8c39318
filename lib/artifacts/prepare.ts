import type { BlobStore, PreparedBlob } from "./blob_store.ts";
import { HashedBytes } from "./digest.ts";

/**
 * Starts storing `bytes` whose digest comes later (BlobStore.prepare), or, for a store that
 * cannot write ahead, defers everything to `put` at commit.
 */
export function prepareBlob(store: BlobStore, prepared: Uint8Array | HashedBytes): PreparedBlob {
  if (store.prepare) return store.prepare(prepared);
  const bytes = prepared instanceof HashedBytes ? prepared.bytes : prepared;
  return {
    async commit(digest, blob, options) {
      assertPrepared(bytes, blob);
      return await store.put(digest, blob, options);
    },
    discard: () => Promise.resolve(),
  };
}

/** A commit stores what was prepared: the same bytes object, not a copy or other bytes. */
export function assertPrepared(prepared: Uint8Array, blob: Uint8Array | HashedBytes): void {
  const bytes = blob instanceof HashedBytes ? blob.bytes : blob;
  if (bytes !== prepared) {
    throw new TypeError("a prepared blob commits the bytes it was prepared with, no others");
  }
}
