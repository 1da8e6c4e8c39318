// docs/security.md U7 allows one gzip stream with nothing after it. RFC 1952 lets a file
// hold several members, and zlib's gunzip reads them all, but other readers stop after the
// first: a tar split over two members would be one archive to this verifier and another to
// them. So the member is read by hand: its header here, a raw inflate that reports where the
// deflate data ends, then the trailer (CRC-32 and size) and nothing after it.
import zlib from "node:zlib";
import { BundleError } from "./errors.ts";

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED = 0xe0;

/** The length of the gzip member header at the start of `bytes` (RFC 1952 section 2.3). */
export function gzipHeaderLength(bytes: Uint8Array): number {
  need(bytes, 10);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) corrupt("it does not start with the gzip magic");
  if (bytes[2] !== 8) corrupt(`its compression method is ${bytes[2]}, not deflate (8)`);
  const flags = bytes[3]!;
  if (flags & RESERVED) corrupt("its header sets a reserved flag");
  let pos = 10;
  if (flags & FEXTRA) {
    need(bytes, pos + 2);
    pos += 2 + (bytes[pos]! | (bytes[pos + 1]! << 8));
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    const end = bytes.indexOf(0, pos);
    if (end === -1) truncated(bytes);
    pos = end + 1;
  }
  if (flags & FHCRC) pos += 2;
  need(bytes, pos);
  return pos;
}

/**
 * Checks the 8-byte trailer after the deflate data, which ends at `end`, against the inflated
 * `output`, and that nothing follows it: a second member is refused like any trailing bytes.
 */
export function checkGzipTrailer(bytes: Uint8Array, end: number, output: Uint8Array): void {
  need(bytes, end + 8);
  const view = new DataView(bytes.buffer, bytes.byteOffset + end, 8);
  if (view.getUint32(0, true) !== zlib.crc32(output)) {
    corrupt("its CRC-32 does not match the data");
  }
  if (view.getUint32(4, true) !== output.length % 2 ** 32) {
    corrupt("its recorded size does not match the data");
  }
  const rest = bytes.length - (end + 8);
  if (rest === 0) return;
  const second = bytes[end + 8] === 0x1f && bytes[end + 9] === 0x8b;
  const found = second
    ? `a second gzip member (${rest} bytes after the first)`
    : `${rest} bytes after the stream`;
  throw new BundleError(
    "archive_trailing_data",
    `the upload has ${found}; only one gzip stream is allowed, with nothing after it`,
    { step: 1, expected: "one gzip stream and nothing after it", found },
  );
}

function need(bytes: Uint8Array, length: number): void {
  if (bytes.length < length) truncated(bytes);
}

function truncated(bytes: Uint8Array): never {
  throw new BundleError(
    "archive_truncated",
    "the gzip stream ends early; the upload is truncated",
    {
      step: 1,
      expected: "a complete gzip stream",
      found: `${bytes.length} bytes`,
    },
  );
}

function corrupt(reason: string): never {
  throw new BundleError("archive_corrupt", `the gzip stream is corrupt: ${reason}`, {
    step: 1,
    expected: "a valid gzip stream",
    found: reason,
  });
}
