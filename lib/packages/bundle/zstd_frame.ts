import { BundleError } from "./errors.ts";

const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/**
 * Checks that `bytes` is one zstd frame, with nothing after it but empty frames. RFC 8878 lets
 * a stream hold several frames, but readers disagree on them: node:zlib's decoder stops after
 * the first frame and ignores the rest, others read on. A tar split over two frames would be
 * one archive to this verifier and another to a runtime, so docs/security.md U7 "nothing
 * after it" means one frame of data here. Frames that hold no data at all read the same either
 * way and are allowed, because node:zlib's own compressor ends a large output with one. A
 * skippable frame or any other byte after the frame is refused.
 */
export function assertOneZstdFrame(bytes: Uint8Array): void {
  let offset = readFrame(bytes).end;
  while (offset < bytes.length) {
    const rest = bytes.subarray(offset);
    const isFrame = MAGIC.every((byte, index) => rest[index] === byte);
    // Whatever is wrong with a later frame, it is refused as a second frame.
    const frame = isFrame ? tryReadFrame(rest) : null;
    if (!frame?.empty) {
      const found = isFrame
        ? `a second zstd frame (${rest.length} bytes after the first)`
        : `${rest.length} bytes after the stream`;
      throw new BundleError(
        "archive_trailing_data",
        `the upload has ${found}; only one zstd frame is allowed, with nothing after it`,
        { step: 1, expected: "one zstd frame and nothing after it", found },
      );
    }
    offset += frame.end;
  }
}

function tryReadFrame(bytes: Uint8Array): { end: number; empty: boolean } | null {
  try {
    return readFrame(bytes);
  } catch (error) {
    if (error instanceof BundleError) return null;
    throw error;
  }
}

/** The end of the zstd frame at the start of `bytes` (from its block headers), and whether
 * its blocks hold no bytes. */
function readFrame(bytes: Uint8Array): { end: number; empty: boolean } {
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
  let empty = true;
  for (;;) {
    need(pos + 3);
    const header = bytes[pos]! | (bytes[pos + 1]! << 8) | (bytes[pos + 2]! << 16);
    pos += 3;
    const blockType = (header >> 1) & 0b11;
    if (blockType === 3) corrupt("it has a block of the reserved type");
    // Block_Size: the bytes stored, or for an RLE block how often its one byte repeats.
    if (header >>> 3 !== 0) empty = false;
    pos += blockType === 1 ? 1 : header >>> 3;
    if (header & 1) break;
  }
  pos += hasChecksum ? 4 : 0;
  need(pos);
  return { end: pos, empty };
}

function corrupt(reason: string): never {
  throw new BundleError("archive_corrupt", `the zstd stream is corrupt: ${reason}`, {
    step: 1,
    expected: "a valid zstd frame",
    found: reason,
  });
}
