import { Buffer } from "node:buffer";
import zlib from "node:zlib";
import { BundleError, formatBytes } from "./errors.ts";
import { ByteSink } from "../../bytes.ts";
import { zstdFrames } from "./zstd_frame.ts";

/** The archive transports FORMAT.md allows. */
export type ArchiveFormat = "tar" | "tar.gz" | "tar.zst";

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
 * Decompresses a gzip or zstd archive, counting the output as it streams: a bomb is stopped at
 * `maxBytes`, never fully inflated. Only the compressed stream is allowed, with nothing after it.
 */
export async function decompressArchive(
  bytes: Uint8Array,
  format: "tar.gz" | "tar.zst",
  options: { maxBytes: number },
): Promise<Uint8Array> {
  const parts = format === "tar.gz" ? [bytes] : zstdFrames(bytes);
  // gzip's trailer states the unpacked size (mod 2^32): a hint that sizes the buffer, never
  // trusted as a limit. zstd is given twice its compressed size to start with.
  const hint = format === "tar.gz" && bytes.length >= 4
    ? new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true)
    : bytes.length * 2;
  const sink = new ByteSink(hint, options.maxBytes);
  for (const part of parts) await inflate(part, format, sink);
  const output = sink.bytes();
  if (!hasTarMagic(output)) {
    const name = format === "tar.gz" ? "gzip" : "zstd";
    throw new BundleError(
      "archive_format_unsupported",
      `the ${name} stream does not hold a tar archive; allowed: ${ALLOWED}`,
      { step: 1, expected: ALLOWED, found: "compressed data that is not a tar archive" },
    );
  }
  return output;
}

/** Inflates one gzip stream or zstd frame into `sink`, stopping at its maximum. */
function inflate(bytes: Uint8Array, format: "tar.gz" | "tar.zst", sink: ByteSink) {
  const maxBytes = sink.max;
  const name = format === "tar.gz" ? "gzip" : "zstd";
  const stream = format === "tar.gz" ? zlib.createGunzip() : zlib.createZstdDecompress();
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (error: BundleError) => {
      if (settled) return;
      settled = true;
      stream.destroy();
      reject(error);
    };
    stream.on("data", (chunk: Uint8Array) => {
      if (!sink.push(chunk)) fail(unpackedTooLarge(maxBytes));
    });
    stream.on("error", (error: Error) => fail(zlibError(error, name)));
    stream.on("end", () => {
      // Gunzip skips trailing zero bytes silently; what it consumed must be the whole upload.
      if (format === "tar.gz" && stream.bytesWritten !== bytes.length) {
        fail(trailingData(name, bytes.length - stream.bytesWritten));
        return;
      }
      settled = true;
      resolve();
    });
    stream.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

/** The archive_unpacked_too_large error, naming the cap. */
export function unpackedTooLarge(maxBytes: number, subject = "the archive unpacks"): BundleError {
  return new BundleError(
    "archive_unpacked_too_large",
    `${subject} to more than ${formatBytes(maxBytes)}, the limit for the unpacked total`,
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
  // The first magic bytes were checked, so a bad header can only be a second stream that is
  // not one: gunzip reads whatever follows a gzip member as the start of another member.
  if (/incorrect header check/i.test(error.message)) return trailingData(name, null);
  return new BundleError("archive_corrupt", `the ${name} stream is corrupt: ${error.message}`, {
    step: 1,
    expected: `a valid ${name} stream`,
    found: error.message,
  });
}

function trailingData(name: string, count: number | null): BundleError {
  const found = count === null ? "bytes after the stream" : `${count} bytes after the stream`;
  return new BundleError(
    "archive_trailing_data",
    `the upload has ${found}; only one ${name} stream is allowed, with nothing after it`,
    { step: 1, expected: `one ${name} stream and nothing after it`, found },
  );
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}
