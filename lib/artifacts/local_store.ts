import {
  type BlobInfo,
  type BlobStore,
  BlobStoreUnavailableError,
  type PreparedBlob,
} from "./blob_store.ts";
import { assertPrepared } from "./prepare.ts";
import { bytesMatching, digestHex, HashedBytes } from "./digest.ts";
import { writeBytes } from "../files.ts";

/** Prefix of in-flight writes; no digest key can produce it, so readers never open one. */
const TEMP_PREFIX = ".tmp-";

/**
 * Blobs as files under a folder: `sha256/ab/abcdef...`. Writes go to a temp file at the top of
 * the folder (`.tmp-*`, beside `sha256/`), are written 1 MiB at a time and fsynced, then
 * renamed into place, so a reader never sees a partial blob; garbage collection removes temp
 * files a crash left (sweepTemporary).
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
      await moveIntoPlace(await writeTemp(this.#dir, bytes), folder, path);
    } catch (error) {
      throw unavailable(`could not write blob ${digest} under ${this.#dir}`, error);
    }
    return { digest, size: bytes.byteLength };
  }

  /**
   * Writes to a temp file beside the shards at once; commit renames it into place. HashedBytes
   * already stored (the same wasm in a new version) are not written again.
   */
  prepare(blob: Uint8Array | HashedBytes): PreparedBlob {
    const bytes = blob instanceof HashedBytes ? blob.bytes : blob;
    const stored = blob instanceof HashedBytes
      ? this.head(blob.digest).then((info) => info?.size === bytes.byteLength, () => false)
      : Promise.resolve(false);
    const abandon = new AbortController();
    // The temp file's path; none when the blob was stored already or writing it failed.
    const written = stored.then(async (skip) => {
      if (skip) return { temp: null, error: null };
      await Deno.mkdir(this.#dir, { recursive: true });
      return { temp: await writeTemp(this.#dir, bytes, abandon.signal), error: null };
    }).catch((error) => ({ temp: null, error }));
    const discard = async () => {
      // A write still under way skips its fsync and removes its file itself.
      abandon.abort();
      const { temp } = await written;
      if (temp) await Deno.remove(temp).catch(() => {});
    };
    return {
      commit: async (digest, blob) => {
        try {
          assertPrepared(bytes, blob);
          const { folder, path } = this.#path(digest);
          await bytesMatching(digest, blob);
          const existing = await this.head(digest);
          if (existing?.size === bytes.byteLength) return existing;
          const { temp, error } = await written;
          try {
            if (error) throw error;
            await this.#ensureFolder(folder);
            // Skipped as stored, then collected since: written now after all.
            await moveIntoPlace(temp ?? await writeTemp(this.#dir, bytes), folder, path);
          } catch (error) {
            throw unavailable(`could not write blob ${digest} under ${this.#dir}`, error);
          }
          return { digest, size: bytes.byteLength };
        } finally {
          // Once renamed there is nothing left to remove; on any other outcome the temp goes.
          await discard();
        }
      },
      discard,
    };
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

  /**
   * Removes what interrupted writes left (temp files, all beside the shards) that were last
   * written before `olderThan`; returns how many. A write in progress keeps its file.
   */
  async sweepTemporary(olderThan: Date): Promise<number> {
    let removed = 0;
    try {
      for await (const entry of Deno.readDir(this.#dir)) {
        if (!entry.isFile || !entry.name.startsWith(TEMP_PREFIX)) continue;
        const path = `${this.#dir}/${entry.name}`;
        const info = await Deno.stat(path).catch(() => null);
        if (!info?.mtime || info.mtime >= olderThan) continue;
        await Deno.remove(path).then(() => removed++, () => {});
      }
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return removed;
      throw unavailable(`could not clear temporary files under ${this.#dir}`, error);
    }
    return removed;
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

/** Writes a new temp file in `folder` and fsyncs it; nothing is left behind on failure. */
async function writeTemp(folder: string, data: Uint8Array, signal?: AbortSignal): Promise<string> {
  const temp = `${folder}/${TEMP_PREFIX}${crypto.randomUUID()}`;
  try {
    const file = await Deno.open(temp, { write: true, createNew: true, mode: 0o644 });
    try {
      await writeBytes(file, data);
      // A discarded blob is not worth its fsync.
      signal?.throwIfAborted();
      await file.sync();
    } finally {
      file.close();
    }
    return temp;
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

/** Renames a written temp file to `path`, fsyncs the folder; the temp never outlives a failure. */
async function moveIntoPlace(temp: string, folder: string, path: string): Promise<void> {
  try {
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
