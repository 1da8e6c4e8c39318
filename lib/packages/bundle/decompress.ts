import { Buffer } from "node:buffer";
import zlib from "node:zlib";
import { BundleError } from "./errors.ts";
import { formatLimit } from "../../bytes.ts";
import { checkGzipTrailer, gzipHeaderLength } from "./gzip_member.ts";
import { assertOneZstdFrame } from "./zstd_frame.ts";

/** The archive transports docs/bundle-format.md "Archive" allows. */
export type ArchiveFormat = "tar" | "tar.gz" | "tar.zst";

/** The media type an archive of each format is stored and served with. */
export const ARCHIVE_MEDIA_TYPES: Readonly<Record<ArchiveFormat, string>> = {
  "tar": "application/x-tar",
  "tar.gz": "application/gzip",
  "tar.zst": "application/zstd",
};

const ALLOWED = "a tar archive, plain (.tar), gzip (.tar.gz) or zstd (.tar.zst)";

const OTHER_FORMATS: ReadonlyArray<[string, number[]]> = [
  ["a zip archive", [0x50, 0x4b, 0x03, 0x04]],
  ["an empty zip archive", [0x50, 0x4b, 0x05, 0x06]],
  ["a bzip2 stream", [0x42, 0x5a, 0x68]],
  ["an xz stream", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ["a 7z archive", [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ["a rar archive", [0x52, 0x61, 0x72, 0x21]],
];

/** True when `bytes` has the ustar magic (POSIX or GNU) at offset 257. */
export function hasTarMagic(bytes: Uint8Array): boolean {
  return startsWith(bytes.subarray(257), [0x75, 0x73, 0x74, 0x61, 0x72]);
}

/** Names the archive format from its magic bytes, never from a file name or content type. */
export function detectArchiveFormat(bytes: Uint8Array): ArchiveFormat {
  if (startsWith(bytes, [0x1f, 0x8b])) return "tar.gz";
  if (startsWith(bytes, [0x28, 0xb5, 0x2f, 0xfd])) return "tar.zst";
  if (hasTarMagic(bytes)) return "tar";
  const other = OTHER_FORMATS.find(([, magic]) => startsWith(bytes, magic))?.[0];
  const hex = [...bytes.subarray(0, 4)].map((byte) => byte.toString(16).padStart(2, "0")).join(" ");
  const found = bytes.length === 0 ? "an empty upload" : other ?? `unknown data starting ${hex}`;
  throw new BundleError(
    "archive_format_unsupported",
    `the upload is ${found}; allowed: ${ALLOWED}`,
    {
      step: 1,
      expected: ALLOWED,
      found,
    },
  );
}

/**
 * Decompresses a gzip or zstd archive. zlib stops at `maxBytes`, so a bomb is never fully
 * inflated. Only one compressed stream is allowed (one gzip member, one zstd frame), with
 * nothing after it.
 *
 * One stream is inflated into a single buffer sized from the size it declares (gzip's trailer,
 * a hint, never trusted as a limit): no output chunks for the collector to find later, which is
 * what keeps a publish's peak memory near the archive plus the tar (ADR 0008). It runs on the
 * calling thread: about 1 ms per MiB of output here, more for data that compresses well.
 */
export function decompressArchive(
  bytes: Uint8Array,
  format: "tar.gz" | "tar.zst",
  options: { maxBytes: number },
): Promise<Uint8Array> {
  const { maxBytes } = options;
  // Before inflating: the node:zlib zstd decoder ends quietly on a truncated frame.
  if (format === "tar.zst") assertOneZstdFrame(bytes);
  const hint = format === "tar.gz" && bytes.length >= 4
    ? new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true)
    : bytes.length * 2;
  const output = inflate(bytes, format, hint, maxBytes);
  if (!hasTarMagic(output)) {
    const name = format === "tar.gz" ? "gzip" : "zstd";
    throw new BundleError(
      "archive_format_unsupported",
      `the ${name} stream does not hold a tar archive; allowed: ${ALLOWED}`,
      { step: 1, expected: ALLOWED, found: "compressed data that is not a tar archive" },
    );
  }
  return Promise.resolve(output);
}

/** Inflates one gzip member or zstd frame into at most `maxBytes`. */
function inflate(
  bytes: Uint8Array,
  format: "tar.gz" | "tar.zst",
  sizeHint: number,
  maxBytes: number,
): Uint8Array {
  const name = format === "tar.gz" ? "gzip" : "zstd";
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const options = {
    // One more byte than the hint, so a truthful hint ends with room left in the one chunk and
    // zlib hands that chunk back as it is; a false one only costs more, smaller chunks.
    chunkSize: Math.max(Math.min(sizeHint, maxBytes) + 1, 64 * 1024),
    maxOutputLength: Math.max(maxBytes, 1),
    info: true as const,
  };
  // gzip: the deflate data after the header, inflated raw so that zlib stops at its end and
  // says where that is (gunzip would read on into a second member).
  const header = format === "tar.gz" ? gzipHeaderLength(bytes) : 0;
  let result: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    result = (format === "tar.gz"
      ? zlib.inflateRawSync(input.subarray(header), options)
      : zlib.zstdDecompressSync(input, options)) as unknown as typeof result;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw unpackedTooLarge(maxBytes);
    }
    throw zlibError(error as Error, name);
  }
  if (format === "tar.gz") {
    checkGzipTrailer(bytes, header + result.engine.bytesWritten, result.buffer);
  }
  return result.buffer;
}

/** The archive_unpacked_too_large error, naming the cap. */
export function unpackedTooLarge(maxBytes: number, subject = "the archive unpacks"): BundleError {
  return new BundleError(
    "archive_unpacked_too_large",
    `${subject} to more than ${formatLimit(maxBytes)}, the limit for the unpacked total`,
    {
      step: 1,
      expected: `at most ${maxBytes} bytes unpacked`,
      found: `more than ${maxBytes} bytes`,
    },
  );
}

function zlibError(error: Error, name: string): BundleError {
  if (/unexpected end of file/i.test(error.message)) {
    return new BundleError(
      "archive_truncated",
      `the ${name} stream ends early; the upload is truncated`,
      { step: 1, expected: `a complete ${name} stream`, found: error.message },
    );
  }
  return new BundleError("archive_corrupt", `the ${name} stream is corrupt: ${error.message}`, {
    step: 1,
    expected: `a valid ${name} stream`,
    found: error.message,
  });
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}
