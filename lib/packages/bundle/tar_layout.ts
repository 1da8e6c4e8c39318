import { BundleError } from "./errors.ts";

// tar-stream decodes entries but applies GNU long names and global pax headers silently and
// parses on past the end-of-archive marker. These checks look at the blocks it skipped: the
// extended headers in front of each entry and everything after the last one.

const BLOCK = 512;

/** Pax keys that only carry metadata; trust never depends on tar metadata (bundle-format.md). */
const HARMLESS_PAX_KEYS = new Set([
  "atime",
  "ctime",
  "mtime",
  "uid",
  "gid",
  "uname",
  "gname",
  "comment",
  "SCHILY.dev",
  "SCHILY.ino",
  "SCHILY.nlink",
  "SCHILY.fflags",
  "LIBARCHIVE.creationtime",
]);
const HARMLESS_PAX_PREFIXES = ["SCHILY.xattr.", "LIBARCHIVE.xattr."];

/** Rounds a size up to whole 512-byte blocks. */
export function blockAligned(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

/**
 * Checks the blocks between the end of the previous entry and the header of `entryName`: only
 * pax headers whose keys are harmless metadata may sit there. A path or size rewrite, a GNU long
 * name, or a zero block (an entry after the end-of-archive marker) is refused.
 */
export function checkExtendedHeaders(
  tar: Uint8Array,
  range: { start: number; end: number; entryName: string },
): void {
  const { entryName } = range;
  let pos = range.start;
  while (pos < range.end) {
    const block = tar.subarray(pos, pos + BLOCK);
    if (block.every((byte) => byte === 0)) {
      throw new BundleError(
        "archive_trailing_data",
        `the tar archive has the entry ${JSON.stringify(entryName)} after its end-of-archive ` +
          "marker; nothing but zero padding may follow it",
        { step: 1, file: entryName, expected: "zero padding", found: "another entry" },
      );
    }
    const type = String.fromCharCode(block[156]!);
    const size = octalSize(block, entryName);
    if (type === "x" || type === "g") {
      checkPaxKeys(tar.subarray(pos + BLOCK, pos + BLOCK + size), entryName);
    } else {
      const kind = type === "L" || type === "K" || type === "N" ? "a GNU long-name" : "an unknown";
      throw extendedHeaderError(`${kind} header (typeflag ${JSON.stringify(type)})`, entryName);
    }
    pos += BLOCK + blockAligned(size);
  }
  if (pos !== range.end) throw extendedHeaderError("a malformed extended header", entryName);
}

/** Checks what follows the last entry: zero blocks only, at least the two of the end marker. */
export function checkArchiveEnd(tar: Uint8Array, lastEnd: number): void {
  const tail = tar.subarray(lastEnd);
  if (!tail.every((byte) => byte === 0)) {
    throw new BundleError(
      "archive_trailing_data",
      "the tar archive has data after its last entry; only the end-of-archive marker and zero " +
        "padding may follow it",
      { step: 1, expected: "zero padding", found: "non-zero bytes" },
    );
  }
  if (tail.length < 2 * BLOCK) {
    throw new BundleError(
      "archive_truncated",
      "the tar archive has no end-of-archive marker (two zero blocks); the upload is truncated",
      { step: 1, expected: "two zero blocks at the end", found: `${tail.length} bytes` },
    );
  }
}

function checkPaxKeys(data: Uint8Array, entryName: string): void {
  // Records are "<length> <key>=<value>\n", the length counting the whole record.
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    const digits = space === -1 ? "" : new TextDecoder().decode(data.subarray(pos, space));
    // Plain decimal only: Number() would also read "0x20" or "1e2", which tar-stream does not.
    const length = /^[1-9][0-9]{0,8}$/.test(digits) ? Number(digits) : NaN;
    if (Number.isNaN(length) || space >= pos + length || pos + length > data.length) {
      throw extendedHeaderError("a malformed pax header", entryName);
    }
    const record = new TextDecoder().decode(data.subarray(space + 1, pos + length - 1));
    const key = record.slice(0, record.indexOf("="));
    const harmless = HARMLESS_PAX_KEYS.has(key) ||
      HARMLESS_PAX_PREFIXES.some((prefix) => key.startsWith(prefix));
    if (!harmless) {
      throw extendedHeaderError(`a pax header that sets ${JSON.stringify(key)}`, entryName);
    }
    pos += length;
  }
}

function octalSize(block: Uint8Array, entryName: string): number {
  const field = new TextDecoder().decode(block.subarray(124, 136)).replace(/[\0 ]+$/, "").trim();
  if (!/^[0-7]{1,12}$/.test(field)) {
    throw extendedHeaderError("a header with an invalid size", entryName);
  }
  return parseInt(field, 8);
}

function extendedHeaderError(what: string, entryName: string): BundleError {
  const target = JSON.stringify(entryName);
  return new BundleError(
    "archive_extended_header",
    `the tar archive has ${what} before ${target}; headers that rewrite a path or size are not ` +
      "allowed (only metadata such as mtime)",
    { step: 1, file: entryName, expected: "pax metadata only", found: what },
  );
}
