import { Buffer } from "node:buffer";
import type tarStream from "tar-stream";
import { ByteSink } from "../../bytes.ts";
import { BundleError } from "./errors.ts";
import { formatLimit } from "../../bytes.ts";
import { assertFileSize, type BundleLimits, fileLimit } from "./limits.ts";
import { createEntryNames } from "./names.ts";
import { blockAligned, checkArchiveEnd, checkExtendedHeaders } from "./tar_layout.ts";

/** A header as tar-stream passes it at runtime: its published types omit these two details. */
type TarHeader = Omit<tarStream.Header, "type"> & {
  /** Null for a typeflag tar-stream does not know. */
  type: tarStream.Header["type"] | null;
  /** Offset of the entry's data. */
  byteOffset: number;
};

type ExtractOptions = Parameters<typeof tarStream.extract>[0];

/** The files of a tar archive and the top folder they were under, if any. */
export interface TarContents {
  files: Map<string, Uint8Array>;
  topFolder: string | null;
}

/** Reads an uncompressed tar archive held in memory, enforcing the bundle's entry rules. */
export async function readTar(tar: Uint8Array, limits: BundleLimits): Promise<TarContents> {
  // latin1 maps each name byte to one character, so the bytes can be checked as UTF-8 below
  // (tar-stream supports the option; its published types do not list it).
  const options = { filenameEncoding: "latin1" } as unknown as ExtractOptions;
  // Loaded with the first bundle read, not at start-up (docs/benchmarks.md, cold start).
  const { default: tarStreamLib } = await import("tar-stream");
  const extract = tarStreamLib.extract(options);
  extract.end(Buffer.from(tar.buffer, tar.byteOffset, tar.byteLength));
  const names = createEntryNames({ allowFolder: true });
  const files = new Map<string, Uint8Array>();
  let entries = 0;
  let previousEnd = 0;
  try {
    for await (const entry of extract) {
      const offset = entry.offset;
      const header = entry.header as TarHeader;
      const path = decodeName(header.name);
      entries++;
      if (entries > limits.maxEntries) {
        throw new BundleError(
          "archive_too_many_entries",
          `the archive has more than ${limits.maxEntries} entries, the limit for entries`,
          {
            step: 1,
            expected: `at most ${limits.maxEntries} entries`,
            found: `${entries} or more`,
          },
        );
      }
      checkExtendedHeaders(tar, { start: previousEnd, end: offset, entryName: path });
      checkEntryType(header, path);
      const size = header.size;
      previousEnd = header.byteOffset + (header.type === "directory" ? 0 : blockAligned(size));
      if (header.type === "directory") {
        names.addDirectory(path);
        continue;
      }
      const name = names.addFile(path);
      // The declared size is only used to refuse early; the bytes read are counted below.
      assertFileSize(name, size, limits);
      const chunks = entry as AsyncIterable<Uint8Array>;
      files.set(name, await readEntry(chunks, { name, limit: fileLimit(name, limits), size }));
    }
  } catch (error) {
    throw error instanceof BundleError ? error : tarError(error);
  }
  checkArchiveEnd(tar, previousEnd);
  return { files, topFolder: names.topFolder() };
}

function checkEntryType(header: TarHeader, path: string): void {
  const type = header.type;
  if (type === "link" || type === "symlink") {
    const kind = type === "link" ? "a hard link" : "a symlink";
    throw new BundleError(
      "archive_link",
      `entry ${JSON.stringify(path)} is ${kind} to ${JSON.stringify(header.linkname)}; ` +
        "only regular files are allowed",
      { step: 1, file: path, expected: "a regular file", found: kind },
    );
  }
  if (type === "directory" && header.size !== 0) {
    throw new BundleError("archive_corrupt", `directory entry ${JSON.stringify(path)} has data`, {
      step: 1,
      file: path,
      expected: "an empty directory entry",
      found: `${header.size} bytes`,
    });
  }
  if (type !== "file" && type !== "directory") {
    const found = type === null ? "an entry of unknown type" : `a ${type}`;
    const entry = JSON.stringify(path);
    throw new BundleError(
      "archive_entry_type",
      `entry ${entry} is ${found}; only regular files and one top folder are allowed`,
      { step: 1, file: path, expected: "a regular file", found },
    );
  }
}

async function readEntry(
  entry: AsyncIterable<Uint8Array>,
  options: { name: string; limit: number; size?: number },
): Promise<Uint8Array> {
  const { name, limit } = options;
  const tooLarge = () =>
    new BundleError(
      "file_too_large",
      `${name} is larger than ${formatLimit(limit)}, the limit for ${name}`,
      {
        step: 1,
        file: name,
        expected: `at most ${limit} bytes`,
        found: `more than ${limit} bytes`,
      },
    );
  // An entry read from a whole tar in memory arrives as one chunk, a view of that tar: keep the
  // view rather than copying (16 MiB of wasm). Several chunks are joined into one buffer sized
  // from the header, which only sizes it: the limit is enforced on the bytes that arrive.
  let single: Uint8Array | null = null;
  let sink: ByteSink | null = null;
  for await (const chunk of entry) {
    if (sink === null && single === null) {
      if (chunk.byteLength > limit) throw tooLarge();
      single = chunk;
      continue;
    }
    if (sink === null) {
      sink = new ByteSink(options.size ?? 0, limit);
      sink.push(single!);
      single = null;
    }
    if (!sink.push(chunk)) throw tooLarge();
  }
  if (sink) return sink.bytes();
  // A plain Uint8Array over the same memory (tar-stream hands out Node Buffers).
  return single
    ? new Uint8Array(single.buffer, single.byteOffset, single.byteLength)
    : new Uint8Array(0);
}

function decodeName(latin1: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(latin1, "latin1"));
  } catch {
    throw new BundleError(
      "archive_path_invalid",
      `entry name ${JSON.stringify(latin1)} is not valid UTF-8; names must be UTF-8`,
      { step: 1, file: latin1, expected: "a UTF-8 name", found: "bytes that are not UTF-8" },
    );
  }
}

function tarError(error: unknown): BundleError {
  const message = error instanceof Error ? error.message : String(error);
  if (/unexpected end of data/i.test(message)) {
    return new BundleError(
      "archive_truncated",
      "the tar archive ends in the middle of an entry or block; the upload is truncated",
      { step: 1, expected: "whole 512-byte blocks", found: message },
    );
  }
  return new BundleError("archive_corrupt", `the tar archive is corrupt: ${message}`, {
    step: 1,
    expected: "a valid tar archive",
    found: message,
  });
}
