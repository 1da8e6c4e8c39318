import { type BlobInfo, type BlobStore, BlobStoreUnavailableError } from "./blob_store.ts";
import { bytesMatching, digestHex, type HashedBytes } from "./digest.ts";

/** Prefix of in-flight writes; no digest key can produce it, so readers never open one. */
const TEMP_PREFIX = ".tmp-";

/**
 * Bytes per write(2). Here one 10 MiB write took 30 ms and the same bytes in 1 MiB writes 3 ms
 * (the fsync after either about 6 ms): bench/publish_stages.ts, docs/benchmarks.md.
 */
const WRITE_WINDOW = 1024 * 1024;

/**
 * Blobs as files under a folder: `sha256/ab/abcdef...`. Writes go to a temp file in the same
 * folder, are fsynced, then renamed into place, so a reader never sees a partial blob.
 */
export class LocalBlobStore implements BlobStore {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir.replace(/\/+$/, "") || "/";
  }

  #path(digest: string): { folder: string; path: string } {
    const hex = digestHex(digest);
    const folder = `${this.#dir}/sha256/${hex.slice(0, 2)}`;
    return { folder, path: `${folder}/${hex}` };
  }

  async put(digest: string, blob: Uint8Array | HashedBytes): Promise<BlobInfo> {
    const { folder, path } = this.#path(digest);
    // The bytes are written as given, without a private copy (a 16 MiB copy per blob doubled
    // a publish's memory): callers must not change a buffer while it is stored.
    const bytes = await bytesMatching(digest, blob);
    // A file of another size under this name is damage (not a blob we wrote): replace it.
    const existing = await this.head(digest);
    if (existing?.size === bytes.byteLength) return existing;
    try {
      await this.#ensureFolder(folder);
      await writeAtomically(folder, path, bytes);
    } catch (error) {
      throw unavailable(`could not write blob ${digest} under ${this.#dir}`, error);
    }
    return { digest, size: bytes.byteLength };
  }

  async get(digest: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null> {
    const { path } = this.#path(digest);
    let file: Deno.FsFile;
    try {
      file = await Deno.open(path, { read: true });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return null;
      throw unavailable(`could not read blob ${digest} under ${this.#dir}`, error);
    }
    try {
      // The size of the open file, not of the path: a concurrent rename cannot change it.
      const info = await file.stat();
      if (!info.isFile) {
        file.close();
        return null;
      }
      return { body: file.readable, size: info.size };
    } catch (error) {
      file.close();
      throw unavailable(`could not read blob ${digest} under ${this.#dir}`, error);
    }
  }

  async head(digest: string): Promise<BlobInfo | null> {
    const { path } = this.#path(digest);
    try {
      const info = await Deno.stat(path);
      return info.isFile ? { digest, size: info.size } : null;
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return null;
      throw unavailable(`could not read blob ${digest} under ${this.#dir}`, error);
    }
  }

  async delete(digest: string): Promise<void> {
    const { path } = this.#path(digest);
    try {
      await Deno.remove(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      throw unavailable(`could not delete blob ${digest} under ${this.#dir}`, error);
    }
  }

  /** Creates the blob's folder; new folders' entries are fsynced so they survive a crash. */
  async #ensureFolder(folder: string): Promise<void> {
    try {
      if ((await Deno.stat(folder)).isDirectory) return;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    await Deno.mkdir(folder, { recursive: true });
    const shards = folder.slice(0, folder.lastIndexOf("/"));
    await syncFolder(shards);
    await syncFolder(this.#dir);
  }
}

/** Temp file, write, fsync, rename, fsync the folder; the temp file never outlives a failure. */
async function writeAtomically(folder: string, path: string, data: Uint8Array): Promise<void> {
  const temp = `${folder}/${TEMP_PREFIX}${crypto.randomUUID()}`;
  try {
    const file = await Deno.open(temp, { write: true, createNew: true, mode: 0o644 });
    try {
      let written = 0;
      while (written < data.byteLength) {
        written += await file.write(data.subarray(written, written + WRITE_WINDOW));
      }
      await file.sync();
    } finally {
      file.close();
    }
    // rename(2) replaces atomically: a concurrent put of the same blob also succeeds, and a
    // reader holding the old file keeps reading complete bytes.
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  // Without this the rename may be lost in a crash after the version row was committed.
  await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder as a file; NTFS journals renames, so there is nothing to do.
  if (Deno.build.os === "windows") return;
  const handle = await Deno.open(folder, { read: true });
  try {
    await handle.sync();
  } finally {
    handle.close();
  }
}

function unavailable(message: string, error: unknown): BlobStoreUnavailableError {
  const reason = error instanceof Error ? error.message : String(error);
  return new BlobStoreUnavailableError(`${message}: ${reason}`, { cause: error });
}
