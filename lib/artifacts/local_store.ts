import { type BlobInfo, type BlobStore, DigestMismatchError } from "./blob_store.ts";
import { assertDigest, sha256Digest } from "./digest.ts";

/**
 * Blobs as files under a folder: `sha256/ab/abcdef...`. Writes go to a temp file in the same
 * folder, are fsynced, then renamed into place, so a reader never sees a partial blob.
 */
export class LocalBlobStore implements BlobStore {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  #path(digest: string): string {
    assertDigest(digest);
    const hex = digest.slice("sha256:".length);
    return `${this.#dir}/sha256/${hex.slice(0, 2)}/${hex}`;
  }

  async put(digest: string, bytes: Uint8Array): Promise<BlobInfo> {
    const path = this.#path(digest);
    const actual = await sha256Digest(new Uint8Array(bytes));
    if (actual !== digest) throw new DigestMismatchError(digest, actual);
    const existing = await this.head(digest);
    if (existing) return existing;
    const folder = path.slice(0, path.lastIndexOf("/"));
    await Deno.mkdir(folder, { recursive: true });
    const temp = `${folder}/.tmp-${crypto.randomUUID()}`;
    try {
      const file = await Deno.open(temp, { write: true, createNew: true });
      try {
        let written = 0;
        while (written < bytes.byteLength) written += await file.write(bytes.subarray(written));
        await file.sync();
      } finally {
        file.close();
      }
      await Deno.rename(temp, path);
    } catch (error) {
      await Deno.remove(temp).catch(() => {});
      throw error;
    }
    return { digest, size: bytes.byteLength };
  }

  async get(digest: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null> {
    try {
      const file = await Deno.open(this.#path(digest), { read: true });
      const { size } = await file.stat();
      return { body: file.readable, size };
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return null;
      throw e;
    }
  }

  async head(digest: string): Promise<BlobInfo | null> {
    try {
      const { size } = await Deno.stat(this.#path(digest));
      return { digest, size };
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return null;
      throw e;
    }
  }

  async delete(digest: string): Promise<void> {
    await Deno.remove(this.#path(digest)).catch((e) => {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    });
  }
}
