import { BundleError } from "./errors.ts";

const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/**
 * Checks that `bytes` is exactly one zstd frame. RFC 8878 lets a stream hold several frames,
 * but readers disagree on them: node:zlib's decoder stops after the first frame and ignores
 * the rest, others read on. A tar split over two frames would be one archive to this verifier
 * and another to a runtime, so FORMAT.md's "one stream, nothing after it" means one frame here;
 * a skippable frame or any other byte after it is refused too.
 */
export function assertOneZstdFrame(bytes: Uint8Array): void {
  const end = zstdFrameEnd(bytes);
  const rest = bytes.length - end;
  if (rest === 0) return;
  const second = MAGIC.every((byte, index) => bytes[end + index] === byte);
  const found = second
    ? `a second zstd frame (${rest} bytes after the first)`
    : `${rest} bytes after the stream`;
  throw new BundleError(
    "archive_trailing_data",
    `the upload has ${found}; only one zstd frame is allowed, with nothing after it`,
    { step: 1, expected: "one zstd frame and nothing after it", found },
  );
}

/** Offset just past the zstd frame at the start of `bytes`, found from its block headers. */
export function zstdFrameEnd(bytes: Uint8Array): number {
  const need = (end: number) => {
    if (end > bytes.length) {
      throw new BundleError(
        "archive_truncated",
        "the zstd stream ends before its frame is complete; the upload is truncated",
        { step: 1, expected: "a complete zstd frame", found: `${bytes.length} bytes` },
      );
    }
  };
  need(5);
  const descriptor = bytes[4]!;
  if (descriptor & 0b1000) corrupt("its frame header sets a reserved bit");
  const contentSizeFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const hasChecksum = (descriptor >> 2) & 1;
  const dictionaryIdSize = [0, 1, 2, 4][descriptor & 0b11]!;
  const contentSizeSize = [singleSegment, 2, 4, 8][contentSizeFlag]!;
  let pos = 5 + (singleSegment ? 0 : 1) + dictionaryIdSize + contentSizeSize;
  for (;;) {
    need(pos + 3);
    const header = bytes[pos]! | (bytes[pos + 1]! << 8) | (bytes[pos + 2]! << 16);
    pos += 3;
    const blockType = (header >> 1) & 0b11;
    if (blockType === 3) corrupt("it has a block of the reserved type");
    // An RLE block stores one byte, repeated on decoding; the others store Block_Size bytes.
    pos += blockType === 1 ? 1 : header >>> 3;
    if (header & 1) break;
  }
  pos += hasChecksum ? 4 : 0;
  need(pos);
  return pos;
}

function corrupt(reason: string): never {
  throw new BundleError("archive_corrupt", `the zstd stream is corrupt: ${reason}`, {
    step: 1,
    expected: "a valid zstd frame",
    found: reason,
  });
}
