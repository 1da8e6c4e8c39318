import { BundleError } from "./errors.ts";

const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/**
 * Splits a zstd stream into its frames. RFC 8878 lets a stream hold several frames, decoded one
 * after another (pzstd writes them, and so does node:zlib's own compressor for large inputs), but
 * the node:zlib decoder stops after the first frame, ends quietly on a truncated one and ignores
 * what follows; so frames are found here and decoded one by one. Anything that is not a zstd
 * frame (skippable frames included) is trailing data.
 */
export function zstdFrames(bytes: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const rest = bytes.subarray(offset);
    if (!MAGIC.every((byte, index) => rest[index] === byte)) {
      throw new BundleError(
        "archive_trailing_data",
        `the upload has ${rest.length} bytes after the stream; only zstd frames are allowed, with ` +
          "nothing after them",
        {
          step: 1,
          expected: "zstd frames and nothing after them",
          found: `${rest.length} other bytes`,
        },
      );
    }
    const end = zstdFrameEnd(rest);
    frames.push(rest.subarray(0, end));
    offset += end;
  }
  return frames;
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
