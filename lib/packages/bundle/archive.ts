import {
  type ArchiveFormat,
  decompressArchive,
  detectArchiveFormat,
  unpackedTooLarge,
} from "./decompress.ts";
import { BundleError } from "./errors.ts";
import { formatLimit } from "../../bytes.ts";
import { assertFileSize, type BundleLimits, resolveLimits } from "./limits.ts";
import { createEntryNames } from "./names.ts";
import { readTar } from "./tar.ts";

/** The files of an uploaded bundle and how they arrived. */
export interface UploadContents {
  /** Bare bundle file names (the top folder removed) to their bytes. */
  files: Map<string, Uint8Array>;
  format: ArchiveFormat | "files";
  topFolder: string | null;
  /** Bytes of the uncompressed tar stream, or the sum of the form files. */
  unpackedBytes: number;
}

/** Caps to apply instead of the defaults (tests lower them). */
export interface ReadOptions {
  limits?: Partial<BundleLimits>;
}

/**
 * Reads an uploaded archive (plain tar, tar.gz or tar.zst, told apart by magic bytes) into its
 * bundle files, enforcing every cap and entry rule of docs/security.md "Uploads".
 */
export async function readArchive(
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<UploadContents> {
  const limits = resolveLimits(options.limits);
  if (bytes.length > limits.maxArchiveBytes) {
    throw new BundleError(
      "archive_too_large",
      `the archive is ${bytes.length} bytes; the limit for an uploaded archive is ` +
        formatLimit(limits.maxArchiveBytes),
      {
        step: 1,
        expected: `at most ${limits.maxArchiveBytes} bytes`,
        found: `${bytes.length} bytes`,
      },
    );
  }
  const format = detectArchiveFormat(bytes);
  let tar = bytes;
  if (format === "tar") {
    if (bytes.length > limits.maxUnpackedBytes) throw unpackedTooLarge(limits.maxUnpackedBytes);
  } else {
    tar = await decompressArchive(bytes, format, { maxBytes: limits.maxUnpackedBytes });
  }
  const { files, topFolder } = await readTar(tar, limits);
  return { files, format, topFolder, unpackedBytes: tar.length };
}

/** Reads files uploaded one by one (a form), through the same name, count and size rules. */
export function readFormFiles(
  entries: Iterable<readonly [string, Uint8Array]>,
  options: ReadOptions = {},
): UploadContents {
  const limits = resolveLimits(options.limits);
  const names = createEntryNames({ allowFolder: false });
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const [path, bytes] of entries) {
    if (files.size >= limits.maxEntries) {
      throw new BundleError(
        "archive_too_many_entries",
        `the upload has more than ${limits.maxEntries} files, the limit for files`,
        {
          step: 1,
          expected: `at most ${limits.maxEntries} files`,
          found: `more than ${limits.maxEntries}`,
        },
      );
    }
    const name = names.addFile(path);
    assertFileSize(name, bytes.length, limits);
    total += bytes.length;
    if (total > limits.maxUnpackedBytes) {
      throw unpackedTooLarge(limits.maxUnpackedBytes, "the uploaded files add up");
    }
    files.set(name, bytes);
  }
  return { files, format: "files", topFolder: null, unpackedBytes: total };
}
